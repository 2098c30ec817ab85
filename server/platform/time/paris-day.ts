// The calendar day of the Ordre's counters: every « today » of the platform (a document valid through
// its expiry day, an exchange that cannot have happened tomorrow, the dashboard's current week) is a
// day in Europe/Paris, whatever the server's time zone.

/** The day in Paris at `now`, YYYY-MM-DD. */
export function parisDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
