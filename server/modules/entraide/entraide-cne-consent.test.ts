import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideCaseEvents, entraideCases } from '../../platform/db/schema-entraide.js';
import { auditEntries, expectAudited } from '../../test/factories.js';
import { buildEntraideCast, fileEntraideRequest, transmitToCne } from './entraide.testing.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

// A case transmitted to the CNE under its pseudonym, whose person later agrees that the CNE know who
// they are (docs/entraide.md « Workflow »): the CDE records the consent, the identity is sealed for the
// CNE as at a transmission with consent, and the CNE may then reveal it and refer the person to Crésus.

const NAME = 'Quillévéré-Anselme';
const PHONE = '06 98 76 54 32';
const NOTE = 'Accord donné par téléphone au référent, le 5 mars.';

describe('entraide: the consent to let the CNE know the identity, given after the transmission', () => {
  let t: TestApp;
  let doctor: TestClient;
  let cde: TestClient;
  let cdeUserId: string;
  let cde13: TestClient;
  let cne: TestClient;
  let formerCde: TestClient;

  const fileCase = () =>
    fileEntraideRequest(t, doctor, { natures: ['financiere'], urgency: 'rapide', message: 'Dettes du cabinet.', contact: { means: 'telephone', consent: true, phone: PHONE } });
  const transmit = (id: string, identityConsent: boolean) => transmitToCne(cde, id, identityConsent);
  const consent = (client: TestClient, id: string, body: Record<string, unknown> = { consent: true, note: NOTE }) => client.post(`/api/entraide/cases/${id}/cne-consent`, body);
  const caseRow = async (id: string) => (await t.database.db.select().from(entraideCases).where(eq(entraideCases.id, id)))[0]!;
  const consentEntries = async (id: string) => (await t.database.db.select().from(entraideCaseEvents).where(eq(entraideCaseEvents.caseId, id))).filter((e) => e.kind === 'consentement_cne');
  /** The last denial written on this case, by whoever. */
  const denialOn = (id: string) => expectAudited(t.database, 'authz.access.denied', id);

  beforeAll(async () => {
    t = await buildTestApp();
    ({ doctor, cde, cdeUserId, cde13, cne, formerCde } = await buildEntraideCast(t, { birthName: NAME, firstNames: 'Gaëlle' }));
  });
  afterAll(() => t.close());

  it('lets the CNE reveal the identity and refer the person to Crésus by name once the CDE records the consent', async () => {
    const id = await fileCase();
    await transmit(id, false);
    // Before: the CNE works under the pseudonym, and Crésus cannot be prescribed.
    expect((await cne.post(`/api/entraide/cases/${id}/reveal`, { reason: 'Préparer l’orientation vers Crésus.' })).statusCode).toBe(404);
    expect((await cne.post(`/api/entraide/cases/${id}/cresus`, { consent: true, sharePhone: true })).statusCode).toBe(409);

    const res = await consent(cde, id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'transmis_cne', identityVisibleToCne: true });
    expect(res.body).not.toContain(NAME);
    const journal = res.json().journal as { kind: string; text: string | null; authorName: string | null }[];
    expect(journal.map((e) => e.kind)).toEqual(['transmission_cne', 'consentement_cne']);
    expect(journal[1]).toMatchObject({ text: `La personne consent désormais à ce que la commission nationale connaisse son identité.\n\n${NOTE}`, authorName: expect.any(String) });

    // Sealed for the CNE: the row holds neither the name nor the note in clear.
    const row = await caseRow(id);
    expect(row.cneConsentAt).toBeInstanceOf(Date);
    expect(row.sealedIdentityCne).not.toBeNull();
    const [entry] = await consentEntries(id);
    expect(JSON.stringify([row, entry])).not.toContain(NAME);
    expect(entry!.sealedBody).not.toContain('Accord donné');

    const audit = await expectAudited(t.database, 'entraide.case.cne_consent_recorded', id);
    expect(audit).toMatchObject({ actorId: cdeUserId, details: { reference: row.reference } });
    expect(JSON.stringify(audit)).not.toContain('Accord donné');

    const revealed = await cne.post(`/api/entraide/cases/${id}/reveal`, { reason: 'Préparer l’orientation vers Crésus.' });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toMatchObject({ beneficiary: { firstName: 'Gaëlle', lastName: NAME }, contact: { phone: PHONE } });
    const referred = await cne.post(`/api/entraide/cases/${id}/cresus`, { consent: true, sharePhone: true });
    expect(referred.statusCode).toBe(201);
    expect(referred.json().shared).toMatchObject({ firstName: 'Gaëlle', lastName: NAME, phone: PHONE });
    // The CNE sees the new state in its own reading of the case.
    expect((await cne.get(`/api/entraide/cases/${id}`)).json()).toMatchObject({ identityVisibleToCne: true });
  });

  it('is refused, audited as a denial, on a case not transmitted to the CNE', async () => {
    const id = await fileCase();
    const res = await consent(cde, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("n'a pas été transmis à la commission nationale");
    expect((await denialOn(id)).details).toMatchObject({ permission: 'entraide:escalate', rule: 'non_transmis' });
    expect(await caseRow(id)).toMatchObject({ sealedIdentityCne: null, cneConsentAt: null, escalatedAt: null });
  });

  it('is refused, audited as a denial, when the person already consented — at the transmission or since', async () => {
    const atTransmission = await fileCase();
    await transmit(atTransmission, true);
    const before = await caseRow(atTransmission);
    const res = await consent(cde, atTransmission);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('La personne a déjà consenti à ce que la commission nationale connaisse son identité.');
    expect((await denialOn(atTransmission)).details).toMatchObject({ rule: 'consentement_deja_recueilli' });
    // Nothing moved: the consent keeps its first day, the CNE copy is the one sealed at the transmission.
    expect(await caseRow(atTransmission)).toMatchObject({ cneConsentAt: before.cneConsentAt, sealedIdentityCne: before.sealedIdentityCne });

    const since = await fileCase();
    await transmit(since, false);
    expect((await consent(cde, since)).statusCode).toBe(200);
    expect((await consent(cde, since, { consent: true })).statusCode).toBe(409);
    expect(await consentEntries(since)).toHaveLength(1);
    expect((await auditEntries(t.database, 'entraide.case.cne_consent_recorded')).filter((e) => e.entityId === since)).toHaveLength(1);
  });

  it('is refused to another département’s CDE (404), a member whose mandate ended and the CNE (403), all audited, and writes nothing', async () => {
    const id = await fileCase();
    await transmit(id, false);

    const elsewhere = await consent(cde13, id);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.message).toBe("Ce dossier d'entraide n'existe pas ou ne relève pas de votre commission.");
    expect((await denialOn(id)).details).toMatchObject({ permission: 'entraide:escalate', rule: 'hors_perimetre' });

    const expired = await consent(formerCde, id);
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error.message).toContain("Votre mandat à la commission d'entraide n'est pas en cours");
    const mandateDenials = (await auditEntries(t.database, 'authz.access.denied')).filter((e) => e.entityType === 'entraide_mandate');
    expect(mandateDenials.at(-1)!.details).toMatchObject({ permission: 'entraide:escalate', rule: 'mandat_non_en_cours' });

    // Only the CDE knows the person and may ask them: the CNE cannot give itself the identity.
    const byCne = await consent(cne, id);
    expect(byCne.statusCode).toBe(403);
    const routeDenial = (await auditEntries(t.database, 'authz.access.denied')).filter((e) => e.entityType === 'route').at(-1)!;
    expect(routeDenial).toMatchObject({ entityId: 'POST /api/entraide/cases/:id/cne-consent', details: { permission: 'entraide:escalate' } });

    for (const res of [elsewhere, expired, byCne]) expect(res.body).not.toContain(NAME);
    expect(await caseRow(id)).toMatchObject({ sealedIdentityCne: null, cneConsentAt: null });
    expect(await consentEntries(id)).toEqual([]);
  });

  it('is refused on a closed case until it is reopened', async () => {
    const id = await fileCase();
    await transmit(id, false);
    expect((await cde.post(`/api/entraide/cases/${id}/closure`, { text: 'Plus de nouvelles de la personne.' })).statusCode).toBe(200);
    const closed = await consent(cde, id);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toContain('rouvrez-le');
    expect((await denialOn(id)).details).toMatchObject({ rule: 'dossier_clos' });
    expect((await cde.post(`/api/entraide/cases/${id}/reopening`, { text: 'La personne rappelle et donne son accord.' })).statusCode).toBe(200);
    expect((await consent(cde, id)).json()).toMatchObject({ status: 'transmis_cne', identityVisibleToCne: true });
  });

  it('demands the consent itself and a note of reasonable length, in French', async () => {
    const id = await fileCase();
    await transmit(id, false);
    for (const body of [{ consent: false }, {}, { consent: 'oui' }]) {
      const res = await consent(cde, id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields).toContainEqual({ path: 'consent', message: 'La personne doit avoir consenti à ce que la commission nationale connaisse son identité.' });
    }
    const long = await consent(cde, id, { consent: true, note: 'x'.repeat(10_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.fields[0]).toMatchObject({ path: 'note', message: 'La note compte 10000 caractères au plus.' });
    expect(await caseRow(id)).toMatchObject({ sealedIdentityCne: null, cneConsentAt: null });
  });
});
