import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideCaseEvents, entraideCases, entraideDecisions, entraideMandates } from '../../platform/db/schema-entraide.js';
import { buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';
import { loggedIn } from '../../test/logged-in.js';

const NAME = 'Montgolfier-Azéma';
const vote = { membersSeated: 5, membersPresent: 4, for: 3, against: 0, abstentions: 1 };

describe('entraide: the life of a case', () => {
  let t: TestApp;
  let doctor: TestClient;
  let cde: TestClient;
  let referent: TestUser;
  let cde13: TestClient;
  let cde13User: TestUser;
  let cne: TestClient;

  const seat = (userId: string, commission: 'cde' | 'cne', departement: string | null) =>
    t.database.db.insert(entraideMandates).values({ userId, commission, departement, role: 'membre', startsOn: '2024-01-01', endsOn: '2099-12-31' });
  const fileCase = async () => {
    const ref = (await doctor.post('/api/entraide/requests', { natures: ['financiere'], urgency: 'normale', message: '', contact: { means: 'telephone', consent: true, phone: '06 00 00 00 01' } })).json().reference;
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, ref));
    return row!.id;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    await buildDoctor(t.database, { userId: doctorUser.user.id, birthName: NAME, firstNames: 'Lucien', departement: '75' });
    doctor = await loggedIn(t, doctorUser);
    const cdeUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    referent = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    cde13User = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '13' });
    const cneUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
    for (const [u, c, d] of [[cdeUser, 'cde', '75'], [referent, 'cde', '75'], [cde13User, 'cde', '13'], [cneUser, 'cne', null]] as const) await seat(u.user.id, c, d);
    cde = await loggedIn(t, cdeUser);
    cde13 = await loggedIn(t, cde13User);
    cne = await loggedIn(t, cneUser);
  });
  afterAll(() => t.close());

  it('keeps a journal whose text only the commission reads, and takes the case in hand', async () => {
    const id = await fileCase();
    const res = await cde.post(`/api/entraide/cases/${id}/journal`, { kind: 'entretien', text: `Entretien téléphonique avec le Dr ${NAME} : dettes de cabinet.`, occurredAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'en_cours', journal: [{ kind: 'entretien', text: expect.stringContaining('dettes de cabinet') }] });
    const [event] = await t.database.db.select().from(entraideCaseEvents).where(eq(entraideCaseEvents.caseId, id));
    expect(event!.sealedBody).not.toContain(NAME);
    await expectAudited(t.database, 'entraide.case.note_added', id);

    const future = await cde.post(`/api/entraide/cases/${id}/journal`, { kind: 'entretien', text: 'x', occurredAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.statusCode).toBe(400);
    expect((await cde13.post(`/api/entraide/cases/${id}/journal`, { kind: 'note', text: 'Intrusion' })).statusCode).toBe(404);
  });

  it('assigns as referent only a member in office of the case’s CDE', async () => {
    const id = await fileCase();
    const elsewhere = await cde.post(`/api/entraide/cases/${id}/referent`, { referentId: cde13User.user.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.fields[0].path).toBe('referentId');
    const ok = await cde.post(`/api/entraide/cases/${id}/referent`, { referentId: referent.user.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'en_cours', referentName: referent.user.displayName });
    const entry = await expectAudited(t.database, 'entraide.case.assigned', id);
    expect(entry.details).toMatchObject({ referentId: referent.user.id });
  });

  it('records a decision with its vote, refusing one without quorum, absurd amounts or votes that do not add up', async () => {
    const id = await fileCase();
    const decision = { kind: 'aide_financiere', decidedOn: '2026-11-30', amountCents: 150_000, aidForm: 'secours', vote, note: 'Secours exceptionnel.' };
    const noQuorum = await cde.post(`/api/entraide/cases/${id}/decisions`, { ...decision, vote: { membersSeated: 5, membersPresent: 2, for: 2, against: 0, abstentions: 0 } });
    expect(noQuorum.statusCode).toBe(400);
    expect(noQuorum.json().error.details.fields[0].message).toContain('Quorum non atteint');
    for (const [bad, path] of [
      [{ ...decision, amountCents: -100 }, 'amountCents'],
      [{ ...decision, amountCents: 1e10 }, 'amountCents'],
      [{ ...decision, amountCents: undefined }, 'amountCents'],
      [{ ...decision, vote: { ...vote, for: 4 } }, 'vote'],
      [{ ...decision, kind: 'miracle' }, 'kind'],
    ] as const) {
      const res = await cde.post(`/api/entraide/cases/${id}/decisions`, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect(await t.database.db.select().from(entraideDecisions).where(eq(entraideDecisions.caseId, id))).toEqual([]);

    const recorded = await cde.post(`/api/entraide/cases/${id}/decisions`, decision);
    expect(recorded.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(entraideDecisions).where(eq(entraideDecisions.caseId, id));
    expect(row).toMatchObject({ commission: 'cde', kind: 'aide_financiere', amountCents: 150_000, aidForm: 'secours', membersPresent: 4, quorumReached: true });
    await expectAudited(t.database, 'entraide.case.decided', id);

    // The case lists its decisions, oldest first, with the vote and who decided: the CDE, then the CNE.
    const listed = { kind: 'aide_financiere', decidedOn: '2026-11-30', amountCents: 150_000, aidForm: 'secours', vote, quorumReached: true, commission: 'cde' };
    expect(recorded.json().decisions).toEqual([listed]);
    await cde.post(`/api/entraide/cases/${id}/escalation`, { identityConsent: false, reason: 'Situation trop complexe pour la commission départementale.' });
    const earlier = { kind: 'refus', decidedOn: '2026-11-02', vote: { membersSeated: 7, membersPresent: 7, for: 1, against: 5, abstentions: 1 }, note: '' };
    expect((await cne.post(`/api/entraide/cases/${id}/decisions`, earlier)).statusCode).toBe(200);
    expect((await cde.get(`/api/entraide/cases/${id}`)).json().decisions).toEqual([
      { kind: 'refus', decidedOn: '2026-11-02', amountCents: null, aidForm: null, vote: earlier.vote, quorumReached: true, commission: 'cne' },
      listed,
    ]);
  });

  it('transmits a case to the CNE under its pseudonym, the identity only with consent', async () => {
    const withoutConsent = await fileCase();
    const res = await cde.post(`/api/entraide/cases/${withoutConsent}/escalation`, { identityConsent: false, reason: 'Situation trop complexe pour la commission départementale.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'transmis_cne', identityVisibleToCne: false });
    expect((await cne.get('/api/entraide/cases')).json().cases.map((c: { id: string }) => c.id)).toContain(withoutConsent);
    const refused = await cne.post(`/api/entraide/cases/${withoutConsent}/reveal`, { reason: 'Préparer l’orientation vers Crésus.' });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(NAME);
    expect((await cde.post(`/api/entraide/cases/${withoutConsent}/escalation`, { identityConsent: true, reason: 'Une seconde fois, par erreur.' })).statusCode).toBe(409);

    const withConsent = await fileCase();
    await cde.post(`/api/entraide/cases/${withConsent}/escalation`, { identityConsent: true, reason: 'Orientation vers Crésus à envisager.' });
    const entry = await expectAudited(t.database, 'entraide.case.escalated', withConsent);
    expect(entry).toMatchObject({ reason: 'Orientation vers Crésus à envisager.', details: { identityConsent: true } });
    const revealed = await cne.post(`/api/entraide/cases/${withConsent}/reveal`, { reason: 'Préparer l’orientation vers Crésus.' });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().beneficiary.lastName).toBe(NAME);
    // The CNE works the transmitted case: its journal is open to it.
    expect((await cne.post(`/api/entraide/cases/${withConsent}/journal`, { kind: 'note', text: 'Reçu par la CNE.' })).statusCode).toBe(200);
  });

  it('closes a case with a purge date from the retention setting, and reopens it: support has no end', async () => {
    const id = await fileCase();
    const closed = await cde.post(`/api/entraide/cases/${id}/closure`, { text: 'Situation rétablie.' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('clos');
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.id, id));
    expect(Number(row!.purgeAfter!.slice(0, 4)) - new Date().getFullYear()).toBe(5);
    expect((await cde.post(`/api/entraide/cases/${id}/journal`, { kind: 'note', text: 'Après clôture' })).statusCode).toBe(409);
    await expectAudited(t.database, 'entraide.case.closed', id);

    const reopened = await cde.post(`/api/entraide/cases/${id}/reopening`, { text: 'Le médecin rappelle : nouvelles difficultés.' });
    expect(reopened.json()).toMatchObject({ status: 'en_cours', closedAt: null });
    const [after] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.id, id));
    expect(after!.purgeAfter).toBeNull();
    expect(reopened.json().journal.map((e: { kind: string }) => e.kind)).toEqual(['cloture', 'reouverture']);
    await expectAudited(t.database, 'entraide.case.reopened', id);
  });
});
