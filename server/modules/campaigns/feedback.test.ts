import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../analysis/analyze.js';
import { SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildDoctor, buildUser } from '../../test/factories.js';
import { td1Specimen } from '../registry/identity-document.specimens.js';
import { buildReport, campaignOfReport, certificationSms } from './campaigns.factories.js';
import { groupPendingReports } from './grouping.service.js';

// Issue 5, item 5: a qualified campaign's indicators come back in every later analysis (public check
// page included) and hold registry changes that use them — counts and the campaign's public name only
// (the family's label unless a second agent approved another; never the agents' working label).
describe('feedback of qualified campaigns into analyses and the registry', () => {
  let t: TestApp;
  let agent: TestClient;
  let label: string;
  const reporters = ['dr.premiere@cabinet-a.fr', 'dr.seconde@cabinet-b.fr', 'dr.troisieme@cabinet-c.fr'];

  beforeAll(async () => {
    t = await buildTestApp();
    agent = new TestClient(t.app);
    await agent.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    const made = [];
    for (const [i, email] of reporters.entries()) {
      // Filed as the reports module does: with the engine's analysis of the copy stored alongside.
      const pastedText = certificationSms(i);
      const analysis = analyzeText({ kind: 'sms', text: pastedText });
      made.push(await buildReport(t.database, { pastedText, reporterEmail: email, reporterName: `Docteur ${i}`, analysis: JSON.parse(JSON.stringify(analysis)), scamFamily: analysis.family?.id ?? null }));
    }
    await groupPendingReports(t.app.services);
    const campaignId = (await campaignOfReport(t.database, made[0]!.id))!;
    const qualified = (await agent.post(`/api/campaigns/${campaignId}/qualify`)).json();
    expect(qualified.campaign.status).toBe('qualifiee');
    expect(qualified.campaign.label).toBe('Faux contrôle de certification — 09 70 12 34 56');
    label = SCAM_FAMILY_LABELS.certification_periodique!;
  });
  afterAll(() => t.close());

  it('flags the number in a later SMS checked by anyone, with the count and the campaign, and no reporter', async () => {
    const visitor = new TestClient(t.app);
    await visitor.refreshSession();
    const check = () => visitor.post('/api/analyses', { kind: 'sms', text: 'URGENT : votre inscription est suspendue. Rappelez immédiatement le 09 70 12 34 56.' });
    const alreadyReported = async () => (await check()).json().findings.find((f: { ruleId: string }) => f.ruleId === 'signalements.deja-signale');
    // Each instance learns of the published indicator through LISTEN/NOTIFY, a few milliseconds after commit.
    await expect.poll(alreadyReported, { timeout: 5_000 }).toBeTruthy();
    const res = await check();
    expect(res.statusCode).toBe(200);
    const finding = res.json().findings.find((f: { ruleId: string }) => f.ruleId === 'signalements.deja-signale');
    expect(finding.explanation).toBe(`Ce numéro a déjà été signalé 3 fois à l’Ordre des médecins via Vigie (campagne « ${label} »).`);
    for (const secret of [...reporters, 'Docteur 0', 'cabinet-a']) expect(res.body).not.toContain(secret);
  });

  it('holds a registry contact change that uses the number', async () => {
    const doctor = await buildDoctor(t.database);
    const request = (await agent.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrPhone: '09 70 12 34 56' } })).json();
    const held = (
      await agent.post(`/api/registry/change-requests/${request.id}/identity-check`, {
        // buildDoctor's default person, on a valid identity card.
        mrz: td1Specimen({ surname: 'Lefèvre', givenNames: 'Camille', birthDate: '1980-04-12' }, { expiry: new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10) }),
        place: 'Siège du conseil départemental, Paris',
        outcome: 'conforme',
      })
    ).json();
    expect(held.status).toBe('en_revue');
    const reason = held.holdReasons.find((r: { code: string }) => r.code === 'fraud_indicator');
    expect(reason.message).toBe(`+33970123456 a été signalé 3 fois comme utilisé dans une fraude (campagne « ${label} »).`);
  });
});
