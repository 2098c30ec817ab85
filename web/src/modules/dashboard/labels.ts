import { FAMILY_LABELS, isFamilyId } from '../../../../analysis/messages/families.js';
import { CAMPAIGN_STATUS_LABELS } from '../../../../contracts/campaigns.schemas.js';
import { REPORT_CHANNEL_LABELS, REPORT_STATUS_LABELS } from '../../../../contracts/report-vocabulary.js';

// The dashboard's keys are plain strings (grouped in SQL): a key the vocabulary does not know is shown as it is.
function isKeyOf<K extends string>(labels: Readonly<Record<K, string>>, key: string): key is K {
  return Object.hasOwn(labels, key);
}
function labelOf<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return isKeyOf(labels, key) ? labels[key] : key;
}

export const channelLabel = (key: string) => labelOf(REPORT_CHANNEL_LABELS, key);
export const familyLabel = (key: string) => (key === '' ? 'Non déterminée' : isFamilyId(key) ? FAMILY_LABELS[key] : key);
export const departementKeyLabel = (key: string) => (key === '' ? 'Non précisé' : key);
export const statusLabel = (key: string) => labelOf(REPORT_STATUS_LABELS, key);
export const campaignStatusLabel = (key: string) => labelOf(CAMPAIGN_STATUS_LABELS, key);

/** « 3 h 20 min », « 2,5 jours »: a median delay a person reads at a glance. */
export function formatDelay(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) {
    const whole = Math.floor(hours);
    const minutes = Math.round((hours - whole) * 60);
    return minutes === 0 || minutes === 60 ? `${minutes === 60 ? whole + 1 : whole} h` : `${whole} h ${minutes} min`;
  }
  return `${(hours / 24).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} jours`;
}

/** « S07 (9 févr.) » for a week's Monday. */
export function weekLabel(week: { start: string; label: string }): string {
  const day = new Date(`${week.start}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${week.label.slice(5)} (${day})`;
}
