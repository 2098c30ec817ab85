import { eq } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, expectAudited } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { dpcActions } from '../../platform/db/schema-dpc.js';
import { dpcSignalementEvidence, dpcSignalementReporters, dpcSignalements } from '../../platform/db/schema-dpc-signalements.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';
import { PNG } from './signalement-filing.testing.js';
import { multipartBody, postFormStream, postForm } from '../../test/multipart.js';

// POST /api/dpc/signalements/public (a patient's relative, no account) and the catalogue suggestions.

const RELATIVE = { fullName: 'Hélène Prochedupatient', email: 'helene.proche@exemple.fr', phone: '07 98 76 54 32', relation: 'Fille de la patiente' };
const FACTS = 'Ma mère a arrêté sa chimiothérapie après un stage où on lui a dit que le décodage biologique permet de guérir le cancer.';

describe('DPC signalements: a relative’s public filing and the catalogue suggestions', () => {
  let t: TestApp;
  let actionId: string;

  const anonymous = async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    return client;
  };
  const body = (values: Record<string, unknown> = {}) => ({
    kind: 'derive_sectaire',
    reporterKind: 'proche',
    subject: { kind: 'action', actionId },
    facts: FACTS,
    concernsHealth: true,
    reporter: RELATIVE,
    ...values,
  });

  beforeAll(async () => {
    t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: '65536', UPLOAD_MAX_CONCURRENT_ANONYMOUS: '1' } });
    const admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    const rows = [
      catalogueRow({ organisationNumber: '9876', organisationName: 'École du sens biologique', title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME }),
      // Twelve actions sharing a word, for the bound of ten suggestions.
      ...Array.from({ length: 12 }, (_, i) => catalogueRow({ title: `Diabète de type 2, session ${i + 1}` })),
    ];
    const imported = await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'catalogue.csv', contentBase64: catalogueCsv(rows) });
    expect(imported.statusCode, imported.body).toBe(200);
    const [action] = await t.database.db.select().from(dpcActions).where(eq(dpcActions.reference, rows[0]!.reference));
    actionId = action!.id;
  });
  afterAll(() => t.close());

  it.each([
    ['reporterKind', { reporterKind: 'participant' }],
    ['reporter.email', { reporter: { ...RELATIVE, email: undefined } }],
    ['reporter.fullName', { reporter: { ...RELATIVE, fullName: ' ' } }],
    ['reporter.relation', { reporter: { ...RELATIVE, relation: undefined } }],
    ['subject.actionId', { subject: { kind: 'action', actionId: '00000000-0000-4000-8000-000000000000' } }],
    ['facts', { facts: '' }],
  ])('refuses a bad « %s » from a visitor', async (field, values) => {
    const res = await (await anonymous()).post('/api/dpc/signalements/public', body(values));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('files a relative’s signalement without an account: no filer, identity apart, audit without personal data, acknowledgement mailed', async () => {
    const res = await (await anonymous()).post('/api/dpc/signalements/public', body());
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({ status: 'nouveau', publicStatusLabel: 'Reçu' });
    expect(filed.screened.priority).not.toBe('aucune');
    const [row] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, filed.id));
    expect(row).toMatchObject({ reporterKind: 'proche', filedBy: null, subjectLabel: 'Le sens caché des maladies', kind: 'derive_sectaire', concernsHealth: true });
    const [reporter] = await t.database.db.select().from(dpcSignalementReporters).where(eq(dpcSignalementReporters.signalementId, filed.id));
    expect(reporter).toEqual({ signalementId: filed.id, ...RELATIVE, profession: null });

    const audit = await expectAudited(t.database, 'dpc.signalement.filed', filed.id);
    expect(audit.actorId).toBeNull();
    expect(audit.details).toMatchObject({ reference: filed.reference, reporterKind: 'proche', subjectKind: 'action' });
    const auditJson = JSON.stringify(audit);
    for (const secret of [RELATIVE.fullName, RELATIVE.email, RELATIVE.phone, RELATIVE.relation, 'chimiothérapie']) expect(auditJson).not.toContain(secret);

    const mail = await t.catcher.waitFor((m) => m.to.includes(RELATIVE.email) && m.subject.includes(filed.reference));
    expect(mail.subject).toBe(`Votre signalement ${filed.reference} a bien été reçu`);
    expect(mail.headers['auto-submitted']).toBe('auto-replied');
    expect(mail.text).not.toContain('mes-signalements');
    expect(mail.text).not.toContain('chimiothérapie');
  });

  it('takes evidence from a visitor as the reports’ anonymous form does (multipart)', async () => {
    const visitor = await anonymous();
    const res = await postForm(t, visitor, '/api/dpc/signalements/public', body(), [{ name: 'ordonnance.png', bytes: PNG }]);
    expect(res.statusCode, res.body).toBe(201);
    const evidence = await t.database.db.select().from(dpcSignalementEvidence).where(eq(dpcSignalementEvidence.signalementId, res.json().id));
    expect(evidence).toMatchObject([{ fileName: 'ordonnance.png', mediaType: 'image/png', sizeBytes: PNG.length }]);
    // A visitor may not pose as a participant through the form either.
    const posing = await postForm(t, visitor, '/api/dpc/signalements/public', body({ reporterKind: 'participant' }), [{ name: 'a.png', bytes: PNG }]);
    expect(posing.statusCode).toBe(400);
    expect(posing.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['reporterKind']);
  });

  it('answers 503 UPLOADS_BUSY with Retry-After while the visitors’ upload slots are taken, before reading the body', async () => {
    const before = await t.storedUploads();
    // One visitor's file is still arriving: it holds the only slot (its file is open in the store).
    const held = multipartBody(body({ reporter: { ...RELATIVE, email: 'lent@exemple.fr' } }), [{ name: 'capture.png', bytes: PNG }]);
    const cut = held.payload.indexOf(PNG) + 16;
    const slow = new PassThrough();
    slow.write(held.payload.subarray(0, cut));
    const heldResponse = postFormStream(t, await anonymous(), '/api/dpc/signalements/public', held.contentType, slow);
    for (let i = 0; (await t.storedUploads()) < before + 1; i++) {
      if (i > 600) throw new Error('the held upload never reached the store');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const next = multipartBody(body(), [{ name: 'ordonnance.png', bytes: PNG }]);
    const open = new PassThrough();
    open.write(next.payload.subarray(0, 100));
    const busy = await postFormStream(t, await anonymous(), '/api/dpc/signalements/public', next.contentType, open);
    open.destroy();
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('60');
    expect(busy.json().error).toMatchObject({ code: 'UPLOADS_BUSY', message: 'Trop de dépôts de fichiers sont en cours. Réessayez dans une minute.' });

    slow.end(held.payload.subarray(cut));
    expect((await heldResponse).statusCode).toBe(201);
    // The slot is free again.
    expect((await postForm(t, await anonymous(), '/api/dpc/signalements/public', body(), [{ name: 'ordonnance.png', bytes: PNG }])).statusCode).toBe(201);
  });

  it('limits a visitor’s filings to a few a minute', async () => {
    const visitor = await anonymous();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await visitor.post('/api/dpc/signalements/public', body({ facts: '' }))).statusCode);
    expect(codes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(codes[5]).toBe(429);
  });

  it('suggests at most ten catalogue actions by title, reference or organisation, never their programme or screening', async () => {
    const visitor = await anonymous();
    const short = await visitor.get('/api/dpc/catalogue/suggestions?q=ab');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields).toEqual([{ path: 'q', message: 'Tapez au moins 3 caractères.' }]);

    const byOrganisation = await visitor.get(`/api/dpc/catalogue/suggestions?q=${encodeURIComponent('ecole SENS')}`);
    expect(byOrganisation.statusCode, byOrganisation.body).toBe(200);
    expect(byOrganisation.json().items).toEqual([{ id: actionId, reference: expect.any(String), title: 'Le sens caché des maladies', organisationName: 'École du sens biologique' }]);

    const many = await visitor.get('/api/dpc/catalogue/suggestions?q=diabete');
    expect(many.json().items).toHaveLength(10);
    for (const item of many.json().items) expect(Object.keys(item).sort()).toEqual(['id', 'organisationName', 'reference', 'title']);

    // « chimiothérapie » is only in a programme: not searched.
    expect((await visitor.get('/api/dpc/catalogue/suggestions?q=chimiotherapie')).json().items).toEqual([]);
  });
});
