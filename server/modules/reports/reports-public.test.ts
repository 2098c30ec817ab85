import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, expectAudited } from '../../test/factories.js';
import { reportAttachments, reportNotes, reports } from '../../platform/db/schema-reports.js';
import { sha256Hex } from '../../platform/crypto/tokens.js';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { tinyPng } from './report-fixtures.js';
import { multipartBody, postForm, postFormStream, windowsExecutable } from '../../test/multipart.js';
import { confirmReport, purgeUnconfirmedReports } from './reports.service.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/audit.js';
import { GROUP_REPORT_QUEUE } from '../../platform/jobs/queues.js';
import { frenchTypography } from '../../../contracts/typography.js';

const CALL = "Appel d'un prétendu « service de certification périodique » : il exige 450 € sous 48 h sinon radiation.";

async function groupingJobs(t: TestApp, reportId: string): Promise<number> {
  const { rows } = await t.database.raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT name, data FROM pgboss.job UNION ALL SELECT name, data FROM pgboss.archive) j
     WHERE name = 'campaigns.group-report' AND data->>'reportId' = $1`,
    [reportId],
  );
  return rows[0]!.n;
}

function linkIn(text: string, pathname: string): URL {
  const match = new RegExp(`https?://\\S+${pathname.replace(/\//g, '\\/')}\\?\\S+`).exec(text);
  if (!match) throw new Error(`no ${pathname} link in the mail`);
  return new URL(match[0]);
}

describe('reports filed without an account: confirmation link, receipt, follow link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { UPLOAD_MAX_CONCURRENT_ANONYMOUS: '2' } });
  });
  afterAll(() => t.close());

  const storedCount = () => t.storedUploads();
  const anonymous = async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    return client;
  };
  const valid = { channel: 'telephone', callerNumber: '01 86 95 12 34', organisationName: 'Certification périodique', description: CALL, email: 'Secretariat.Dr-Martin@Exemple.fr', departement: '2a' };

  it('needs the CSRF token and refuses bad fields by name', async () => {
    const bare = new TestClient(t.app);
    expect((await bare.post('/api/reports/anonymous', valid)).json().error.code).toBe('CSRF_INVALID');
    expect((await bare.post('/api/reports/confirm', { token: 'x'.repeat(43) })).json().error.code).toBe('CSRF_INVALID');
    const client = await anonymous();
    for (const [patch, field] of [
      [{ email: 'pas-une-adresse' }, 'email'],
      [{ email: undefined }, 'email'],
      [{ departement: '20' }, 'departement'],
      [{ name: 'n'.repeat(121) }, 'name'],
      [{ channel: 'pigeon' }, 'channel'],
      [{ description: '' }, 'description'],
      [{ reporterUserId: '00000000-0000-4000-8000-000000000000' }, 'reporterUserId'],
    ] as const) {
      const res = await client.post('/api/reports/anonymous', { ...valid, ...patch });
      expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });

  it('walks the whole flow with the real SMTP catcher: confirm by the mailed link, then follow', async () => {
    const client = await anonymous();
    const filed = await postForm(t, client, '/api/reports/anonymous', { ...valid, pseudonymous: true, consequences: ['argent_verse'] }, [{ name: 'journal-appels.png', bytes: tinyPng() }]);
    expect(filed.statusCode).toBe(201);
    const body = filed.json();
    expect(body).toMatchObject({ status: 'en_attente_confirmation', confirmationRequired: true, channel: 'telephone', consequences: ['argent_verse'] });
    expect(body.guidance.map((g: { id: string }) => g.id)).toEqual(['banque', 'changer_mots_de_passe', '33700_appel', 'plainte', 'jamais_identifiants']);

    const [pending] = await t.database.db.select().from(reports).where(eq(reports.id, body.reportId));
    expect(pending).toMatchObject({ status: 'en_attente_confirmation', reporterEmail: 'secretariat.dr-martin@exemple.fr', reporterUserId: null, departement: '2A', pseudonymous: true, confirmedAt: null, followTokenHash: null });
    const hours = (pending!.confirmationExpiresAt!.getTime() - pending!.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(48, 1);
    expect(await groupingJobs(t, body.reportId)).toBe(0);
    const created = await expectAudited(t.database, 'reports.report.created', body.reportId);
    expect(created.actorId).toBeNull();
    expect(JSON.stringify(created.details)).not.toContain('exemple.fr');

    const confirmation = await t.catcher.waitFor((m) => m.to.includes('secretariat.dr-martin@exemple.fr') && m.subject.includes('confirmez'));
    expect(confirmation.subject).toContain(body.receiptNumber);
    const confirmLink = linkIn(confirmation.text, '/signaler/confirmer');
    const token = confirmLink.searchParams.get('jeton')!;
    expect(pending!.confirmationTokenHash).toBe(sha256Hex(token));

    // The page at that link posts the token.
    const confirmed = await (await anonymous()).post('/api/reports/confirm', { token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ receiptNumber: body.receiptNumber, status: 'nouveau', statusLabel: 'Reçu, en attente de traitement', confirmationRequired: false, consequences: ['argent_verse'] });
    expect(confirmed.json().guidance.map((g: { id: string }) => g.id)).toContain('33700_appel');
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, body.reportId));
    expect(row).toMatchObject({ status: 'nouveau', confirmationTokenHash: null, confirmationExpiresAt: null });
    expect(row!.confirmedAt).not.toBeNull();
    await expectAudited(t.database, 'reports.report.confirmed', body.reportId);
    expect(await groupingJobs(t, body.reportId)).toBe(1);

    // The link works once.
    const again = await (await anonymous()).post('/api/reports/confirm', { token });
    expect(again.json().error.code).toBe('TOKEN_INVALID');

    const receipt = await t.catcher.waitFor((m) => m.to.includes('secretariat.dr-martin@exemple.fr') && m.subject === frenchTypography(`Vigie — signalement reçu : ${body.receiptNumber}`));
    expect(receipt.text).toContain('33700.fr');
    // An answer to the reporter's own action: their out-of-office must not answer it back.
    expect(receipt.headers).toMatchObject({ 'auto-submitted': 'auto-replied', 'x-auto-response-suppress': 'All' });
    expect(confirmation.headers['auto-submitted']).toBe('auto-generated');
    const follow = linkIn(receipt.text, '/suivi');
    expect(follow.searchParams.get('recu')).toBe(body.receiptNumber);
    const followToken = follow.searchParams.get('jeton')!;
    expect(row!.followTokenHash).toBe(sha256Hex(followToken));

    // An agent's note never reaches the reporter.
    const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    await t.database.db.insert(reportNotes).values({ reportId: body.reportId, authorId: agent.user.id, body: 'NOTE-INTERNE : rappeler le commissariat' });
    const followed = await (await anonymous()).get(`/api/reports/follow?recu=${body.receiptNumber}&jeton=${followToken}`);
    expect(followed.statusCode).toBe(200);
    expect(followed.json()).toMatchObject({ receiptNumber: body.receiptNumber, status: 'nouveau', channel: 'telephone', channelLabel: 'Appel téléphonique', organisationName: 'Certification périodique', attachmentCount: 1, pseudonymous: true });
    expect(followed.body).not.toContain('NOTE-INTERNE');
    expect(followed.body).not.toContain('exemple.fr');
    expect(followed.body).not.toContain(agent.user.id);

    // The status follows the agents' work.
    await t.database.db.update(reports).set({ status: 'en_cours' }).where(eq(reports.id, body.reportId));
    const later = await (await anonymous()).get(`/api/reports/follow?recu=${body.receiptNumber}&jeton=${followToken}`);
    expect(later.json()).toMatchObject({ status: 'en_cours', statusLabel: "En cours d'examen par le conseil" });

    // Wrong token, wrong receipt, garbage: the same 404.
    const wrong = await (await anonymous()).get(`/api/reports/follow?recu=${body.receiptNumber}&jeton=${followToken.slice(0, -2)}xx`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('NOT_FOUND');
    expect((await (await anonymous()).get(`/api/reports/follow?recu=SIG-2020-AAAAAAAA&jeton=${followToken}`)).statusCode).toBe(404);
    expect((await (await anonymous()).get('/api/reports/follow?recu=x&jeton=y')).statusCode).toBe(404);
    expect((await (await anonymous()).get('/api/reports/follow?recu=x')).statusCode).toBe(400);
  });

  it('refuses an unknown or expired confirmation token', async () => {
    const client = await anonymous();
    const unknown = await client.post('/api/reports/confirm', { token: 'x'.repeat(43) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('TOKEN_INVALID');

    const filed = (await client.post('/api/reports/anonymous', { ...valid, email: 'tardif@exemple.fr' })).json();
    const mail = await t.catcher.waitFor((m) => m.to.includes('tardif@exemple.fr'));
    const token = linkIn(mail.text, '/signaler/confirmer').searchParams.get('jeton')!;
    await t.database.db.update(reports).set({ confirmationExpiresAt: new Date(Date.now() - 1000) }).where(eq(reports.id, filed.reportId));
    const expired = await client.post('/api/reports/confirm', { token });
    expect(expired.json().error.code).toBe('TOKEN_INVALID');
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, filed.reportId));
    expect(row!.status).toBe('en_attente_confirmation');
    expect((await client.post('/api/reports/confirm', { token: 'court' })).json().error.details.fields[0].path).toBe('token');
  });

  it('purges reports never confirmed within 48 h, with their files, and nothing else', async () => {
    const client = await anonymous();
    const stale = (await postForm(t, client, '/api/reports/anonymous', { ...valid, email: 'oubli@exemple.fr' }, [{ name: 'capture.png', bytes: tinyPng() }])).json();
    const fresh = (await client.post('/api/reports/anonymous', { ...valid, email: 'patient@exemple.fr' })).json();
    const [attachment] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, stale.reportId));
    await t.database.db.update(reports).set({ confirmationExpiresAt: new Date(Date.now() - 1000) }).where(eq(reports.id, stale.reportId));
    const confirmedBefore = (await t.database.db.select().from(reports).where(eq(reports.status, 'nouveau'))).length;

    expect(await purgeUnconfirmedReports(t.app.services)).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.select().from(reports).where(eq(reports.id, stale.reportId))).toEqual([]);
    await expectAudited(t.database, 'reports.report.purged', stale.reportId);
    await expect(t.app.services.uploads.get(attachment!.storageKey)).rejects.toThrow();
    expect((await t.database.db.select().from(reports).where(eq(reports.id, fresh.reportId))).length).toBe(1);
    expect((await t.database.db.select().from(reports).where(eq(reports.status, 'nouveau'))).length).toBe(confirmedBefore);
    expect(await purgeUnconfirmedReports(t.app.services)).toBe(0);
  });

  it('purges every file of the reports it deletes, however many files each holds (the batch counts reports)', async () => {
    const client = await anonymous();
    const files = [{ name: 'capture-1.png', bytes: tinyPng() }, { name: 'capture-2.png', bytes: tinyPng() }];
    const stale = [];
    for (const email of ['oubli-1@exemple.fr', 'oubli-2@exemple.fr']) stale.push((await postForm(t, client, '/api/reports/anonymous', { ...valid, email }, files)).json().reportId as string);
    await t.database.db.update(reports).set({ confirmationExpiresAt: new Date(Date.now() - 1000) }).where(inArray(reports.id, stale));
    const keys = (await t.database.db.select().from(reportAttachments).where(inArray(reportAttachments.reportId, stale))).map((a) => a.storageKey);
    expect(keys).toHaveLength(4);

    // A batch of 3 reports holds both stale ones, and their 4 files: a limit on joined file rows would
    // stop at 3 files and leave the fourth on disk with no row pointing to it.
    expect(await purgeUnconfirmedReports(t.app.services, 3)).toBe(2);
    expect(await t.database.db.select().from(reports).where(inArray(reports.id, stale))).toEqual([]);
    for (const key of keys) await expect(t.app.services.uploads.get(key)).rejects.toThrow();
  });

  it('a confirmation whose grouping job and receipt mail cannot be queued still answers the confirmed report; a later drain groups it', async () => {
    const client = await anonymous();
    const filed = (await client.post('/api/reports/anonymous', { ...valid, email: 'file-en-panne@exemple.fr' })).json();
    const mail = await t.catcher.waitFor((m) => m.to.includes('file-en-panne@exemple.fr'));
    const token = linkIn(mail.text, '/signaler/confirmer').searchParams.get('jeton')!;

    // The job queue refuses everything: the grouping job and the receipt mail (queued as a job).
    const refused = vi.spyOn(t.app.services.jobs, 'enqueue').mockRejectedValue(new Error('file de travaux indisponible'));
    let confirmed;
    try {
      confirmed = await (await anonymous()).post('/api/reports/confirm', { token });
      expect(refused).toHaveBeenCalled();
    } finally {
      refused.mockRestore();
    }
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ reportId: filed.reportId, receiptNumber: filed.receiptNumber, status: 'nouveau', confirmationRequired: false });
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, filed.reportId));
    expect(row).toMatchObject({ status: 'nouveau', confirmationTokenHash: null, confirmationExpiresAt: null });
    await expectAudited(t.database, 'reports.report.confirmed', filed.reportId);
    expect(await groupingJobs(t, filed.reportId)).toBe(0);
    // The token is spent: confirming again is refused, not a second confirmation.
    expect((await (await anonymous()).post('/api/reports/confirm', { token })).json().error.code).toBe('TOKEN_INVALID');

    // The lost job loses nothing: the next drain (any grouping job) groups every confirmed report left pending.
    await t.app.services.jobs.enqueue(GROUP_REPORT_QUEUE, { reportId: null });
    for (let i = 0; ; i++) {
      const [state] = await t.database.db.select({ at: sql<Date | null>`grouped_at` }).from(reports).where(eq(reports.id, filed.reportId));
      if (state!.at) break;
      if (i > 300) throw new Error('the confirmed report was never grouped');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('logs a grouping job or receipt mail it could not queue after a confirmation, without personal data', async () => {
    const filed = (await (await anonymous()).post('/api/reports/anonymous', { ...valid, email: 'journal-panne@exemple.fr' })).json();
    const mail = await t.catcher.waitFor((m) => m.to.includes('journal-panne@exemple.fr'));
    const token = linkIn(mail.text, '/signaler/confirmer').searchParams.get('jeton')!;
    const log = { error: vi.fn() };
    const refused = vi.spyOn(t.app.services.jobs, 'enqueue').mockRejectedValue(new Error('file de travaux indisponible'));
    try {
      const { report } = await confirmReport(t.app.services, SYSTEM_CONTEXT, token, log);
      expect(report).toMatchObject({ id: filed.reportId, status: 'nouveau' });
    } finally {
      refused.mockRestore();
    }
    expect(log.error.mock.calls.map(([, message]) => message)).toEqual(['grouping job not queued after confirmation', 'receipt mail not queued after confirmation']);
    for (const [fields] of log.error.mock.calls) expect(fields).toMatchObject({ reportId: filed.reportId, error: { type: 'Error', message: 'file de travaux indisponible' } });
    expect(JSON.stringify(log.error.mock.calls)).not.toMatch(/exemple\.fr|jeton/);
  });

  it('bounds anonymous uploads in progress: beyond the bound, 503 with Retry-After before the body is read', async () => {
    const before = await storedCount();
    // Two filings whose file is still arriving: each holds a slot (its file is open in the store).
    const held = await Promise.all(
      [0, 1].map(async (i) => {
        const { payload, contentType } = multipartBody({ ...valid, email: `lent${i}@exemple.fr` }, [{ name: `capture${i}.png`, bytes: tinyPng() }]);
        const cut = payload.indexOf(tinyPng()) + 16;
        const stream = new PassThrough();
        stream.write(payload.subarray(0, cut));
        const response = postFormStream(t, await anonymous(), '/api/reports/anonymous', contentType, stream);
        return { stream, rest: payload.subarray(cut), response };
      }),
    );
    for (let i = 0; (await storedCount()) < before + 2; i++) {
      if (i > 600) throw new Error('the held uploads never reached the store');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The third is refused while its own body is still open: the server did not wait to read it.
    const { payload, contentType } = multipartBody(valid, [{ name: 'capture.png', bytes: tinyPng() }]);
    const third = new PassThrough();
    third.write(payload.subarray(0, 100));
    const busy = await postFormStream(t, await anonymous(), '/api/reports/anonymous', contentType, third);
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('60');
    expect(busy.json().error).toMatchObject({ code: 'UPLOADS_BUSY', message: 'Trop de dépôts de fichiers sont en cours. Réessayez dans une minute.' });
    third.destroy();
    expect(await storedCount()).toBe(before + 2);
    // A filing without files (JSON) is not an upload: it goes through.
    expect((await (await anonymous()).post('/api/reports/anonymous', { ...valid, email: 'texte@exemple.fr' })).statusCode).toBe(201);

    for (const h of held) h.stream.end(h.rest);
    expect((await Promise.all(held.map((h) => h.response))).map((r) => r.statusCode)).toEqual([201, 201]);
    // The slots are free again.
    const after = await postForm(t, await anonymous(), '/api/reports/anonymous', valid, [{ name: 'capture.png', bytes: tinyPng() }]);
    expect(after.statusCode).toBe(201);
  });

  it('answers a refusal mid-body to a real HTTP client still sending its files', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const client = await anonymous();
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const before = await storedCount();
    // The first file is refused by its type while megabytes of the next ones are still on the way.
    const { payload, contentType } = multipartBody(valid, [{ name: 'a.exe', bytes: windowsExecutable() }, { name: 'b.png', bytes: Buffer.concat([tinyPng(), Buffer.alloc(4_000_000)]) }]);
    try {
      const res = await fetch(`${url}/api/reports/anonymous`, { method: 'POST', headers: { 'content-type': contentType, cookie, 'x-csrf-token': client.csrfToken }, body: new Uint8Array(payload) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('« a.exe » n\'est pas d\'un type accepté');
      expect(await storedCount()).toBe(before);
    } finally {
      // The client may still be pushing the refused body on its keep-alive socket; closing the server would
      // wait for that socket (it is not idle), so the test ends it here.
      t.app.server.closeAllConnections();
    }
  });

  it('rate-limits the public routes per address', async () => {
    const client = await anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.get('/api/reports/follow?recu=SIG-2020-AAAAAAAA&jeton=abc')).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses[10]).toBe(429);
    const other = await anonymous();
    const filings: number[] = [];
    for (let i = 0; i < 11; i++) filings.push((await other.post('/api/reports/anonymous', { ...valid, description: '' })).statusCode);
    expect(filings[10]).toBe(429);
  });
});
