import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { watchlists } from '../../platform/db/schema-reports.js';
import { WATCHLIST_MATCH_QUEUE } from '../../platform/jobs/queues.js';
import { addIndicators, buildReport } from '../sharing/sharing.factories.js';
import { notifyWatchers } from './watchlist-match.service.js';
import { loggedIn } from '../../test/logged-in.js';
import { frenchTypography } from '../../../contracts/typography.js';

describe('watchlists', () => {
  let t: TestApp;
  let parisUser: TestUser;
  let paris: TestClient;
  let otherParis: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    parisUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    paris = await loggedIn(t, parisUser);
    otherParis = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
  });
  afterAll(() => t.close());

  describe('subscriptions', () => {
    it('refuses anonymous callers', async () => {
      const anonymous = new TestClient(t.app);
      await anonymous.refreshSession();
      expect((await anonymous.get('/api/watchlists')).statusCode).toBe(401);
      expect((await anonymous.post('/api/watchlists', { kind: 'departement', value: '75' })).statusCode).toBe(401);
      expect((await anonymous.request('DELETE', '/api/watchlists/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    });

    it('refuses roles without the permission', async () => {
      for (const role of ['medecin', 'membre_cde', 'membre_cne'] as const) {
        const client = await loggedIn(t, await buildUser(t.database, t.keys, { role }));
        expect((await client.get('/api/watchlists')).statusCode, role).toBe(403);
        expect((await client.post('/api/watchlists', { kind: 'departement', value: '75' })).statusCode, role).toBe(403);
      }
    });

    it.each([
      [{ value: '75' }, 'kind', undefined],
      [{ kind: 'email', value: 'x@exemple.fr' }, 'kind', undefined],
      [{ kind: 'phone', value: '   ' }, 'value', undefined],
      [{ kind: 'domain', value: `${'a'.repeat(251)}.fr` }, 'value', undefined],
      [{ kind: 'phone', value: '+33612345678', extra: 1 }, 'extra', undefined],
      [{ kind: 'phone', value: '12' }, 'value', 'Numéro de téléphone invalide'],
      [{ kind: 'domain', value: 'localhost' }, 'value', 'Nom de domaine invalide'],
      [{ kind: 'departement', value: '20' }, 'value', 'Département inconnu'],
      [{ kind: 'departement', value: '13' }, 'value', 'rattaché au département 75'],
      [{ kind: 'scam_family', value: 'loterie' }, 'value', 'Famille'],
    ])('refuses %j naming the field', async (body, field, message) => {
      const res = await paris.post('/api/watchlists', body);
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.details.fields as { path: string; message: string }[];
      expect(fields.map((f) => f.path)).toEqual([field]);
      if (message) expect(fields[0]!.message).toContain(message);
    });

    it('normalises what it follows, lists only the own subscriptions and audits', async () => {
      const phone = await paris.post('/api/watchlists', { kind: 'phone', value: '06 12 34 56 78' });
      expect(phone.statusCode).toBe(201);
      expect(phone.json()).toMatchObject({ kind: 'phone', value: '+33612345678', label: '+33 6 12 34 56 78' });
      expect((await expectAudited(t.database, 'watchlists.watch.added', phone.json().id)).details).toEqual({ kind: 'phone', value: '+33612345678' });

      const domain = await paris.post('/api/watchlists', { kind: 'domain', value: 'https://www.Ameli-Remboursement.fr/connexion?x=1' });
      expect(domain.json()).toMatchObject({ kind: 'domain', value: 'ameli-remboursement.fr' });
      expect((await paris.post('/api/watchlists', { kind: 'domain', value: 'sécu-remboursement.fr' })).json()).toMatchObject({ value: 'xn--scu-remboursement-btb.fr', label: 'sécu-remboursement.fr' });
      expect((await paris.post('/api/watchlists', { kind: 'departement', value: '75' })).json()).toMatchObject({ value: '75', label: 'Département 75' });
      expect((await paris.post('/api/watchlists', { kind: 'scam_family', value: 'ecps' })).json()).toMatchObject({ value: 'ecps', label: 'Fausse e-CPS / Pro Santé Connect' });

      const duplicate = await paris.post('/api/watchlists', { kind: 'phone', value: '+33 6 12 34 56 78' });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.json().error.details.fields[0].message).toBe('Vous suivez déjà « +33 6 12 34 56 78 ».');

      await otherParis.post('/api/watchlists', { kind: 'phone', value: '0700000000' });
      const list = await paris.get('/api/watchlists');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { value: string }) => i.value).sort()).toEqual(['+33612345678', '75', 'ameli-remboursement.fr', 'ecps', 'xn--scu-remboursement-btb.fr'].sort());
      expect(list.json().max).toBe(200);
    });

    it("removes an own subscription, audited, and cannot see another agent's", async () => {
      const mine = (await paris.post('/api/watchlists', { kind: 'scam_family', value: 'colis' })).json();
      const theirs = (await otherParis.post('/api/watchlists', { kind: 'scam_family', value: 'colis' })).json();

      const refused = await paris.request('DELETE', `/api/watchlists/${theirs.id}`);
      expect(refused.statusCode).toBe(404);
      expect(await t.database.db.select().from(watchlists).where(eq(watchlists.id, theirs.id))).toHaveLength(1);

      const res = await paris.request('DELETE', `/api/watchlists/${mine.id}`);
      expect(res.statusCode).toBe(204);
      expect(await t.database.db.select().from(watchlists).where(eq(watchlists.id, mine.id))).toHaveLength(0);
      const audit = await expectAudited(t.database, 'watchlists.watch.removed', mine.id);
      expect(audit).toMatchObject({ actorId: parisUser.user.id, details: { kind: 'scam_family', value: 'colis' } });
      expect((await paris.request('DELETE', `/api/watchlists/${mine.id}`)).statusCode).toBe(404);
    });
  });

  describe('notifications of matching reports', () => {
    // Gironde: no subscription of the tests above concerns it.
    it('mails each matching agent of the scope once, with the reasons and the link, never the reporter nor the text', async () => {
      const phoneAndDomain = await buildUser(t.database, t.keys, { role: 'agent', departement: '33' });
      const national = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
      const byDepartement = await buildUser(t.database, t.keys, { role: 'agent', departement: '33' });
      const byLinkHost = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
      const lyon = await buildUser(t.database, t.keys, { role: 'agent', departement: '69' });
      const disabled = await buildUser(t.database, t.keys, { role: 'agent', departement: '33', status: 'disabled' });
      const doctor = await buildUser(t.database, t.keys, { role: 'medecin', departement: '33' });
      const watch = (user: TestUser, kind: 'phone' | 'domain' | 'departement' | 'scam_family', value: string) =>
        t.database.db.insert(watchlists).values({ userId: user.user.id, kind, value });
      await watch(phoneAndDomain, 'phone', '+33698765432');
      await watch(phoneAndDomain, 'domain', 'remboursement-vitale.fr');
      await watch(national, 'scam_family', 'assurance_maladie');
      await watch(byDepartement, 'departement', '33');
      await watch(byLinkHost, 'domain', 'piege-ameli.com');
      await watch(lyon, 'phone', '+33698765432');
      await watch(disabled, 'phone', '+33698765432');
      await watch(doctor, 'phone', '+33698765432');

      const report = await buildReport(t.database, {
        departement: '33',
        reporterName: 'Hélène Lefèvre',
        reporterEmail: 'helene.lefevre@exemple.fr',
        pastedText: 'TEXTE-COLLE-CONFIDENTIEL rappelez le 06 98 76 54 32',
        scamFamily: 'assurance_maladie',
      });
      await addIndicators(t.database, report.id, [
        { kind: 'phone', value: '+33698765432' },
        { kind: 'domain', value: 'remboursement-vitale.fr' },
        // Only the URL carries this host: its registrable domain matches too.
        { kind: 'url', value: 'https://connexion.piege-ameli.com/vitale' },
        { kind: 'organisation', value: 'assurance maladie' },
      ]);

      await t.app.services.jobs.enqueue(WATCHLIST_MATCH_QUEUE, { reportId: report.id });
      const isAbout = (to: string) => (m: { to: string[]; subject: string }) => m.to.includes(to) && m.subject.includes(report.receiptNumber);
      const mail = await t.catcher.waitFor(isAbout(phoneAndDomain.user.email));
      for (const user of [national, byDepartement, byLinkHost]) await t.catcher.waitFor(isAbout(user.user.email));

      expect(mail.subject).toBe(frenchTypography(`Vigie — veille : nouveau signalement ${report.receiptNumber}`));
      expect(mail.text).toContain(`/signalements/${report.id}`);
      expect(mail.text).toContain(frenchTypography('le numéro +33 6 98 76 54 32, que vous suivez, y figure ;'));
      expect(mail.text).toContain('le domaine remboursement-vitale.fr, que vous suivez, y figure.');
      expect(mail.text).toContain(frenchTypography('Département : 33'));
      for (const secret of ['Lefèvre', 'helene.lefevre', 'TEXTE-COLLE']) expect(mail.text).not.toContain(secret);
      expect((await t.catcher.waitFor(isAbout(national.user.email))).text).toContain(frenchTypography('il relève de la famille « Fausse Assurance Maladie (ameli, carte Vitale) », que vous suivez.'));
      expect((await t.catcher.waitFor(isAbout(byLinkHost.user.email))).text).toContain('le domaine piege-ameli.com, que vous suivez, y figure.');

      const notified = (await auditEntries(t.database, 'watchlists.match.notified')).filter((e) => e.entityId === report.id);
      expect(notified.map((e) => (e.details as { userId: string }).userId).sort()).toEqual([phoneAndDomain, national, byDepartement, byLinkHost].map((u) => u.user.id).sort());
      expect(notified.every((e) => e.actorRole === 'system')).toBe(true);
      for (const refused of [lyon, disabled, doctor]) expect(t.catcher.messages.some(isAbout(refused.user.email))).toBe(false);

      // A repeated job (regrouping, retry) tells nobody twice.
      expect(await notifyWatchers(t.app.services, report.id)).toBe(0);
      expect((await auditEntries(t.database, 'watchlists.match.notified')).filter((e) => e.entityId === report.id)).toHaveLength(4);

      // A new subscriber is told about the report on the next run, and only them.
      const late = await buildUser(t.database, t.keys, { role: 'agent', departement: '33' });
      await watch(late, 'scam_family', 'assurance_maladie');
      expect(await notifyWatchers(t.app.services, report.id)).toBe(1);
      await t.catcher.waitFor(isAbout(late.user.email));
    });

    it('ignores reports not yet confirmed, merged ones, and unknown ids', async () => {
      const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '2A' });
      await t.database.db.insert(watchlists).values({ userId: agent.user.id, kind: 'departement', value: '2A' });
      const corsica = { departement: '2A', scamFamily: null } as const;
      const original = await buildReport(t.database, corsica);
      const unconfirmed = await buildReport(t.database, { ...corsica, status: 'en_attente_confirmation' });
      const merged = await buildReport(t.database, { ...corsica, status: 'fusionne', mergedInto: original.id });
      expect(await notifyWatchers(t.app.services, unconfirmed.id)).toBe(0);
      expect(await notifyWatchers(t.app.services, merged.id)).toBe(0);
      expect(await notifyWatchers(t.app.services, '00000000-0000-4000-8000-000000000000')).toBe(0);
      expect(await notifyWatchers(t.app.services, original.id)).toBe(1);
    });
  });
});
