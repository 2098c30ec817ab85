import type { Actor } from '../../platform/authz/policy.js';
import type { AlertAudienceScope } from '../../platform/db/schema-reports.js';

export interface AudienceShape {
  scope: AlertAudienceScope;
  departements: readonly string[];
}

/**
 * The départements an audience reaches, or null when it reaches the whole country (national, or
 * specialties with no département named).
 */
export function audienceDepartements(audience: AudienceShape): readonly string[] | null {
  if (audience.scope === 'national' || audience.departements.length === 0) return null;
  return audience.departements;
}

/**
 * Whether the actor's scope covers the audience: national accounts cover everything, a departmental
 * account only audiences inside its own département. Used to target (draft), see and decide (approve,
 * return, withdraw): an approver's scope is therefore the same as the alert's, or wider.
 */
export function coversAudience(actor: Pick<Actor, 'departement'>, audience: AudienceShape): boolean {
  if (actor.departement === null) return true;
  const reached = audienceDepartements(audience);
  return reached !== null && reached.every((d) => d === actor.departement);
}
