// The label of a new campaign, built from its scam family and its strongest indicator: « Faux contrôle
// de certification — 09 70 12 34 56 ». Pure. It is the agents' working name (they can rewrite it) and is
// made only of what the scam itself shows (never a reporter's name or address); the public check page
// shows the campaign's public name instead (public-label.ts).

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isScamFamily, SCAM_FAMILY_SHORT_LABELS } from '../../../contracts/campaigns.schemas.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';

/** What names a campaign best, first: a number, then a site, an address, an organisation, a link. */
const KIND_PRIORITY: readonly IndicatorKind[] = ['phone', 'domain', 'email', 'organisation', 'url'];

export interface LabelCandidate {
  kind: IndicatorKind;
  value: string;
  /** How many of the campaign's reports carry it. */
  reports: number;
}

/** A value as a French reader writes it: a French number in national format (« 09 70 12 34 56 »). */
export function displayValue(kind: IndicatorKind, value: string): string {
  if (kind !== 'phone' || !value.startsWith('+')) return value;
  const parsed = parsePhoneNumberFromString(value);
  return parsed?.country === 'FR' ? parsed.formatNational() : (parsed?.formatInternational() ?? value);
}

/** The candidate naming the campaign: by kind priority, then by number of reports, then by value. */
export function strongestIndicator(candidates: readonly LabelCandidate[]): LabelCandidate | null {
  let best: LabelCandidate | null = null;
  for (const c of candidates) {
    if (best === null) {
      best = c;
      continue;
    }
    const byKind = KIND_PRIORITY.indexOf(c.kind) - KIND_PRIORITY.indexOf(best.kind);
    if (byKind < 0 || (byKind === 0 && (c.reports > best.reports || (c.reports === best.reports && c.value < best.value)))) best = c;
  }
  return best;
}

/** The family's short label; « Signalements liés » without a (known) family. */
export function familyLabel(family: string | null): string {
  return family !== null && isScamFamily(family) ? SCAM_FAMILY_SHORT_LABELS[family] : 'Signalements liés';
}

/** « <family> — <indicator> », or « <family> — textes similaires » for a campaign grouped by text alone. */
export function buildCampaignLabel(family: string | null, strongest: LabelCandidate | null): string {
  const what = strongest ? displayValue(strongest.kind, strongest.value) : 'textes similaires';
  const label = `${familyLabel(family)} — ${what}`;
  return label.length <= 200 ? label : `${label.slice(0, 199)}…`;
}
