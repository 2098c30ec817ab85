/**
 * Reads the calendar day out of a date as mail clients write it in a forwarded block or a Date header:
 * « lun. 3 mars 2025 à 10:12 », « lundi 3 mars 2025 10:12 », « 3 mars 2025 à 10:12:45 UTC+1 »,
 * « Mon, Mar 3, 2025 at 10:12 AM », « 03/03/2025 10:12 », « Mon, 3 Mar 2025 10:12:00 +0100 ».
 * The day is taken as written (the sender's local day), never converted to another time zone.
 */

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, janv: 1, jan: 1, january: 1,
  fevrier: 2, fevr: 2, fev: 2, february: 2, feb: 2,
  mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4,
  mai: 5, may: 5,
  juin: 6, june: 6, jun: 6,
  juillet: 7, juil: 7, july: 7, jul: 7,
  aout: 8, august: 8, aug: 8,
  septembre: 9, sept: 9, september: 9, sep: 9,
  octobre: 10, october: 10, oct: 10,
  novembre: 11, november: 11, nov: 11,
  decembre: 12, december: 12, dec: 12,
};

const MONTH_NAME = '([a-z]{3,9})';

function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1970 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function fullYear(value: string): number {
  const year = Number(value);
  return value.length === 2 ? 2000 + year : year;
}

/** `YYYY-MM-DD`, or null when no day can be read with confidence. */
export function parseForwardedDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = fold(value.slice(0, 200));

  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  // French order (day first), as French mail clients write it.
  const numeric = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/.exec(text);
  if (numeric) return isoDay(fullYear(numeric[3]!), Number(numeric[2]), Number(numeric[1]));

  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:er)?\\.?\\s+${MONTH_NAME}\\.?,?\\s+(\\d{4})\\b`).exec(text);
  if (dayFirst) {
    const month = MONTHS[dayFirst[2]!];
    if (month) return isoDay(Number(dayFirst[3]), month, Number(dayFirst[1]));
  }

  const monthFirst = new RegExp(`\\b${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`).exec(text);
  if (monthFirst) {
    const month = MONTHS[monthFirst[1]!];
    if (month) return isoDay(Number(monthFirst[3]), month, Number(monthFirst[2]));
  }
  return null;
}
