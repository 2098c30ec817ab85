import { FAMILY_LABELS, isFamilyId } from '../../../../analysis/messages/families.js';

const CHANNEL_LABELS: Record<string, string> = { telephone: 'Téléphone', sms: 'SMS', courriel: 'Courriel', courrier: 'Courrier', autre: 'Autre' };
const STATUS_LABELS: Record<string, string> = {
  nouveau: 'Nouveau',
  en_cours: 'En cours',
  qualifie: 'Qualifié',
  classe_sans_suite: 'Classé sans suite',
  fusionne: 'Fusionné (doublon)',
};
const CAMPAIGN_STATUS_LABELS: Record<string, string> = { ouverte: 'Ouverte', qualifiee: 'Qualifiée', close: 'Close' };

export const channelLabel = (key: string) => CHANNEL_LABELS[key] ?? key;
export const familyLabel = (key: string) => (key === '' ? 'Non déterminée' : isFamilyId(key) ? FAMILY_LABELS[key] : key);
export const departementKeyLabel = (key: string) => (key === '' ? 'Non précisé' : key);
export const statusLabel = (key: string) => STATUS_LABELS[key] ?? key;
export const campaignStatusLabel = (key: string) => CAMPAIGN_STATUS_LABELS[key] ?? key;

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
