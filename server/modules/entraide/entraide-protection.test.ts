import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  entraideBudgets,
  entraideCaseEvents,
  entraideCases,
  entraideCresusActions,
  entraideCresusReferrals,
  entraideDecisions,
  entraideHelplineCalls,
  entraideMandates,
} from '../../platform/db/schema-entraide.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { auditEntries, buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';
import { extractPdfText } from '../sharing/pdf-text.testing.js';
import { cdeScope, sealerFor } from './case-keys.js';
import { currentMandate } from './entraide.policy.js';
import { sweepEntraide } from './entraide-sweep.js';
import { pdfTypography } from '../../platform/pdf/pdf-document.js';

// Commission composition and data protection (docs/entraide.md « Commission mandates », « Data
// protection »): the early end of a seat and the expiry sweep, the members in office, retention and the
// purge, anonymised statistics, the right-of-access export.

const NAME = 'Vasseur-Kerbrat';
const DAY = 86_400_000;
const dayOffset = (days: number) => parisDay(new Date(Date.now() + days * DAY));
const vote = { membersSeated: 5, membersPresent: 3, for: 3, against: 0, abstentions: 0 };

describe('entraide: mandates, retention, statistics and the right of access', () => {
  let t: TestApp;
  let doctor: TestClient;
  let cde: TestClient;
  let cdeUser: TestUser;
  let president: TestUser;
  let cde13: TestClient;
  let cne: TestClient;
  let cneUser: TestUser;
  let agent: TestClient;
  let admin: TestClient;

  const seat = async (u: TestUser, commission: 'cde' | 'cne', departement: string | null, over: Partial<typeof entraideMandates.$inferInsert> = {}) =>
    (await t.database.db.insert(entraideMandates).values({ userId: u.user.id, commission, departement, role: 'membre', startsOn: '2024-01-01', endsOn: '2099-12-31', ...over }).returning())[0]!;
  const fileCase = async () => {
    const reference = (await doctor.post('/api/entraide/requests', { natures: ['financiere', 'sante'], urgency: 'rapide', message: 'Dettes du cabinet et fatigue.', contact: { means: 'telephone', consent: true, phone: '06 11 22 33 44' } })).json().reference as string;
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, reference));
    return row!;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    await buildDoctor(t.database, { userId: doctorUser.user.id, birthName: NAME, firstNames: 'Maëlle', departement: '75' });
    cdeUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    president = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    const cde13User = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '13' });
    cneUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
    await seat(cdeUser, 'cde', '75');
    await seat(president, 'cde', '75', { role: 'president' });
    await seat(cde13User, 'cde', '13');
    await seat(cneUser, 'cne', null);
    [doctor, cde, cde13, cne] = await Promise.all([loggedIn(t, doctorUser), loggedIn(t, cdeUser), loggedIn(t, cde13User), loggedIn(t, cneUser)]);
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
  });
  afterAll(() => t.close());

  describe('commission mandates', () => {
    it('closes list, detail and reveal to a member whose mandate ended yesterday, and the sweep writes that end once', async () => {
      const { id: caseId } = await fileCase();
      const formerUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
      const ended = await seat(formerUser, 'cde', '75', { startsOn: '2024-01-01', endsOn: dayOffset(-1) });
      const former = await loggedIn(t, formerUser);
      for (const res of [await former.get('/api/entraide/cases'), await former.get(`/api/entraide/cases/${caseId}`), await former.post(`/api/entraide/cases/${caseId}/reveal`, { reason: 'Suivi du dossier en commission.' })]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.message).toContain("n'est pas en cours");
        expect(res.body).not.toContain(NAME);
      }
      const denial = (await auditEntries(t.database, 'authz.access.denied')).filter((e) => e.actorId === formerUser.user.id);
      expect(denial.map((e) => e.details)).toContainEqual(expect.objectContaining({ rule: 'mandat_non_en_cours' }));

      const before = (await auditEntries(t.database, 'entraide.mandate.expired')).length;
      await sweepEntraide(t.database);
      await sweepEntraide(t.database);
      const expired = (await auditEntries(t.database, 'entraide.mandate.expired')).filter((e) => e.entityId === ended.id);
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ actorId: null, actorRole: 'system', details: { userId: formerUser.user.id, commission: 'cde', departement: '75', endsOn: dayOffset(-1) } });
      expect((await auditEntries(t.database, 'entraide.mandate.expired')).length).toBe(before + 1);
      const [row] = await t.database.db.select().from(entraideMandates).where(eq(entraideMandates.id, ended.id));
      expect(row!.expiryRecordedOn).toBe(parisDay());
      // Seats still in force are not touched.
      const inForce = await t.database.db.select().from(entraideMandates).where(eq(entraideMandates.userId, cdeUser.user.id));
      expect(inForce[0]!.expiryRecordedOn).toBeNull();
    });

    it('lets an administrator end a seat early, not backdated, audited with the reason; access stops the next day', async () => {
      const leavingUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
      const m = await seat(leavingUser, 'cde', '75', { startsOn: '2024-01-01', endsOn: '2027-12-31' });
      const reason = 'Démission du conseil départemental, lettre du 3 décembre.';
      expect((await agent.post(`/api/entraide/mandates/${m.id}/end`, { endsOn: parisDay(), reason })).statusCode).toBe(403);
      for (const [endsOn, message] of [
        ['2028-01-31', 'Un mandat ne peut qu’être écourté'],
        ['2023-12-31', 'La fin du mandat précède son début'],
        [dayOffset(-1), 'ne peut pas être antidatée'],
      ] as const) {
        const res = await admin.post(`/api/entraide/mandates/${m.id}/end`, { endsOn, reason });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.fields[0]).toMatchObject({ path: 'endsOn', message: expect.stringContaining(message) });
      }
      const short = await admin.post(`/api/entraide/mandates/${m.id}/end`, { endsOn: parisDay(), reason: 'Démission' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details.fields[0].path).toBe('reason');
      expect((await admin.post('/api/entraide/mandates/00000000-0000-4000-8000-000000000000/end', { endsOn: parisDay(), reason })).statusCode).toBe(404);

      const res = await admin.post(`/api/entraide/mandates/${m.id}/end`, { endsOn: parisDay(), reason });
      expect(res.statusCode).toBe(204);
      const entry = await expectAudited(t.database, 'entraide.mandate.ended', m.id);
      expect(entry).toMatchObject({ reason, details: { userId: leavingUser.user.id, previousEndsOn: '2027-12-31', endsOn: parisDay() } });
      const actor = { userId: leavingUser.user.id, role: 'membre_cde' as const, departement: '75' };
      // In office until the end of today, out from tomorrow.
      expect(await currentMandate(t.database.db, actor)).not.toBeNull();
      expect(await currentMandate(t.database.db, actor, dayOffset(1))).toBeNull();
      const listed = (await admin.get('/api/entraide/mandates')).json().mandates.find((x: { id: string }) => x.id === m.id);
      expect(listed).toMatchObject({ endsOn: parisDay(), inForce: true });

      // A seat whose end has passed cannot be ended again.
      const gone = await seat(await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' }), 'cde', '75', { startsOn: '2020-01-01', endsOn: '2023-12-31' });
      expect((await admin.post(`/api/entraide/mandates/${gone.id}/end`, { endsOn: parisDay(), reason })).statusCode).toBe(409);
    });

    it('lists the members in office of the actor’s own commission only, présidents first', async () => {
      const res = await cde.get('/api/entraide/members');
      expect(res.statusCode).toBe(200);
      const members = res.json().members as { userId: string; name: string; role: string }[];
      expect(members[0]).toEqual({ userId: president.user.id, name: president.user.displayName, role: 'president' });
      expect(members.map((m) => m.userId)).toContain(cdeUser.user.id);
      // Exactly the seats of Paris's CDE in force today: nobody of another commission, nobody out of office.
      const today = parisDay();
      const inForce = await t.database.db
        .select({ userId: entraideMandates.userId })
        .from(entraideMandates)
        .where(and(eq(entraideMandates.commission, 'cde'), eq(entraideMandates.departement, '75'), lte(entraideMandates.startsOn, today), gte(entraideMandates.endsOn, today)));
      expect(members.map((m) => m.userId).sort()).toEqual(inForce.map((s) => s.userId).sort());
      expect(await t.database.db.select().from(entraideMandates).where(and(eq(entraideMandates.departement, '75'), lte(entraideMandates.endsOn, dayOffset(-1))))).not.toHaveLength(0);
      expect((await cde.get('/api/entraide/members?departement=75')).json()).toEqual(res.json());

      const other = await cde.get('/api/entraide/members?departement=13');
      expect(other.statusCode).toBe(403);
      const denial = (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;
      expect(denial).toMatchObject({ actorId: cdeUser.user.id, entityType: 'entraide_commission', details: { rule: 'autre_departement' } });

      expect((await cne.get('/api/entraide/members')).json().members).toEqual([{ userId: cneUser.user.id, name: cneUser.user.displayName, role: 'membre' }]);
      expect((await cde13.get('/api/entraide/members')).json().members).toHaveLength(1);
      expect((await agent.get('/api/entraide/members')).statusCode).toBe(403);
      expect((await admin.get('/api/entraide/members')).statusCode).toBe(403);
    });
  });

  describe('retention', () => {
    it('lets an administrator set the retention, audited, and re-dates the closed cases from it', async () => {
      expect((await cde.get('/api/entraide/settings')).statusCode).toBe(403);
      expect((await admin.get('/api/entraide/settings')).json()).toEqual({ retentionMonths: 60 });
      const c = await fileCase();
      await cde.post(`/api/entraide/cases/${c.id}/closure`, { text: 'Situation rétablie.' });
      const purgeOf = async () => (await t.database.db.select({ p: entraideCases.purgeAfter }).from(entraideCases).where(eq(entraideCases.id, c.id)))[0]!.p;
      const fiveYears = await purgeOf();
      expect(fiveYears!.slice(5)).toBe(parisDay().slice(5));
      expect(Number(fiveYears!.slice(0, 4))).toBe(Number(parisDay().slice(0, 4)) + 5);

      for (const bad of [5, 241, 12.5, '24']) {
        const res = await admin.request('PUT', '/api/entraide/settings', { retentionMonths: bad });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.fields[0].path).toBe('retentionMonths');
      }
      const res = await admin.request('PUT', '/api/entraide/settings', { retentionMonths: 24 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ retentionMonths: 24 });
      const entry = (await auditEntries(t.database, 'entraide.retention.updated')).at(-1)!;
      expect(entry.details).toMatchObject({ previousMonths: 60, retentionMonths: 24 });
      expect((entry.details as { closedCasesRedated: number }).closedCasesRedated).toBeGreaterThanOrEqual(1);
      expect(Number((await purgeOf())!.slice(0, 4))).toBe(Number(parisDay().slice(0, 4)) + 2);

      // A case closed from now on gets the new retention too.
      const later = await fileCase();
      await cde.post(`/api/entraide/cases/${later.id}/closure`, { text: 'Aide versée, dossier clos.' });
      const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.id, later.id));
      expect(Number(row!.purgeAfter!.slice(0, 4))).toBe(Number(parisDay().slice(0, 4)) + 2);
      expect((await admin.request('PUT', '/api/entraide/settings', { retentionMonths: 60 })).statusCode).toBe(200);
    });

    it('purges a closed case past its date with everything attached, once, keeping only its pseudonym and counts in the journal', async () => {
      const c = await fileCase();
      await cde.post(`/api/entraide/cases/${c.id}/journal`, { kind: 'note', text: `Entretien avec le Dr ${NAME}.` });
      await cde.post(`/api/entraide/cases/${c.id}/decisions`, { kind: 'accompagnement', decidedOn: parisDay(), vote, note: 'Accompagnement décidé.' });
      const sealer = await sealerFor(t.database.db, t.app.services.keys, cdeScope('75'));
      await t.database.db.insert(entraideBudgets).values({ caseId: c.id, recordedOn: parisDay(), sealedBudget: sealer.seal('{}') });
      const [referral] = await t.database.db.insert(entraideCresusReferrals).values({ caseId: c.id, consentRecordedAt: new Date(), sealedPayload: sealer.seal('{}') }).returning();
      await t.database.db.insert(entraideCresusActions).values([{ referralId: referral!.id, action: 'bilan', occurredOn: parisDay() }, { referralId: referral!.id, action: 'delai_grace', occurredOn: parisDay(), sealedNote: sealer.seal('Note') }]);
      const [call] = await t.database.db.insert(entraideHelplineCalls).values({ departement: '75', receivedOn: parisDay(), natures: ['financiere'], urgency: 'normale', sealedSummary: sealer.seal(`Appel du Dr ${NAME}`), caseId: c.id }).returning();
      await cde.post(`/api/entraide/cases/${c.id}/closure`, { text: 'Situation rétablie.' });

      const notYet = await fileCase();
      await cde.post(`/api/entraide/cases/${notYet.id}/closure`, { text: 'Clos.' });
      const reopened = await fileCase();
      await cde.post(`/api/entraide/cases/${reopened.id}/closure`, { text: 'Clos.' });
      const reopening = await cde.post(`/api/entraide/cases/${reopened.id}/reopening`, { text: 'Le médecin rappelle.' });
      expect(reopening.statusCode).toBe(200);
      expect((await t.database.db.select().from(entraideCases).where(eq(entraideCases.id, reopened.id)))[0]!.purgeAfter).toBeNull();

      // The retention of `c` has run out; `notYet` is due today, so kept until tomorrow's sweep.
      await t.ownerDatabase.db.update(entraideCases).set({ purgeAfter: dayOffset(-1) }).where(eq(entraideCases.id, c.id));
      await t.ownerDatabase.db.update(entraideCases).set({ purgeAfter: parisDay() }).where(eq(entraideCases.id, notYet.id));
      const result = await sweepEntraide(t.database);
      expect(result.casesPurged).toBe(1);
      expect(await sweepEntraide(t.database)).toMatchObject({ casesPurged: 0 });

      expect(await t.database.db.select().from(entraideCases).where(eq(entraideCases.id, c.id))).toEqual([]);
      for (const table of [entraideCaseEvents, entraideDecisions, entraideBudgets, entraideCresusReferrals]) {
        expect(await t.database.db.select().from(table).where(eq(table.caseId, c.id))).toEqual([]);
      }
      expect(await t.database.db.select().from(entraideCresusActions).where(eq(entraideCresusActions.referralId, referral!.id))).toEqual([]);
      // The call stays as an anonymous count: no link, no summary.
      expect((await t.database.db.select().from(entraideHelplineCalls).where(eq(entraideHelplineCalls.id, call!.id)))[0]).toMatchObject({ caseId: null, sealedSummary: null, natures: ['financiere'] });
      expect(await t.database.db.select({ id: entraideCases.id }).from(entraideCases).where(inArray(entraideCases.id, [notYet.id, reopened.id]))).toHaveLength(2);

      const purged = (await auditEntries(t.database, 'entraide.case.purged')).filter((e) => e.entityId === c.id);
      expect(purged).toHaveLength(1);
      expect(purged[0]).toMatchObject({ actorRole: 'system', details: { reference: c.reference, events: 3, decisions: 1, budgets: 1, cresusReferrals: 1, cresusActions: 2, callsUnlinked: 1 } });
      expect(Object.keys(purged[0]!.details as object).sort()).toEqual(['budgets', 'callsUnlinked', 'cresusActions', 'cresusReferrals', 'decisions', 'events', 'reference']);
      // The case is gone for its commission too.
      expect((await cde.get(`/api/entraide/cases/${c.id}`)).statusCode).toBe(404);
    });
  });

  describe('anonymised statistics', () => {
    // November 2026: 8 cases in Paris, 6 in Lyon, 3 in Marseille; 7 closed after 1 to 7 days.
    let insertedIds: string[] = [];
    beforeAll(async () => {
      const at = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h));
      const rows: (typeof entraideCases.$inferInsert)[] = [];
      const add = (n: number, departement: string, natures: ('sante' | 'financiere' | 'sociale' | 'personnelle')[][], closedAfter: (i: number) => number | null, escalated = false) => {
        for (let i = 0; i < n; i++) {
          const closed = closedAfter(i);
          const openedAt = at(2 + rows.length);
          rows.push({
            reference: `E-2026-${String(900 + rows.length)}`,
            departement,
            natures: natures[i % natures.length]!,
            urgency: 'normale',
            source: 'proche',
            beneficiaryKind: 'medecin',
            contactMeans: 'aucun',
            contactConsent: false,
            sealedIdentity: 'scellé',
            openedAt,
            lastActivityAt: openedAt,
            status: closed === null ? (escalated ? 'transmis_cne' : 'en_cours') : 'clos',
            closedAt: closed === null ? null : new Date(openedAt.getTime() + closed * DAY),
            purgeAfter: closed === null ? null : '2031-11-30',
            escalatedAt: escalated ? openedAt : null,
          });
        }
      };
      add(8, '75', [['sante'], ['sante'], ['sante', 'personnelle'], ['sante', 'personnelle']], (i) => (i < 7 ? i + 1 : null));
      add(6, '69', [['sociale']], () => null);
      add(3, '13', [['financiere']], () => null, true);
      const inserted = await t.database.db.insert(entraideCases).values(rows).returning({ id: entraideCases.id, departement: entraideCases.departement });
      insertedIds = inserted.map((r) => r.id);
      // Outcomes: five Paris cases supported, one helped after a first refusal (its last decision counts).
      const decision = (caseId: string, kind: 'accompagnement' | 'refus' | 'aide_financiere', decidedOn: string) => ({
        caseId,
        commission: 'cde' as const,
        kind,
        decidedOn,
        amountCents: kind === 'aide_financiere' ? 50_000 : null,
        aidForm: kind === 'aide_financiere' ? ('secours' as const) : null,
        membersSeated: 5,
        membersPresent: 3,
        votesFor: 3,
        votesAgainst: 0,
        abstentions: 0,
        quorumReached: true,
      });
      await t.database.db.insert(entraideDecisions).values([
        ...insertedIds.slice(0, 5).map((id) => decision(id, 'accompagnement', '2026-11-20')),
        decision(insertedIds[5]!, 'refus', '2026-11-10'),
        decision(insertedIds[5]!, 'aide_financiere', '2026-11-25'),
      ]);
      // One case of October, outside the window.
      await t.database.db.insert(entraideCases).values({ ...rows[0]!, reference: 'E-2026-999', openedAt: new Date(Date.UTC(2026, 9, 15)), closedAt: new Date(Date.UTC(2026, 9, 20)), lastActivityAt: new Date(Date.UTC(2026, 9, 15)) });
    });

    it('counts November’s cases with every cell under 5 hidden, and the one it would betray by subtraction', async () => {
      const res = await admin.get('/api/entraide/stats?from=2026-11-15&to=2026-11-20');
      expect(res.statusCode).toBe(200);
      const stats = res.json();
      // Widened to whole months.
      expect(stats).toMatchObject({ from: '2026-11-01', to: '2026-11-30', total: 17, escalatedToCne: null, cresusReferrals: 0 });
      expect(stats.byNature).toEqual([
        { nature: 'sociale', count: 6 },
        { nature: 'professionnelle', count: 0 },
        { nature: 'personnelle', count: null },
        { nature: 'sante', count: 8 },
        { nature: 'financiere', count: null },
      ]);
      // 3 in Marseille is hidden; Lyon's 6 too, or 17 − 8 − 6 would give Marseille's 3.
      expect(stats.byDepartement).toEqual([
        { departement: '13', count: null },
        { departement: '69', count: null },
        { departement: '75', count: 8 },
      ]);
      expect(stats.byStatus).toEqual([
        { status: 'recu', count: 0 },
        // Marseille's 3 transmitted cases are hidden, and one of the two 7s with them.
        { status: 'en_cours', count: null },
        { status: 'transmis_cne', count: null },
        { status: 'clos', count: 7 },
      ]);
      expect(stats.byOutcome).toEqual([
        { outcome: 'aide_financiere', count: null },
        { outcome: 'orientation', count: 0 },
        { outcome: 'accompagnement', count: 5 },
        { outcome: 'refus', count: 0 },
      ]);
      expect(stats.byMonth).toEqual([{ month: '2026-11', count: 17 }]);
      expect(stats.medianDurationDays).toBe(4);
      const entry = await expectAudited(t.database, 'entraide.stats.read');
      expect(entry.details).toEqual({ from: '2026-11-01', to: '2026-11-30' });
      expect(JSON.stringify(stats)).not.toContain('E-2026-9');
    });

    it('hides a month’s single case and gives no median under 5 closed cases', async () => {
      const stats = (await admin.get('/api/entraide/stats?from=2026-10-01&to=2026-10-31')).json();
      expect(stats).toMatchObject({ total: null, medianDurationDays: null, byDepartement: [{ departement: '75', count: null }], byMonth: [{ month: '2026-10', count: null }] });
      expect((await admin.get('/api/entraide/stats?from=2026-12-01&to=2026-10-01')).statusCode).toBe(400);
    });

    it('is open to the CNE in office and administrators only', async () => {
      expect((await cne.get('/api/entraide/stats')).statusCode).toBe(200);
      for (const client of [cde, agent, doctor]) expect((await client.get('/api/entraide/stats')).statusCode).toBe(403);
      const formerUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
      await seat(formerUser, 'cne', null, { startsOn: '2020-01-01', endsOn: '2023-12-31' });
      expect((await (await loggedIn(t, formerUser)).get('/api/entraide/stats')).statusCode).toBe(403);
    });

    afterAll(async () => {
      await t.database.db.delete(entraideDecisions).where(inArray(entraideDecisions.caseId, insertedIds));
      await t.database.db.delete(entraideCases).where(inArray(entraideCases.reference, ['E-2026-999', ...Array.from({ length: 17 }, (_, i) => `E-2026-${900 + i}`)]));
    });
  });

  describe('right of access', () => {
    let c: typeof entraideCases.$inferSelect;
    const reason = 'Demande de droit d’accès reçue par courrier le 2 décembre.';

    beforeAll(async () => {
      c = await fileCase();
      await cde.post(`/api/entraide/cases/${c.id}/journal`, { kind: 'entretien', text: 'Entretien : difficultés de trésorerie du cabinet.' });
      await cde.post(`/api/entraide/cases/${c.id}/decisions`, { kind: 'aide_financiere', decidedOn: parisDay(), amountCents: 120_000, aidForm: 'pret_d_honneur', vote, note: '' });
      const sealer = await sealerFor(t.database.db, t.app.services.keys, cdeScope('75'));
      await t.database.db.insert(entraideBudgets).values({
        caseId: c.id,
        recordedOn: parisDay(),
        sealedBudget: sealer.seal(JSON.stringify({ lines: [{ kind: 'revenu', label: 'Honoraires', monthlyCents: 350_000 }, { kind: 'dette', label: 'Prêt du cabinet', monthlyCents: 150_000, remainingCents: 4_000_000 }], household: { personsFrom14: 2, childrenUnder14: 1 } })),
      });
      const [referral] = await t.database.db
        .insert(entraideCresusReferrals)
        .values({ caseId: c.id, consentRecordedAt: new Date(), sealedPayload: sealer.seal(JSON.stringify({ firstName: 'Maëlle', lastName: NAME, phone: '06 11 22 33 44', natures: ['financiere'], resteAVivreCents: 200_000 })) })
        .returning();
      await t.database.db.insert(entraideCresusActions).values({ referralId: referral!.id, action: 'contact_creanciers', occurredOn: parisDay(), sealedNote: sealer.seal('Échéancier obtenu auprès de la banque.') });
    });

    it('exports everything held about the person as JSON for a CDE member in office, audited with the reason', async () => {
      const res = await cde.post(`/api/entraide/cases/${c.id}/export`, { format: 'json', reason });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="droit-d-acces-${c.reference}.json"`);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body.identity).toMatchObject({ reference: c.reference, beneficiary: { kind: 'medecin', firstName: 'Maëlle', lastName: NAME }, contact: { means: 'telephone', phone: '06 11 22 33 44' }, message: 'Dettes du cabinet et fatigue.' });
      expect(body.case).toMatchObject({ id: c.id, reference: c.reference, journal: [{ kind: 'entretien', text: 'Entretien : difficultés de trésorerie du cabinet.' }, { kind: 'decision' }] });
      expect(body.decisions).toEqual([{ kind: 'aide_financiere', decidedOn: parisDay(), amountCents: 120_000, aidForm: 'pret_d_honneur', vote, quorumReached: true, commission: 'cde' }]);
      // The same list as the case page's.
      expect(body.case.decisions).toEqual(body.decisions);
      expect(body.cresus).toMatchObject({ status: 'orientee', shared: { lastName: NAME, resteAVivreCents: 200_000 }, actions: [{ action: 'contact_creanciers', note: 'Échéancier obtenu auprès de la banque.' }] });
      expect(body.budgets).toEqual([expect.objectContaining({ recordedOn: parisDay(), result: expect.objectContaining({ incomeCents: 350_000, resteAVivreCents: 200_000, outstandingDebtCents: 4_000_000 }) })]);
      const entry = await expectAudited(t.database, 'entraide.access.exported', c.id);
      expect(entry).toMatchObject({ actorId: cdeUser.user.id, reason, details: { reference: c.reference, format: 'json' } });
      expect(JSON.stringify(entry.details)).not.toContain(NAME);
    });

    it('exports a French PDF with the pseudonym on every page', async () => {
      const res = await cde.post(`/api/entraide/cases/${c.id}/export`, { format: 'pdf', reason });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = extractPdfText(pdf);
      for (const expected of ["Droit d'accès — données détenues", NAME, 'Maëlle', '06 11 22 33 44', 'Entretien : difficultés de trésorerie du cabinet.', 'Aide financière', "Prêt d'honneur", 'commission départementale — 3 pour,', '0 contre, 0 abstention, 3 membres présents sur 5 en exercice (quorum atteint)', 'Entretien —', 'Échéancier obtenu', 'Honoraires', 'Reste à vivre']) {
        expect(text).toContain(pdfTypography(expected));
      }
      const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)!.length;
      expect(pages).toBeGreaterThanOrEqual(1);
      for (let i = 1; i <= pages; i++) expect(text).toContain(`Dossier ${c.reference} — page ${i} / ${pages} — confidentiel`);
      expect((await expectAudited(t.database, 'entraide.access.exported', c.id)).details).toMatchObject({ format: 'pdf' });
    });

    it('refuses the export without a reason, out of scope, without consent or without a seat, auditing each refusal', async () => {
      const exports = () => auditEntries(t.database, 'entraide.access.exported');
      const before = (await exports()).length;
      const lastDenial = async () => (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;

      const bare = await cde.post(`/api/entraide/cases/${c.id}/export`, { format: 'json' });
      expect(bare.statusCode).toBe(400);
      expect(bare.json().error.details.fields[0]).toMatchObject({ path: 'reason', message: 'Dites pourquoi vous exportez ce dossier (10 caractères au moins).' });
      expect(await lastDenial()).toMatchObject({ entityId: c.id, details: { rule: 'raison_manquante', permission: 'entraide:access_export' } });

      const elsewhere = await cde13.post(`/api/entraide/cases/${c.id}/export`, { format: 'json', reason });
      expect(elsewhere.statusCode).toBe(404);
      expect(await lastDenial()).toMatchObject({ entityId: c.id, details: { rule: 'hors_perimetre' } });
      // Not transmitted: not the CNE's.
      expect((await cne.post(`/api/entraide/cases/${c.id}/export`, { format: 'json', reason })).statusCode).toBe(404);
      for (const client of [agent, admin, doctor]) {
        const res = await client.post(`/api/entraide/cases/${c.id}/export`, { format: 'pdf', reason });
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain(NAME);
        expect((await lastDenial()).details).toMatchObject({ permission: 'entraide:access_export' });
      }
      expect((await exports()).length).toBe(before);
    });

    it('lets the CNE export a transmitted case only if the person consented to it knowing their identity', async () => {
      const without = await fileCase();
      await cde.post(`/api/entraide/cases/${without.id}/escalation`, { identityConsent: false, reason: 'Dossier complexe, avis national.' });
      const refused = await cne.post(`/api/entraide/cases/${without.id}/export`, { format: 'json', reason });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain(NAME);
      expect((await auditEntries(t.database, 'authz.access.denied')).at(-1)).toMatchObject({ entityId: without.id, details: { rule: 'sans_consentement' } });

      const consented = await fileCase();
      await cde.post(`/api/entraide/cases/${consented.id}/escalation`, { identityConsent: true, reason: 'Orientation vers Crésus envisagée.' });
      const res = await cne.post(`/api/entraide/cases/${consented.id}/export`, { format: 'json', reason });
      expect(res.statusCode).toBe(200);
      expect(res.json().identity.beneficiary.lastName).toBe(NAME);
      expect(await expectAudited(t.database, 'entraide.access.exported', consented.id)).toMatchObject({ actorId: cneUser.user.id, reason });
    });
  });
});
