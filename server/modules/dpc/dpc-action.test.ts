import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DRIFT_LEXICON_VERSION } from '../../../analysis/dpc/index.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { dpcActions } from '../../platform/db/schema-dpc.js';
import { getDpcAction } from './dpc-action.service.js';
import { insertSignalement, REPORTER } from './dpc-signalements.testing.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME, GENUINE_PROGRAMME } from './dpc.testing.js';

interface Finding {
  ruleId: string;
  familyLabel: string;
  evidence: { start: number; end: number; text: string }[];
}

describe('DPC catalogue: an action’s own page', () => {
  let t: TestApp;
  let agent: TestClient;
  let reviewer: TestClient;
  let doctor: TestClient;
  let doctorId: string;
  const drift = catalogueRow({
    organisationNumber: '9876',
    organisationName: 'École du sens biologique',
    organisationEmail: 'contact@sens-bio.example.fr',
    organisationPhone: '04 72 00 00 00',
    title: 'Guérir le cancer par le décodage biologique',
    programme: DRIFT_PROGRAMME,
    format: 'e-learning',
  });
  const genuine = catalogueRow();
  const ids: Record<'drift' | 'genuine', string> = { drift: '', genuine: '' };
  const idOf = async (reference: string) => (await t.database.db.select({ id: dpcActions.id }).from(dpcActions).where(eq(dpcActions.reference, reference)))[0]!.id;

  beforeAll(async () => {
    t = await buildTestApp();
    const admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '69' }));
    reviewer = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'relecteur_dpc', departement: null }));
    const doctorUser = await buildUser(t.database, t.keys, { role: 'medecin' });
    doctorId = doctorUser.user.id;
    doctor = await loggedIn(t, doctorUser);
    const imported = await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'c.csv', contentBase64: catalogueCsv([drift, genuine]) });
    expect(imported.statusCode, imported.body).toBe(200);
    ids.drift = await idOf(drift.reference);
    ids.genuine = await idOf(genuine.reference);
    await insertSignalement(t.database, { actionId: ids.drift });
    await insertSignalement(t.database, { actionId: ids.drift, status: 'decide' });
    await insertSignalement(t.database, { subjectKind: 'praticien' });
  });
  afterAll(() => t.close());

  it('refuses anonymous callers (401) and doctors (403, refusal audited, nothing of the action in the answer)', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.get(`/api/dpc/actions/${ids.drift}`)).statusCode).toBe(401);

    const refused = await doctor.get(`/api/dpc/actions/${ids.drift}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('décodage');
    const denial = (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;
    expect(denial.actorId).toBe(doctorId);
    expect(denial.details).toMatchObject({ permission: 'dpc:catalogue_read' });
  });

  it('refuses a script acting for a doctor, in the service itself', async () => {
    await expect(getDpcAction({ database: t.database }, { userId: doctorId, role: 'medecin', departement: '75' }, ids.drift)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers 400 naming the field for an id that is not a uuid, and 404 for an unknown action', async () => {
    const bad = await agent.get('/api/dpc/actions/pas-un-identifiant');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
    const unknown = await agent.get('/api/dpc/actions/0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('serves the drift action: its organisation, its screening, evidence spans that slice the screened text, and its signalements counted', async () => {
    const res = await agent.get(`/api/dpc/actions/${ids.drift}`);
    expect(res.statusCode, res.body).toBe(200);
    const action = res.json();
    expect(action).toMatchObject({
      id: ids.drift,
      reference: drift.reference,
      title: drift.title,
      programme: DRIFT_PROGRAMME,
      format: 'non_presentiel',
      formatLabel: 'Non présentiel (e-learning, classe virtuelle)',
      startsOn: '2026-03-14',
      endsOn: '2026-03-15',
      organisation: { registrationNumber: '9876', name: 'École du sens biologique', contactEmail: 'contact@sens-bio.example.fr', contactPhone: '04 72 00 00 00' },
      screening: { lexiconVersion: DRIFT_LEXICON_VERSION, priority: 'haute' },
      signalementCount: 2,
    });
    expect(action.screening.score).toBeGreaterThanOrEqual(70);
    expect(action.screening.screenedText).toBe(`${drift.title}\n\n${DRIFT_PROGRAMME}`);

    const findings = action.screening.findings as Finding[];
    expect(findings.map((f) => f.ruleId)).toContain('methode.decodage-biologique');
    const spans = findings.flatMap((f) => f.evidence);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) expect(action.screening.screenedText.slice(span.start, span.end)).toBe(span.text);
    // The title is screened too: a marker in it is found there, before the programme.
    expect(spans.some((span) => span.end <= drift.title.length)).toBe(true);
    // Counting the signalements shows nothing of them, least of all who filed them.
    expect(res.body).not.toContain(REPORTER.fullName);
    expect(res.body).not.toContain(REPORTER.email);
  });

  it('serves a genuine action with no marker and no signalement, to an expert reviewer too', async () => {
    const res = await reviewer.get(`/api/dpc/actions/${ids.genuine}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      programme: GENUINE_PROGRAMME,
      format: 'presentiel',
      formatLabel: 'Présentiel',
      orientation: 'Orientation n° 12 : maladies chroniques',
      organisation: { registrationNumber: '1234' },
      screening: { priority: 'aucune', score: 0, findings: [] },
      signalementCount: 0,
    });
  });
});
