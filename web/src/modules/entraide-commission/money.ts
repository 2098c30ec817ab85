// Amounts are typed in euros the French way (« 1 500,50 ») and sent in cents: integers, so no sum drifts
// by a cent. One place parses and formats them for every entraide form and table.

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** 150050 → « 1 500,50 € ». */
export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

/** « 1 500,50 », « 1500.5 », « 1 500 € » → 150050; null when the text is not an amount in euros. */
export function parseEuros(text: string): number | null {
  // Spaces of any kind group thousands; the euro sign may follow.
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents back to what a field shows: 150050 → « 1500,50 », 150000 → « 1500 ». */
export function centsToField(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

/** Today in Paris as YYYY-MM-DD: the commission's decisions and budgets are dated in French time. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const longDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' });

/** « 2026-11-30 » → « 30 novembre 2026 » (a calendar day, whatever the browser's time zone). */
export function formatDay(day: string, short = false): string {
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return (short ? shortDay : longDay).format(date);
}
