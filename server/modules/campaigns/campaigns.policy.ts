import { ERROR_MESSAGES } from '../../../contracts/errors.js';
import type { Actor } from '../../platform/authz/policy.js';

// Who may do what with a campaign, decided from the départements of its reports (a report without
// département is national: only national agents work it). Pure, so it is a truth table in
// campaigns.policy.unit.test.ts; the services call it under the campaign's lock, so a route, a job or
// a script reaches the same answer.

/** `hidden`: answers 404. `read`: may open it, sees only its own reports in detail. `change`: may act. */
export type CampaignAccess = 'hidden' | 'read' | 'change';

/**
 * What `actor` may do with a campaign whose reports are of `departements` (duplicates allowed, null =
 * no département). A national agent changes any campaign. A départemental agent reads a campaign holding
 * at least one report of his département and changes it only when every report in it is of his
 * département: a multi-département campaign is owned by no single département.
 */
export function campaignAccess(actor: Pick<Actor, 'departement'>, departements: readonly (string | null)[]): CampaignAccess {
  if (actor.departement === null) return 'change';
  if (!departements.includes(actor.departement)) return 'hidden';
  return departements.every((d) => d === actor.departement) ? 'change' : 'read';
}

/**
 * The same rule for an indicator, over the départements of its reach: the reports carrying it and the
 * reports of every campaign it sits in (deciding on it changes what those campaigns link and publish).
 */
export const indicatorAccess = campaignAccess;

/** Why the actor may not change a campaign he can read, in French (shown beside disabled buttons). */
export const SHARED_CAMPAIGN_REASON = ERROR_MESSAGES.CAMPAIGN_SHARED;
export const SHARED_INDICATOR_REASON =
  'Cet indicateur concerne des signalements de plusieurs départements : seul un agent national peut en décider.';

/** Distinct départements, sorted, null (no département) last: the audit entry's stable form. */
export function distinctDepartements(departements: readonly (string | null)[]): (string | null)[] {
  const named = [...new Set(departements.filter((d): d is string => d !== null))].sort();
  return departements.includes(null) ? [...named, null] : named;
}
