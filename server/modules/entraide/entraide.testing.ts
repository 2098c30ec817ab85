import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { entraideCases, entraideMandates } from '../../platform/db/schema-entraide.js';
import { buildDoctor, buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import type { TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

// The cast of the entraide tests: a doctor of Paris with a register record (so that the identity can be
// revealed), members seated with current mandates in the CDE 75, the CDE 13 and the CNE, a former
// member whose seat ended, an agent and an administrator — each logged in.

export interface EntraideCast {
  doctor: TestClient;
  cde: TestClient;
  cdeUserId: string;
  cde13: TestClient;
  cne: TestClient;
  formerCde: TestClient;
  formerCne: TestClient;
  agent: TestClient;
  admin: TestClient;
}

/** Gives a member a seat from 2021 to `endsOn` (far ahead unless told). */
export function seatMember(t: TestApp, userId: string, commission: 'cde' | 'cne', departement: string | null, endsOn = '2099-12-31') {
  return t.database.db.insert(entraideMandates).values({ userId, commission, departement, role: 'membre', startsOn: '2021-01-01', endsOn });
}

/** Builds the cast; the doctor's register record carries `doctorName`. */
export async function buildEntraideCast(t: TestApp, doctorName: { birthName: string; firstNames: string }): Promise<EntraideCast> {
  const doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
  await buildDoctor(t.database, { userId: doctorUser.user.id, ...doctorName, departement: '75' });
  const cdeUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
  const cde13User = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '13' });
  const cneUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
  const formerCdeUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
  const formerCneUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
  await seatMember(t, cdeUser.user.id, 'cde', '75');
  await seatMember(t, cde13User.user.id, 'cde', '13');
  await seatMember(t, cneUser.user.id, 'cne', null);
  await seatMember(t, formerCdeUser.user.id, 'cde', '75', '2024-12-31');
  await seatMember(t, formerCneUser.user.id, 'cne', null, '2024-12-31');
  return {
    doctor: await loggedIn(t, doctorUser),
    cde: await loggedIn(t, cdeUser),
    cdeUserId: cdeUser.user.id,
    cde13: await loggedIn(t, cde13User),
    cne: await loggedIn(t, cneUser),
    formerCde: await loggedIn(t, formerCdeUser),
    formerCne: await loggedIn(t, formerCneUser),
    agent: await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' })),
    admin: await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null })),
  };
}

/** The doctor asks for help; answers the new case's id. */
export async function fileEntraideRequest(t: TestApp, doctor: TestClient, body: Record<string, unknown>): Promise<string> {
  const res = await doctor.post('/api/entraide/requests', body);
  expect(res.statusCode).toBe(201);
  const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, res.json().reference));
  return row!.id;
}

/** The CDE transmits the case to the CNE, with or without the person's consent to be known. */
export async function transmitToCne(cde: TestClient, caseId: string, identityConsent: boolean): Promise<void> {
  const res = await cde.post(`/api/entraide/cases/${caseId}/escalation`, { identityConsent, reason: 'Situation financière trop lourde pour la commission.' });
  expect(res.statusCode).toBe(200);
}
