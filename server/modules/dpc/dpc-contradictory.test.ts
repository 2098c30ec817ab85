import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { dpcActions } from '../../platform/db/schema-dpc.js';
import { dpcContradictoryInvitations, dpcSignalementEvents, dpcSignalements } from '../../platform/db/schema-dpc-signalements.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';
import { DRIFT_FACTS, insertSignalement, REPORTER } from './dpc-signalements.testing.js';

// The contradictory step and the whole path of a signalement (docs/dpc-signalements.md « Workflow »):
// nouveau → triage → review → the organisation invited → its answer through the public link → decision.
// Nothing of the reporter, nor their facts, reaches the organisation.

const ORGANISATION_EMAIL = 'contact@ecole-sens.example.fr';
const leaks = (body: string) => [REPORTER.fullName, REPORTER.email, REPORTER.phone].filter((value) => body.includes(value));
const tokenOf = (text: string) => /\/vigilance-dpc\/reponse#([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('DPC signalements: the contradictory step and the whole path', () => {
  let t: TestApp;
  let agent: TestClient;
  let agent13: TestClient;
  let reviewer: TestClient;
  let doctor: TestClient;
  let admin: TestClient;
  let organisation: TestClient;
  let agentUser: TestUser;
  let reviewerUser: TestUser;
  let actionId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    const drift = catalogueRow({ organisationNumber: '9876', organisationName: 'École du sens biologique', organisationEmail: ORGANISATION_EMAIL, title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME });
    expect((await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'c.csv', contentBase64: catalogueCsv([drift]) })).statusCode).toBe(200);
    actionId = (await t.database.db.select({ id: dpcActions.id }).from(dpcActions).where(eq(dpcActions.reference, drift.reference)))[0]!.id;
    agentUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent = await loggedIn(t, agentUser);
    agent13 = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    reviewerUser = await buildUser(t.database, t.keys, { role: 'relecteur_dpc' });
    reviewer = await loggedIn(t, reviewerUser);
    doctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin' }));
    organisation = new TestClient(t.app);
    await organisation.refreshSession();
  });
  afterAll(() => t.close());

  const statusOf = async (id: string) => (await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, id)))[0]!;

  it('goes from nouveau to a decision through triage, review, the organisation’s answer, with its journal and audit, and no leak', async () => {
    const s = await insertSignalement(t.database, { actionId, subjectKind: 'action', departement: '75' });
    const bodies: string[] = [];
    const call = async (res: Awaited<ReturnType<TestClient['get']>>) => {
      bodies.push(res.body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    bodies.push((await agent.get('/api/dpc/signalements')).body);
    await call(await agent.get(`/api/dpc/signalements/${s.id}`));
    await call(await agent.post(`/api/dpc/signalements/${s.id}/triage`, { version: 1, reviewerId: reviewerUser.user.id }));
    const reviewerMail = await t.catcher.waitFor((m) => m.to.includes(reviewerUser.user.email) && m.text.includes(s.reference));
    bodies.push(reviewerMail.text);
    bodies.push((await reviewer.get('/api/dpc/reviews')).body);
    await call(await reviewer.get(`/api/dpc/reviews/${s.id}`));
    await call(await reviewer.post(`/api/dpc/signalements/${s.id}/review`, { version: 2, opinion: 'Dérive avérée.', recommendedOutcomes: ['transmission_andpc', 'transmission_miviludes'], confirmedRuleIds: [s.findings[0]!.ruleId] }));

    const statement = 'Le programme de votre action présente la chimiothérapie comme toxique. Vos observations sont attendues.';
    const invited = await call(await agent.post(`/api/dpc/signalements/${s.id}/contradictory`, { version: 3, statement }));
    expect(invited).toMatchObject({ status: 'contradictoire', version: 4 });
    expect(await statusOf(s.id)).toMatchObject({ status: 'contradictoire', statusBeforeContradictory: 'avis_rendu' });
    const invitation = await t.catcher.waitFor((m) => m.to.includes(ORGANISATION_EMAIL) && m.text.includes(s.reference));
    bodies.push(invitation.subject, invitation.text);
    expect(invitation.text).toContain(statement);
    expect(invitation.text).toContain('Le sens caché des maladies');
    expect(invitation.text).not.toContain(DRIFT_FACTS);
    const token = tokenOf(invitation.text)!;
    expect(token).toBeDefined();
    const [stored] = await t.database.db.select().from(dpcContradictoryInvitations).where(eq(dpcContradictoryInvitations.signalementId, s.id));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toContain(token);
    const inviteAudit = await expectAudited(t.database, 'dpc.contradictory.invited', s.id);
    expect(JSON.stringify(inviteAudit.details)).not.toContain(ORGANISATION_EMAIL);

    // A decision waits for the contradictory step.
    const waiting = await agent.post(`/api/dpc/signalements/${s.id}/decision`, { version: 4, outcomes: ['transmission_andpc'], reason: 'x' });
    expect(waiting.json().error.code).toBe('INVALID_STATE');

    const page = await organisation.get(`/api/dpc/contradictory/${token}`);
    const view = await call(page);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(view).toEqual({ reference: s.reference, subjectLabel: 'Le sens caché des maladies — École du sens biologique', statement, dueOn: stored!.dueOn, state: 'ouvert' });
    expect(page.body).not.toContain('décodage biologique permet');
    expect(page.body).not.toContain(reviewerUser.user.displayName);

    const answered = await call(await organisation.post(`/api/dpc/contradictory/${token}/answer`, { answer: 'Notre formation respecte les recommandations de la HAS.' }));
    expect(answered.reference).toBe(s.reference);
    expect(await statusOf(s.id)).toMatchObject({ status: 'avis_rendu', statusBeforeContradictory: null, version: 5 });
    const answerAudit = await expectAudited(t.database, 'dpc.contradictory.answered', s.id);
    expect(answerAudit.actorId).toBeNull();
    const again = await organisation.post(`/api/dpc/contradictory/${token}/answer`, { answer: 'Encore.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_STATE');
    expect((await organisation.get(`/api/dpc/contradictory/${token}`)).json().state).toBe('repondu');

    const decided = await call(await agent.post(`/api/dpc/signalements/${s.id}/decision`, { version: 5, outcomes: ['transmission_andpc', 'transmission_miviludes'], reason: 'Avis du relecteur et réponse insuffisante.' }));
    expect(decided.status).toBe('decide');
    const detail = await call(await agent.get(`/api/dpc/signalements/${s.id}`));
    expect(detail.invitations[0]).toMatchObject({ statement, answer: 'Notre formation respecte les recommandations de la HAS.', closedAt: null });
    expect(detail.decision).toMatchObject({ outcomes: ['transmission_andpc', 'transmission_miviludes'], decidedByName: agentUser.user.displayName });
    expect(detail.reviews).toHaveLength(1);

    const journal = await t.database.db.select().from(dpcSignalementEvents).where(eq(dpcSignalementEvents.signalementId, s.id)).orderBy(dpcSignalementEvents.at);
    expect(journal.map((e) => e.kind)).toEqual(['trie', 'relecteur_designe', 'avis', 'contradictoire_ouvert', 'contradictoire_reponse', 'decision']);
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(journal.map((e) => e.kind));
    for (const action of ['dpc.signalement.triaged', 'dpc.signalement.reviewer_assigned', 'dpc.signalement.reviewed', 'dpc.contradictory.invited', 'dpc.contradictory.answered', 'dpc.signalement.decided']) {
      const entry = await expectAudited(t.database, action, s.id);
      expect(entry.details).toMatchObject({ reference: s.reference });
    }
    // Only the reporter route may name who reported.
    for (const body of bodies) expect(leaks(body)).toEqual([]);
    const everyAudit = JSON.stringify(await auditEntries(t.database));
    expect(leaks(everyAudit)).toEqual([]);
  });

  it('climbs the invitation’s ladder: 401, 403, 400 per bad field, 400 without any address, 404 out of scope, 409 when one is open', async () => {
    const s = await insertSignalement(t.database, { departement: '75', subjectKind: 'praticien' });
    const path = `/api/dpc/signalements/${s.id}/contradictory`;
    const good = { version: 1, statement: 'Vos observations sont attendues.' };
    expect((await organisation.post(path, good)).statusCode).toBe(401);
    for (const client of [doctor, admin, reviewer]) expect((await client.post(path, good)).statusCode).toBe(403);
    expect((await agent13.post(path, good)).statusCode).toBe(404);
    for (const [body, field] of [
      [{ ...good, statement: '' }, 'statement'],
      [{ ...good, statement: 's'.repeat(6001) }, 'statement'],
      [{ ...good, recipientEmail: 'pas une adresse' }, 'recipientEmail'],
      [{ ...good, dueOn: '2026-02-31' }, 'dueOn'],
      [{ ...good, dueOn: '2020-01-01' }, 'dueOn'],
      [good, 'recipientEmail'],
    ] as const) {
      const res = await agent.post(path, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
    const res = await agent.post(path, { ...good, recipientEmail: 'Direction@Organisme.example.fr' });
    expect(res.statusCode, res.body).toBe(200);
    const [invitation] = await t.database.db.select().from(dpcContradictoryInvitations).where(eq(dpcContradictoryInvitations.signalementId, s.id));
    expect(invitation).toMatchObject({ recipientEmail: 'direction@organisme.example.fr', statement: good.statement, invitedBy: agentUser.user.id });
    const due = new Date(`${parisDay()}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 15);
    expect(invitation!.dueOn).toBe(due.toISOString().slice(0, 10));
    expect((await agent.post(path, { ...good, version: 2, recipientEmail: 'autre@organisme.example.fr' })).json().error.code).toBe('INVALID_STATE');
    expect((await agent.post(path, { ...good, version: 1, recipientEmail: 'autre@organisme.example.fr' })).json().error.code).toBe('STALE_VERSION');
  });

  it('closes an invitation without answer: the status returns, the link says it is closed and takes no answer', async () => {
    const s = await insertSignalement(t.database, { actionId, subjectKind: 'action', departement: '75' });
    await agent.post(`/api/dpc/signalements/${s.id}/contradictory`, { version: 1, statement: 'Merci de nous répondre sous quinze jours.' });
    const mail = await t.catcher.waitFor((m) => m.to.includes(ORGANISATION_EMAIL) && m.text.includes(s.reference));
    const token = tokenOf(mail.text)!;
    const path = `/api/dpc/signalements/${s.id}/contradictory/close`;
    expect((await organisation.post(path, { version: 2 })).statusCode).toBe(401);
    expect((await reviewer.post(path, { version: 2 })).statusCode).toBe(403);
    expect((await agent13.post(path, { version: 2 })).statusCode).toBe(404);
    expect((await agent.post(path, {})).statusCode).toBe(400);
    const closed = await agent.post(path, { version: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'nouveau', version: 3 });
    await expectAudited(t.database, 'dpc.contradictory.closed', s.id);
    expect((await organisation.get(`/api/dpc/contradictory/${token}`)).json().state).toBe('clos');
    const late = await organisation.post(`/api/dpc/contradictory/${token}/answer`, { answer: 'Trop tard ?' });
    expect(late.statusCode).toBe(409);
    expect((await agent.post(path, { version: 3 })).json().error.code).toBe('INVALID_STATE');
  });

  it('answers 404 to an unknown link and 400 to a malformed one or an empty answer', async () => {
    const unknown = 'A'.repeat(43);
    expect((await organisation.get(`/api/dpc/contradictory/${unknown}`)).statusCode).toBe(404);
    expect((await organisation.post(`/api/dpc/contradictory/${unknown}/answer`, { answer: 'Bonjour' })).statusCode).toBe(404);
    expect((await organisation.get('/api/dpc/contradictory/court')).statusCode).toBe(400);
    const empty = await organisation.post(`/api/dpc/contradictory/${unknown}/answer`, { answer: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].path).toBe('answer');
    const long = await organisation.post(`/api/dpc/contradictory/${unknown}/answer`, { answer: 'a'.repeat(20_001) });
    expect(long.json().error.details.fields[0].path).toBe('answer');
  });
});
