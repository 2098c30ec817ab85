import { sql, type SQL } from 'drizzle-orm';
import { SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';

// The campaign name the public check page (and the registry's hold reasons) show, stored in
// fraud_indicators.campaign_label: never the agents' working label, which one agent types alone. It is
// the approved public label (proposed by one agent, approved by another), else the scam family's
// French label from contracts, else nothing (« signalé N fois » without a campaign name).

/** The public name of a campaign, or null when it has neither an approved label nor a family. */
export function publicLabelOf(campaign: { publicLabel: string | null; scamFamily: string | null }): string | null {
  if (campaign.publicLabel !== null) return campaign.publicLabel;
  return (campaign.scamFamily !== null && Object.hasOwn(SCAM_FAMILY_LABELS, campaign.scamFamily) && SCAM_FAMILY_LABELS[campaign.scamFamily]) || null;
}

const FAMILIES = Object.keys(SCAM_FAMILY_LABELS);
const LABELS = FAMILIES.map((f) => SCAM_FAMILY_LABELS[f]!);

/**
 * The same rule in SQL, for the campaign row aliased `alias` (a constant of the caller, never input):
 * the family labels come from contracts as bound parameters.
 */
export function publicLabelSql(alias: 'c'): SQL {
  const c = sql.raw(alias);
  return sql`coalesce(${c}.public_label,
    (SELECT fl.label FROM unnest(${sql.param(FAMILIES)}::text[], ${sql.param(LABELS)}::text[]) AS fl(family, label) WHERE fl.family = ${c}.scam_family))`;
}
