import { z } from './zod.js';
import { zDepartementCode } from './registry.schemas.js';

/** Longest period the dashboard aggregates (two years of weeks). */
export const DASHBOARD_MAX_DAYS = 731;
/** Default period: the current ISO week and the eleven before it. */
export const DASHBOARD_DEFAULT_WEEKS = 12;

const zIsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date attendue au format AAAA-MM-JJ.', abort: true })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    error: 'Date invalide.',
  });

export const ZDashboardQuery = z.strictObject({
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  /** National accounts only: narrow to one département. */
  departement: zDepartementCode.optional(),
});
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

/** One bar segment: reports of an ISO week (its Monday) for one value of the dimension. */
const ZWeekCount = z.object({ week: z.string(), key: z.string(), count: z.number().int() });

export const ZDashboardStats = z.object({
  from: z.string(),
  to: z.string(),
  departement: z.string().nullable(),
  /** The ISO weeks of the period, oldest first: Monday's date and the « 2026-S07 » label. */
  weeks: z.array(z.object({ start: z.string(), label: z.string() })),
  totalReports: z.number().int(),
  byChannel: z.array(ZWeekCount),
  /** key '' = no family recognised. */
  byFamily: z.array(ZWeekCount),
  /** key '' = département unknown. */
  byDepartement: z.array(ZWeekCount),
  topCampaigns: z.array(z.object({ id: z.string(), reference: z.string(), label: z.string(), status: z.string(), reports: z.number().int() })),
  /** Reports qualified during the period: how many, and the median hours from filing to qualification. */
  qualification: z.object({ qualified: z.number().int(), medianHours: z.number().nullable() }),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
});
export type TDashboardStats = z.infer<typeof ZDashboardStats>;
