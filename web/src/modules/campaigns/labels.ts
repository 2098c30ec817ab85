import { CAMPAIGN_STATUS_LABELS, INDICATOR_STATUS_LABELS, SCAM_FAMILY_LABELS } from '../../../../contracts/campaigns.schemas.js';
import type { CampaignStatus, IndicatorStatus } from '../../../../contracts/campaigns.schemas.js';

export function campaignStatusBadge(status: CampaignStatus): { className: string; label: string } {
  const tone = status === 'qualifiee' ? 'badge--danger' : status === 'close' ? 'badge--muted' : 'badge--warning';
  return { className: `badge ${tone}`, label: CAMPAIGN_STATUS_LABELS[status] };
}

/** Linking indicators stand out; those that never link are muted; held ones ask for attention. */
export function indicatorStatusBadge(status: IndicatorStatus): { className: string; label: string } {
  const tone =
    status === 'actif' || status === 'approuve' ? 'badge--danger' : status === 'en_attente' ? 'badge--warning' : 'badge--muted';
  return { className: `badge ${tone}`, label: INDICATOR_STATUS_LABELS[status] };
}

export function familyLabel(family: string | null): string {
  return family ? (SCAM_FAMILY_LABELS[family] ?? family) : 'Non déterminée';
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** « 12 mars » from « 2026-03-12 » (days are UTC dates). */
export function dayLabel(day: string, long = false): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : (long ? longDayFormat : dayFormat).format(date);
}
