import { DASHBOARD_DEFAULT_WEEKS, DASHBOARD_MAX_DAYS } from '../../../contracts/dashboard.schemas.js';
import { fieldError } from '../../platform/errors.js';
import { parisDay } from '../../platform/time/paris-day.js';

// Calendar arithmetic on 'YYYY-MM-DD' strings (days in Europe/Paris, weeks ISO 8601: Monday first), done
// at noon UTC so no daylight-saving change ever moves a date.

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T12:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return toDay(new Date(toDate(day).getTime() + days * DAY_MS));
}

/** The Monday of the ISO week holding the day. */
export function mondayOf(day: string): string {
  const weekday = (toDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** « 2026-S02 »: the ISO week-numbering year and the week number (S for semaine). */
export function isoWeekLabel(day: string): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toDate(thursday).getTime() - toDate(`${year}-01-01`).getTime()) / DAY_MS / 7) + 1;
  return `${year}-S${String(week).padStart(2, '0')}`;
}

export interface Period {
  from: string;
  to: string;
  weeks: { start: string; label: string }[];
}

/**
 * The period to aggregate: the dates given (inclusive), by default the current ISO week and the eleven
 * before it. Throws VALIDATION_FAILED on `to` (before `from`) or `from` (longer than two years).
 */
export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const to = query.to ?? parisDay(now);
  const from = query.from ?? addDays(mondayOf(to), -7 * (DASHBOARD_DEFAULT_WEEKS - 1));
  if (from > to) throw fieldError('to', 'La date de fin précède la date de début.');
  if ((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS + 1 > DASHBOARD_MAX_DAYS) throw fieldError('from', 'Période trop longue : deux ans au plus.');
  const weeks: Period['weeks'] = [];
  for (let start = mondayOf(from); start <= to; start = addDays(start, 7)) weeks.push({ start, label: isoWeekLabel(start) });
  return { from, to, weeks };
}
