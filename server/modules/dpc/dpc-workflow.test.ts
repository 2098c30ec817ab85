import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { dpcActions } from '../../platform/db/schema-dpc.js';
import { dpcSignalementEvents, dpcSignalementEvidence, dpcSignalementReviews, dpcSignalements } from '../../platform/db/schema-dpc-signalements.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';
import { insertSignalement, REPORTER } from './dpc-signalements.testing.js';

// The workflow of DPC signalements (docs/dpc-signalements.md « Workflow »): the queue, the detail, the
// reporter's identity, evidence, triage, review and decision, through HTTP as each role would call it.

const leaks = (body: string) => [REPORTER.fullName, REPORTER.email, REPORTER.phone].filter((value) => body.includes(value));

describe('DPC signalements workflow', () => {
  let t: TestApp;
  let agent75: TestClient;
  let agent13: TestClient;
  let nationalAgent: TestClient;
  let reviewer: TestClient;
  let otherReviewer: TestClient;
  let doctor: TestClient;
  let admin: TestClient;
  let cdeMember: TestClient;
  let anonymous: TestClient;
  let reviewerUser: TestUser;
  let otherReviewerUser: TestUser;
  let agent75User: TestUser;
  let actionId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const adminUser = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    admin = await loggedIn(t, adminUser);
    const drift = catalogueRow({ organisationNumber: '9876', organisationName: 'École du sens biologique', organisationEmail: 'contact@ecole-sens.example.fr', title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME });
    expect((await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'c.csv', contentBase64: catalogueCsv([drift]) })).statusCode).toBe(200);
    actionId = (await t.database.db.select({ id: dpcActions.id }).from(dpcActions).where(eq(dpcActions.reference, drift.reference)))[0]!.id;
    agent75User = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent75 = await loggedIn(t, agent75User);
    agent13 = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    nationalAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    reviewerUser = await buildUser(t.database, t.keys, { role: 'relecteur_dpc' });
    reviewer = await loggedIn(t, reviewerUser);
    otherReviewerUser = await buildUser(t.database, t.keys, { role: 'relecteur_dpc' });
    otherReviewer = await loggedIn(t, otherReviewerUser);
    doctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin' }));
    cdeMember = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' }));
    anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
  });
  afterAll(() => t.close());

  const versionOf = async (id: string) => (await t.database.db.select({ v: dpcSignalements.version }).from(dpcSignalements).where(eq(dpcSignalements.id, id)))[0]!.v;

  describe('the queue', () => {
    it('refuses anonymous callers (401), doctors, admins and CDE members (403), and a bad filter (400)', async () => {
      expect((await anonymous.get('/api/dpc/signalements')).statusCode).toBe(401);
      for (const client of [doctor, admin, cdeMember, reviewer]) expect((await client.get('/api/dpc/signalements')).statusCode).toBe(403);
      for (const client of [doctor, admin, agent75]) expect((await client.get('/api/dpc/reviews')).statusCode).toBe(403);
      for (const [query, field] of [['status=perdu', 'status'], ['kind=autre', 'kind'], ['priority=urgente', 'priority'], ['page=0', 'page'], ['tri=1', 'tri']] as const) {
        const res = await agent75.get(`/api/dpc/signalements?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
      }
    });

    it('lists new signalements by priority then newest, in the agent’s département, never with the reporter', async () => {
      const low = await insertSignalement(t.database, { facts: 'La salle était froide et le café tiède.', departement: '75', subjectLabel: 'Formation tiède' });
      const high = await insertSignalement(t.database, { departement: '75', createdAt: new Date(Date.now() - 86_400_000) });
      const elsewhere = await insertSignalement(t.database, { departement: '13' });
      const res = await agent75.get('/api/dpc/signalements?status=nouveau');
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((i: { id: string }) => i.id);
      expect(ids.indexOf(high.id)).toBeLessThan(ids.indexOf(low.id));
      expect(ids).not.toContain(elsewhere.id);
      expect(res.json().items.find((i: { id: string }) => i.id === high.id)).toMatchObject({ reference: high.reference, priority: 'haute', departement: '75', status: 'nouveau', reviewerName: null });
      expect(res.json().counts.nouveau).toBeGreaterThanOrEqual(2);
      expect(leaks(res.body)).toEqual([]);
      expect(res.body).not.toContain('chimiothérapie');

      const national = (await nationalAgent.get('/api/dpc/signalements?status=nouveau')).json().items.map((i: { id: string }) => i.id);
      expect(national).toEqual(expect.arrayContaining([high.id, low.id, elsewhere.id]));
      const filtered = (await agent75.get('/api/dpc/signalements?priority=aucune')).json().items.map((i: { id: string }) => i.id);
      expect(filtered).toContain(low.id);
      expect(filtered).not.toContain(high.id);
    });

    it('gives a reviewer only the signalements designated to them', async () => {
      const mine = await insertSignalement(t.database, { status: 'en_revue', reviewerId: reviewerUser.user.id });
      const theirs = await insertSignalement(t.database, { status: 'en_revue', reviewerId: otherReviewerUser.user.id });
      const res = await reviewer.get('/api/dpc/reviews');
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((i: { id: string }) => i.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      expect(res.json().items.find((i: { id: string }) => i.id === mine.id).reviewerName).toBe(reviewerUser.user.displayName);
      expect(leaks(res.body)).toEqual([]);
    });

    it('lists the active expert reviewers for the designation', async () => {
      const disabled = await buildUser(t.database, t.keys, { role: 'relecteur_dpc', status: 'disabled' });
      expect((await reviewer.get('/api/dpc/reviewers')).statusCode).toBe(403);
      const res = await agent75.get('/api/dpc/reviewers');
      const ids = res.json().items.map((i: { id: string }) => i.id);
      expect(ids).toEqual(expect.arrayContaining([reviewerUser.user.id, otherReviewerUser.user.id]));
      expect(ids).not.toContain(disabled.user.id);
    });
  });

  describe('reading a signalement', () => {
    it('shows the facts with their findings and the catalogue action with its screening, audited, without the reporter', async () => {
      const s = await insertSignalement(t.database, { actionId, subjectKind: 'action', departement: '75' });
      const res = await agent75.get(`/api/dpc/signalements/${s.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const detail = res.json();
      expect(detail).toMatchObject({ reference: s.reference, status: 'nouveau', version: 1, reviewer: null, decision: null });
      expect(detail.findings.length).toBeGreaterThan(0);
      const evidence = detail.findings[0].evidence[0];
      expect(detail.facts.slice(evidence.start, evidence.end)).toBe(evidence.text);
      expect(detail.action).toMatchObject({ title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME });
      expect(detail.action.screening.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('methode.decodage-biologique');
      // The programme's evidence points into what the screening read (title, then programme), as the page highlights it.
      for (const e of detail.action.screening.findings.flatMap((f: { evidence: { start: number; end: number; text: string }[] }) => f.evidence)) {
        expect(detail.action.screening.screenedText.slice(e.start, e.end)).toBe(e.text);
      }
      expect(detail.organisation).toMatchObject({ name: 'École du sens biologique', registrationNumber: '9876', contactEmail: 'contact@ecole-sens.example.fr' });
      expect(detail.can).toMatchObject({ triage: true, review: false, invite: true, decide: true, decideTransmission: false, revealReporter: true });
      expect(leaks(res.body)).toEqual([]);
      const audit = await expectAudited(t.database, 'dpc.signalement.read', s.id);
      expect(audit.details).toEqual({ reference: s.reference });
    });

    it('does not name the doctor who filed from their account in the journal', async () => {
      const filer = await buildUser(t.database, t.keys, { role: 'medecin' });
      const s = await insertSignalement(t.database, { actionId, subjectKind: 'action', departement: '75', filedBy: filer.user.id, reviewerId: reviewerUser.user.id, status: 'en_revue' });
      await t.database.db.insert(dpcSignalementEvents).values({ signalementId: s.id, kind: 'depose', actorId: filer.user.id });
      for (const [client, base] of [[agent75, 'signalements'], [reviewer, 'reviews']] as const) {
        const res = await client.get(`/api/dpc/${base}/${s.id}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().events).toEqual([expect.objectContaining({ kind: 'depose', actorName: null })]);
        expect(res.body).not.toContain(filer.user.displayName);
        expect(res.body).not.toContain(filer.user.email);
      }
    });

    it('answers 404 to an agent of another département and to a reviewer not designated, each refusal audited', async () => {
      const s = await insertSignalement(t.database, { departement: '75', status: 'en_revue', reviewerId: reviewerUser.user.id });
      for (const [client, path] of [[agent13, `/api/dpc/signalements/${s.id}`], [otherReviewer, `/api/dpc/reviews/${s.id}`]] as const) {
        const before = (await auditEntries(t.database, 'authz.access.denied')).length;
        const res = await client.get(path);
        expect(res.statusCode).toBe(404);
        expect(leaks(res.body)).toEqual([]);
        const denials = await auditEntries(t.database, 'authz.access.denied');
        expect(denials.length).toBe(before + 1);
        expect(denials.at(-1)).toMatchObject({ entityType: 'dpc_signalement', entityId: s.id });
      }
      expect((await reviewer.get(`/api/dpc/signalements/${s.id}`)).statusCode).toBe(403);
      expect((await doctor.get(`/api/dpc/signalements/${s.id}`)).statusCode).toBe(403);
      expect((await admin.get(`/api/dpc/signalements/${s.id}`)).statusCode).toBe(403);
      expect((await anonymous.get(`/api/dpc/signalements/${s.id}`)).statusCode).toBe(401);
      expect((await agent75.get('/api/dpc/signalements/pas-un-uuid')).statusCode).toBe(400);
      const designated = await reviewer.get(`/api/dpc/reviews/${s.id}`);
      expect(designated.statusCode).toBe(200);
      expect(designated.json().can).toMatchObject({ review: true, triage: false, decide: false, invite: false, revealReporter: true });
    });

    it('reveals the reporter to an agent in scope and the designated reviewer only, each read audited with the reference', async () => {
      const s = await insertSignalement(t.database, { departement: '75', status: 'en_revue', reviewerId: reviewerUser.user.id });
      const path = `/api/dpc/signalements/${s.id}/reporter`;
      expect((await anonymous.get(path)).statusCode).toBe(401);
      for (const client of [admin, doctor, cdeMember]) {
        const refused = await client.get(path);
        expect(refused.statusCode).toBe(403);
        expect(leaks(refused.body)).toEqual([]);
      }
      for (const client of [otherReviewer, agent13]) {
        const hidden = await client.get(path);
        expect(hidden.statusCode).toBe(404);
        expect(leaks(hidden.body)).toEqual([]);
      }
      const before = (await auditEntries(t.database, 'dpc.signalement.reporter_read')).length;
      const res = await agent75.get(path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ reporterKind: 'participant', fullName: REPORTER.fullName, email: REPORTER.email, phone: REPORTER.phone, profession: REPORTER.profession, relation: null });
      expect((await reviewer.get(path)).json().fullName).toBe(REPORTER.fullName);
      const reads = await auditEntries(t.database, 'dpc.signalement.reporter_read');
      expect(reads.length).toBe(before + 2);
      expect(reads.at(-2)).toMatchObject({ entityId: s.id, actorId: agent75User.user.id, details: { reference: s.reference } });
      expect(JSON.stringify(reads.at(-1)!.details)).not.toContain(REPORTER.email);
    });

    it('downloads an evidence file as an attachment, audited, and nothing of another signalement', async () => {
      const s = await insertSignalement(t.database, { departement: '75' });
      const other = await insertSignalement(t.database, { departement: '75' });
      const stored = await t.app.services.uploads.put(new TextEncoder().encode('Programme distribué le 12 mars.'));
      const [evidence] = await t.database.db
        .insert(dpcSignalementEvidence)
        .values({ signalementId: s.id, fileName: 'programme (copie).txt', mediaType: 'text/plain', sizeBytes: stored.sizeBytes, sha256: stored.sha256, storageKey: stored.key, scanStatus: 'sain' })
        .returning();
      const res = await agent75.get(`/api/dpc/signalements/${s.id}/evidence/${evidence!.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('Programme distribué le 12 mars.');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="programme \(copie\)\.txt"/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const audit = await expectAudited(t.database, 'dpc.signalement.evidence_read', s.id);
      expect(audit.details).toMatchObject({ reference: s.reference, evidenceId: evidence!.id });
      expect((await agent75.get(`/api/dpc/signalements/${other.id}/evidence/${evidence!.id}`)).statusCode).toBe(404);
      expect((await agent13.get(`/api/dpc/signalements/${s.id}/evidence/${evidence!.id}`)).statusCode).toBe(404);
      const detail = (await agent75.get(`/api/dpc/signalements/${s.id}`)).json();
      expect(detail.evidence).toEqual([{ id: evidence!.id, fileName: 'programme (copie).txt', mediaType: 'text/plain', sizeBytes: stored.sizeBytes, scanStatus: 'sain' }]);
    });
  });

  describe('triage', () => {
    it('climbs the ladder: 401, 403, 400 per bad field, 400 for a reviewer who is not one, 404 out of scope, 409 on a stale version', async () => {
      const s = await insertSignalement(t.database, { departement: '75' });
      const path = `/api/dpc/signalements/${s.id}/triage`;
      const good = { version: 1, reviewerId: reviewerUser.user.id };
      expect((await anonymous.post(path, good)).statusCode).toBe(401);
      for (const client of [doctor, admin, cdeMember, reviewer]) expect((await client.post(path, good)).statusCode).toBe(403);
      for (const [body, field] of [
        [{ reviewerId: reviewerUser.user.id }, 'version'],
        [{ version: 1, reviewerId: 'x' }, 'reviewerId'],
        [{ ...good, kind: 'autre' }, 'kind'],
        [{ ...good, note: 'n'.repeat(4001) }, 'note'],
        [{ ...good, extra: true }, 'extra'],
      ] as const) {
        const res = await agent75.post(path, body);
        expect(res.statusCode, field).toBe(400);
        expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
      }
      const notReviewer = await agent75.post(path, { version: 1, reviewerId: agent75User.user.id });
      expect(notReviewer.statusCode).toBe(400);
      expect(notReviewer.json().error.details.fields[0].path).toBe('reviewerId');
      expect((await agent13.post(path, good)).statusCode).toBe(404);
      expect((await agent75.post(path, { ...good, version: 7 })).json().error.code).toBe('STALE_VERSION');
      expect(await versionOf(s.id)).toBe(1);
    });

    it('designates the reviewer, requalifies, journals, audits and mails the reviewer the reference and a link only', async () => {
      const s = await insertSignalement(t.database, { departement: '75', kind: 'situation_a_risque' });
      const res = await agent75.post(`/api/dpc/signalements/${s.id}/triage`, { version: 1, reviewerId: reviewerUser.user.id, kind: 'derive_therapeutique', note: 'Urgent : orientation vers un arrêt de traitement.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: s.id, reference: s.reference, status: 'en_revue', version: 2 });
      const [row] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, s.id));
      expect(row).toMatchObject({ status: 'en_revue', kind: 'derive_therapeutique', reviewerId: reviewerUser.user.id });
      const events = await t.database.db.select().from(dpcSignalementEvents).where(eq(dpcSignalementEvents.signalementId, s.id));
      expect(events.map((e) => e.kind).sort()).toEqual(['relecteur_designe', 'trie']);
      expect((await expectAudited(t.database, 'dpc.signalement.triaged', s.id)).details).toMatchObject({ reference: s.reference, kind: 'derive_therapeutique', previousKind: 'situation_a_risque' });
      expect((await expectAudited(t.database, 'dpc.signalement.reviewer_assigned', s.id)).details).toMatchObject({ reviewerId: reviewerUser.user.id });
      const mail = await t.catcher.waitFor((m) => m.to.includes(reviewerUser.user.email) && m.text.includes(s.reference));
      expect(mail.subject).toContain('Un signalement DPC vous est confié');
      expect(mail.text).toContain(`/vigilance-dpc/signalements/${s.id}`);
      expect(mail.text).not.toContain('chimiothérapie');
      expect(leaks(mail.text)).toEqual([]);

      // Another reviewer may be designated while the review is under way; the new one sees it, the former no longer does.
      const again = await agent75.post(`/api/dpc/signalements/${s.id}/triage`, { version: 2, reviewerId: otherReviewerUser.user.id });
      expect(again.json().status).toBe('en_revue');
      expect((await reviewer.get(`/api/dpc/reviews/${s.id}`)).statusCode).toBe(404);
      expect((await otherReviewer.get(`/api/dpc/reviews/${s.id}`)).statusCode).toBe(200);
    });
  });

  describe('review and decision', () => {
    it('takes the designated reviewer’s opinion only, with confirmed findings among the signalement’s', async () => {
      const s = await insertSignalement(t.database, { departement: '75', status: 'en_revue', reviewerId: reviewerUser.user.id });
      const ruleId = s.findings[0]!.ruleId;
      const path = `/api/dpc/signalements/${s.id}/review`;
      const good = { version: 1, opinion: 'Dérive thérapeutique caractérisée.', recommendedOutcomes: ['transmission_andpc', 'transmission_miviludes'], confirmedRuleIds: [ruleId] };
      expect((await anonymous.post(path, good)).statusCode).toBe(401);
      for (const client of [agent75, admin, doctor]) expect((await client.post(path, good)).statusCode).toBe(403);
      expect((await otherReviewer.post(path, good)).statusCode).toBe(404);
      for (const [body, field] of [
        [{ ...good, opinion: ' ' }, 'opinion'],
        [{ ...good, recommendedOutcomes: [] }, 'recommendedOutcomes'],
        [{ ...good, recommendedOutcomes: ['classement', 'transmission_andpc'] }, 'recommendedOutcomes'],
        [{ ...good, recommendedOutcomes: ['inconnue'] }, 'recommendedOutcomes.0'],
        [{ ...good, confirmedRuleIds: ['regle.inventee'] }, 'confirmedRuleIds'],
      ] as const) {
        const res = await reviewer.post(path, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
      }
      const res = await reviewer.post(path, good);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'avis_rendu', version: 2 });
      const [review] = await t.database.db.select().from(dpcSignalementReviews).where(eq(dpcSignalementReviews.signalementId, s.id));
      expect(review).toMatchObject({ reviewerId: reviewerUser.user.id, recommendedOutcomes: ['transmission_andpc', 'transmission_miviludes'], confirmedRuleIds: [ruleId] });
      expect((await expectAudited(t.database, 'dpc.signalement.reviewed', s.id)).details).toMatchObject({ reference: s.reference, confirmedRuleIds: [ruleId] });
      // A further opinion is welcome once the first is in.
      expect((await reviewer.post(path, { ...good, version: 2, recommendedOutcomes: ['saisine_chambre'] })).json().version).toBe(3);
      expect((await reviewer.post(path, { ...good, version: 2 })).json().error.code).toBe('STALE_VERSION');
    });

    it('refuses a transmission before an opinion, allows classement alone at triage, and decides once', async () => {
      const s = await insertSignalement(t.database, { departement: '75', status: 'en_revue', reviewerId: reviewerUser.user.id });
      const path = `/api/dpc/signalements/${s.id}/decision`;
      const transmission = { version: 1, outcomes: ['transmission_andpc'], reason: 'Programme sans fondement scientifique.' };
      expect((await anonymous.post(path, transmission)).statusCode).toBe(401);
      for (const client of [reviewer, admin, doctor, cdeMember]) expect((await client.post(path, transmission)).statusCode).toBe(403);
      expect((await agent13.post(path, transmission)).statusCode).toBe(404);
      for (const [body, field] of [
        [{ ...transmission, outcomes: ['classement', 'transmission_andpc'] }, 'outcomes'],
        [{ ...transmission, outcomes: ['transmission_andpc', 'transmission_andpc'] }, 'outcomes'],
        [{ ...transmission, reason: '' }, 'reason'],
        [{ outcomes: ['classement'], reason: 'x' }, 'version'],
      ] as const) {
        const res = await agent75.post(path, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
      }
      const early = await agent75.post(path, transmission);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('INVALID_STATE');
      expect(early.json().error.message).toContain('avis');

      const fresh = await insertSignalement(t.database, { departement: '75' });
      const classed = await agent75.post(`/api/dpc/signalements/${fresh.id}/decision`, { version: 1, outcomes: ['classement'], reason: 'Aucun élément de dérive.' });
      expect(classed.statusCode, classed.body).toBe(200);
      expect(classed.json().status).toBe('decide');
      const [row] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, fresh.id));
      expect(row).toMatchObject({ decisionOutcomes: ['classement'], decisionReason: 'Aucun élément de dérive.', decidedBy: agent75User.user.id });
      expect((await expectAudited(t.database, 'dpc.signalement.decided', fresh.id)).details).toEqual({ reference: fresh.reference, outcomes: ['classement'] });
      const twice = await agent75.post(`/api/dpc/signalements/${fresh.id}/decision`, { version: 2, outcomes: ['classement'], reason: 'Encore.' });
      expect(twice.json().error.code).toBe('INVALID_STATE');
    });
  });
});
