import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { users } from '../../platform/db/schema.js';
import { campaigns } from '../../platform/db/schema-reports.js';
import { alerts, type AlertRow } from '../../platform/db/schema-alerts.js';
import type { AlertStatus } from '../../platform/db/schema-reports.js';
import type { TAudience, TAudiencePreview } from '../../../contracts/alerts.schemas.js';
import { findSpecialty, SPECIALTY_LABELS } from '../../../contracts/specialties.js';

export type AlertInsert = typeof alerts.$inferInsert;

export async function insertAlert(tx: Executor, values: AlertInsert): Promise<AlertRow> {
  const [row] = await tx.insert(alerts).values(values).returning();
  return row!;
}

export async function findAlert(db: Executor, id: string): Promise<AlertRow | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row ?? null;
}

/** Locks the alert for the rest of the transaction: two decisions never cross. */
export async function lockAlert(tx: Executor, id: string): Promise<AlertRow | null> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function updateAlert(tx: Executor, id: string, values: Partial<AlertInsert>): Promise<AlertRow> {
  const [row] = await tx.update(alerts).set({ ...values, updatedAt: new Date() }).where(eq(alerts.id, id)).returning();
  return row!;
}

/** Alerts a departmental actor may see: those whose audience lies entirely in its département. */
function scopeCondition(departement: string | null): SQL | undefined {
  if (departement === null) return undefined;
  return and(ne(alerts.audienceScope, 'national'), sql`${alerts.audienceDepartements} = ARRAY[${departement}]::text[]`);
}

export async function listAlerts(db: Executor, departement: string | null, statuses: AlertStatus[]) {
  return db
    .select({
      id: alerts.id,
      title: alerts.title,
      status: alerts.status,
      audienceScope: alerts.audienceScope,
      audienceDepartements: alerts.audienceDepartements,
      audienceSpecialties: alerts.audienceSpecialties,
      draftedById: alerts.draftedBy,
      draftedByName: users.displayName,
      createdAt: alerts.createdAt,
      approvedAt: alerts.approvedAt,
      recipientsTotal: alerts.recipientsTotal,
      returned: sql<boolean>`${alerts.reviewComment} IS NOT NULL`,
    })
    .from(alerts)
    .innerJoin(users, eq(users.id, alerts.draftedBy))
    .where(and(inArray(alerts.status, statuses), scopeCondition(departement)))
    .orderBy(desc(alerts.createdAt))
    .limit(200);
}

export async function displayNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A campaign the actor may see: national accounts all, departmental ones those holding a report of theirs. */
export async function findCampaign(db: Executor, id: string, departement: string | null) {
  const [row] = await db
    .select({ id: campaigns.id, reference: campaigns.reference, label: campaigns.label, scamFamily: campaigns.scamFamily, status: campaigns.status })
    .from(campaigns)
    .where(
      departement === null
        ? eq(campaigns.id, id)
        : sql`${campaigns.id} = ${id} AND EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = ${campaigns.id} AND r.departement = ${departement})`,
    )
    .limit(1);
  return row ?? null;
}

type AudienceLike = Pick<TAudience, 'scope' | 'departements' | 'specialties'>;

const inList = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The registry's doctors an audience designates: practising (inscrit, or 3rd-cycle student). */
function audienceWhere(audience: AudienceLike): SQL {
  const conditions: SQL[] = [sql`d.status IN ('inscrit', 'etudiant_3e_cycle')`];
  if (audience.scope !== 'national' && audience.departements.length > 0) conditions.push(sql`d.departement IN (${inList(audience.departements)})`);
  if (audience.scope === 'specialites') conditions.push(sql`lower(d.specialty) IN (${inList(audience.specialties.map((s) => s.toLowerCase()))})`);
  return sql.join(conditions, sql` AND `);
}

// The verified contact address is the correspondence one, else the professional one.
const CONTACT_EMAIL = sql`COALESCE(NULLIF(btrim(d.corr_email), ''), NULLIF(btrim(d.pro_email), ''))`;

export async function previewAudience(db: Executor, audience: AudienceLike): Promise<TAudiencePreview> {
  const counts = await rows<{ recipients: number; without_email: number; frozen: number }>(
    db,
    sql`
    SELECT count(DISTINCT lower(x.email)) FILTER (WHERE NOT x.frozen AND length(x.email) BETWEEN 3 AND 254)::int AS recipients,
           count(*) FILTER (WHERE NOT x.frozen AND x.email IS NULL)::int AS without_email,
           count(*) FILTER (WHERE x.frozen)::int AS frozen
      FROM (SELECT ${CONTACT_EMAIL} AS email, d.frozen_at IS NOT NULL AS frozen FROM doctors d WHERE ${audienceWhere(audience)}) x`,
  );
  // An aggregate without GROUP BY: always one row.
  const row = counts[0]!;
  return { recipients: Number(row.recipients), withoutEmail: Number(row.without_email), frozen: Number(row.frozen) };
}

/**
 * Materialises one delivery per distinct address of the audience, in the approval's transaction.
 * Frozen records are left out (their contact details are in dispute). Returns how many were created.
 */
export async function materialiseDeliveries(tx: Executor, alertId: string, audience: AudienceLike): Promise<number> {
  const [inserted] = await rows<{ n: number }>(
    tx,
    sql`
    WITH inserted AS (
      INSERT INTO alert_deliveries (alert_id, doctor_id, email)
      SELECT DISTINCT ON (lower(x.email)) ${alertId}::uuid, x.id, x.email
        FROM (SELECT d.id, ${CONTACT_EMAIL} AS email FROM doctors d WHERE ${audienceWhere(audience)} AND d.frozen_at IS NULL) x
       WHERE length(x.email) BETWEEN 3 AND 254
       ORDER BY lower(x.email), x.id
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM inserted`,
  );
  return Number(inserted?.n ?? 0);
}

/** The audience's choices: the official list first, then the register's other spellings (imports keep what they do not recognise). */
export function specialtyChoices(inRegister: readonly string[]): string[] {
  return [...SPECIALTY_LABELS, ...inRegister.filter((label) => !findSpecialty(label))];
}

export async function listSpecialties(db: Executor): Promise<string[]> {
  const specialties = await rows<{ specialty: string }>(db, sql`SELECT DISTINCT specialty FROM doctors WHERE specialty <> '' ORDER BY specialty LIMIT 500`);
  return specialties.map((r) => r.specialty);
}

/** What « Alertes en cours » shows: approved, not withdrawn, still within their visibility. */
export async function listPublicAlerts(db: Executor) {
  return db
    .select({ id: alerts.id, title: alerts.title, approvedAt: alerts.approvedAt, situation: alerts.situation, whatToDo: alerts.whatToDo, whatNotToDo: alerts.whatNotToDo })
    .from(alerts)
    .where(and(inArray(alerts.status, ['en_diffusion', 'diffusee']), sql`${alerts.visibleUntil} > now()`))
    .orderBy(desc(alerts.approvedAt))
    .limit(50);
}
