import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_LIMIT, type TAuditEntry, type TAuditPage } from '../../../contracts/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { users } from '../../platform/db/schema.js';
import { campaigns } from '../../platform/db/schema-reports.js';
import { auditEntries, buildDoctor, buildUser, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

const parisDay = (offsetDays = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('the audit journal as a person reads it: labels, names, filters, export', () => {
  let t: TestApp;
  let national: TestUser;
  let agent: TestUser;
  let doctorUser: TestUser;
  let admin: TestClient;
  let parisAdmin: TestClient;
  let createdUserId: string;
  let campaignId: string;
  let caseId: string;
  let caseReference: string;

  const read = async (query = ''): Promise<TAuditPage> => {
    const res = await admin.get(`/api/admin/audit${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const named = async (name: string, id: string) => {
    await t.database.db.update(users).set({ displayName: name }).where(eq(users.id, id));
  };

  beforeAll(async () => {
    t = await buildTestApp();
    national = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    const parisAccount = await buildUser(t.database, t.keys, { role: 'admin', departement: '75' });
    agent = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    await buildDoctor(t.database, { userId: doctorUser.user.id, birthName: 'Lenormand', firstNames: 'Armelle', departement: '75', corrEmail: doctorUser.user.email });
    await named('Béatrice Nationale', national.user.id);
    await named('Camille Vérificatrice', agent.user.id);
    await named('Armelle Lenormand', doctorUser.user.id);
    const doctor = await loggedIn(t, doctorUser);
    [admin, parisAdmin] = await Promise.all([loggedIn(t, national), loggedIn(t, parisAccount)]);

    // An account created by the national administrator, a campaign created by the agent, and a doctor's
    // own request for help (recorded without its author).
    const created = await admin.post('/api/admin/users', { email: 'paul.nouveau@exemple.fr', displayName: 'Paul Nouveau', role: 'agent', departement: '13' });
    expect(created.statusCode).toBe(201);
    createdUserId = created.json().id;
    const [campaign] = await t.database.db.insert(campaigns).values({ reference: 'CAMP-2026-0042', label: 'Faux renouvellement de carte CPS' }).returning();
    campaignId = campaign!.id;
    await recordAudit(t.database.db, { actorId: agent.user.id, actorRole: 'agent', ip: '192.0.2.7', requestId: null }, { action: 'campaigns.campaign.created', entityType: 'campaign', entityId: campaignId });
    const filed = await doctor.post('/api/entraide/requests', { natures: ['sante'], urgency: 'rapide', message: 'Je souhaite être rappelée rapidement.', contact: { means: 'courriel', consent: true } });
    expect(filed.statusCode, filed.body).toBe(201);
    caseReference = filed.json().reference;
    caseId = (await auditEntries(t.database, 'entraide.case.requested'))[0]!.entityId!;
  });
  afterAll(() => t?.close());

  const find = (page: TAuditPage, action: string) => page.items.find((e) => e.action === action);

  it('names the author and the object at read time, an entraide case by its pseudonym and its own request without author', async () => {
    const page = await read();
    expect(find(page, 'admin.user.created')).toMatchObject({ actorId: national.user.id, actorName: 'Béatrice Nationale', entityId: createdUserId, entityLabel: 'Paul Nouveau' });
    expect(find(page, 'campaigns.campaign.created')).toMatchObject({ actorName: 'Camille Vérificatrice', actorRole: 'agent', entityLabel: 'CAMP-2026-0042 — Faux renouvellement de carte CPS' });
    const request = find(page, 'entraide.case.requested')!;
    expect(request).toMatchObject({ actorId: null, actorName: null, actorRole: 'medecin', entityType: 'entraide_case', entityId: caseId, entityLabel: `Dossier ${caseReference}` });
    // The doctor's logins are theirs; the request itself carries nothing that names them.
    expect(JSON.stringify(request)).not.toMatch(/Lenormand|Armelle|exemple\.fr/);
    expect(JSON.stringify(request)).not.toContain(doctorUser.user.id);
    // A name changed later shows as it is now: resolved when read, never stored in the entry.
    await named('Paul Renommé', createdUserId);
    expect(find(await read(), 'admin.user.created')!.entityLabel).toBe('Paul Renommé');
  });

  it('filters by person (name or id), action or family, object and Paris day', async () => {
    const byName = await read(`?actor=${encodeURIComponent('vérificatrice')}`);
    expect(byName.items.map((e) => e.action)).toEqual(['campaigns.campaign.created']);
    expect(byName.items.every((e) => e.actorId === agent.user.id)).toBe(true);
    expect(byName.matching).toBe(byName.items.length);
    expect((await read(`?actor=${agent.user.id}`)).items.map((e) => e.id)).toEqual(byName.items.map((e) => e.id));

    const family = await read('?action=entraide.');
    expect(family.items.length).toBeGreaterThan(0);
    expect(family.items.every((e: TAuditEntry) => e.action.startsWith('entraide.'))).toBe(true);
    expect((await read('?action=admin.user.created')).items.map((e) => e.entityId)).toEqual([createdUserId]);
    // Without its dot, a family is taken as one exact action: no substring match.
    expect((await read('?action=adm')).items).toEqual([]);

    const object = await read(`?entityType=campaign&entityId=${campaignId}`);
    expect(object.items.map((e) => e.action)).toEqual(['campaigns.campaign.created']);

    expect((await read(`?action=admin.user.created&from=${parisDay()}&to=${parisDay()}`)).items).toHaveLength(1);
    expect((await read(`?action=admin.user.created&from=${parisDay(1)}`)).items).toEqual([]);
    expect((await read(`?action=admin.user.created&to=${parisDay(-1)}`)).items).toEqual([]);

    const backwards = await admin.get(`/api/admin/audit?from=${parisDay()}&to=${parisDay(-1)}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields).toEqual([{ path: 'to', message: 'La date de début doit précéder la date de fin.' }]);
    expect((await admin.get('/api/admin/audit?action=%25')).statusCode).toBe(400);
  });

  it('pages by id with the filters kept', async () => {
    const all = await read('?action=auth.');
    expect(all.items.length).toBeGreaterThan(3);
    const older = await read(`?action=auth.&beforeId=${all.items[1]!.id}`);
    expect(older.items.map((e) => e.id)).toEqual(all.items.slice(2).map((e) => e.id));
  });

  it('audits every reading with its filters, and keeps it to national administrators', async () => {
    await read(`?actor=Camille&action=campaigns.&from=${parisDay()}`);
    const reads = await auditEntries(t.database, 'admin.audit_log.read');
    expect(reads.at(-1)).toMatchObject({ actorId: national.user.id, details: { actor: 'Camille', action: 'campaigns.', from: parisDay(), to: null } });
    expect((await parisAdmin.get('/api/admin/audit')).statusCode).toBe(403);
    expect((await parisAdmin.get('/api/admin/audit/export?format=csv')).statusCode).toBe(403);
  });

  it('exports the filtered entries as CSV for a spreadsheet, audited as an export', async () => {
    const res = await admin.get(`/api/admin/audit/export?format=csv&action=${encodeURIComponent('entraide.')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="journal-audit-${parisDay()}.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('N°;Date (heure de Paris);Action;Code de l’action;Auteur;Rôle;Identifiant de l’auteur;Objet;Désignation;Identifiant de l’objet;Adresse IP;Motif');
    const request = lines.find((l) => l.includes('entraide.case.requested'))!.split(';');
    expect(request.slice(2, 10)).toEqual(['Demande d’entraide reçue', 'entraide.case.requested', '', 'Médecin', '', 'Dossier d’entraide', `Dossier ${caseReference}`, caseId]);
    expect(request[1]).toMatch(new RegExp(`^${parisDay()} \\d{2}:\\d{2}:\\d{2}$`));
    expect(res.body).not.toMatch(/Lenormand|Armelle/);
    expect(lines.slice(1).every((l) => l.split(';')[3]!.startsWith('entraide.'))).toBe(true);

    const exported = (await auditEntries(t.database, 'admin.audit_log.exported')).at(-1);
    expect(exported).toMatchObject({ actorId: national.user.id, entityType: 'audit_log', details: { format: 'csv', rows: lines.length - 1, action: 'entraide.' } });
    expect((await admin.get('/api/admin/audit/export?format=pdf')).statusCode).toBe(400);
  });

  it(`refuses an export of more than ${AUDIT_EXPORT_LIMIT} entries, saying how to narrow it`, async () => {
    // Cheap filler entries, written by the database as the application would (the chain trigger runs per row).
    await t.database.raw.exec(
      `INSERT INTO audit_log (actor_role, action, entity_type, details) SELECT 'system', 'dashboard.stats.read', 'filler', '{}'::jsonb FROM generate_series(1, ${AUDIT_EXPORT_LIMIT})`,
    );
    const page = await read();
    expect(page.matching).toBe(AUDIT_EXPORT_LIMIT + 1);
    const res = await admin.get('/api/admin/audit/export?format=csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'AUDIT_EXPORT_TOO_LARGE', message: expect.stringContaining('limité à 50 000 entrées') });
    expect(await auditEntries(t.database, 'admin.audit_log.exported')).toHaveLength(1);
    // Narrowed, it goes through.
    expect((await admin.get('/api/admin/audit/export?format=csv&entityType=filler&to=' + parisDay(-1))).statusCode).toBe(200);
  }, 120_000);
});
