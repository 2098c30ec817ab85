import type { AlertStatus, TAudience } from '../../../../contracts/alerts.schemas.js';

export { ALERT_STATUS_LABELS } from '../../../../contracts/alerts.schemas.js';

export function alertStatusTone(status: AlertStatus): string {
  if (status === 'diffusee') return 'badge badge--success';
  if (status === 'en_diffusion') return 'badge';
  if (status === 'retiree') return 'badge badge--muted';
  return 'badge badge--warning';
}

/** « Tous les médecins », « Départements 75, 92 », « Pédiatrie — départements 75 »… */
export function audienceLabel(audience: Pick<TAudience, 'scope' | 'departements' | 'specialties'>): string {
  const deps = audience.departements.length > 0 ? `départements ${audience.departements.join(', ')}` : 'toute la France';
  if (audience.scope === 'national') return 'Tous les médecins (national)';
  if (audience.scope === 'departements') return `Médecins des ${deps}`;
  return `${audience.specialties.join(', ')} — ${deps}`;
}

/** « 14 juillet 2026 » from an ISO instant, as a Paris calendar date. */
export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

/**
 * The last day an alert shows (AAAA-MM-JJ, Paris), from the instant it stops showing: a date chosen in
 * the form is stored as the end of that day, i.e. midnight of the next one.
 */
export function lastVisibleDay(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(new Date(iso).getTime() - 1));
}
