import { describe, expect, it } from 'vitest';
import { isoWeekLabel, mondayOf, resolvePeriod } from './dashboard-period.js';

describe('dashboard period', () => {
  it.each([
    ['2026-01-01', '2025-12-29', '2026-S01'],
    ['2026-01-05', '2026-01-05', '2026-S02'],
    ['2026-01-04', '2025-12-29', '2026-S01'],
    ['2021-01-03', '2020-12-28', '2020-S53'],
    ['2024-12-30', '2024-12-30', '2025-S01'],
    ['2026-03-29', '2026-03-23', '2026-S13'],
  ])('%s is in the week of Monday %s (%s)', (day, monday, label) => {
    expect(mondayOf(day)).toBe(monday);
    expect(isoWeekLabel(day)).toBe(label);
  });

  it('defaults to the current week and the eleven before', () => {
    const period = resolvePeriod({}, new Date('2026-02-11T10:00:00Z'));
    expect(period.to).toBe('2026-02-11');
    expect(period.from).toBe('2025-11-24');
    expect(period.weeks).toHaveLength(12);
    expect(period.weeks[0]).toEqual({ start: '2025-11-24', label: '2025-S48' });
    expect(period.weeks.at(-1)).toEqual({ start: '2026-02-09', label: '2026-S07' });
  });

  it('lists the weeks touched by a chosen range', () => {
    expect(resolvePeriod({ from: '2026-01-07', to: '2026-01-19' }, new Date()).weeks.map((w) => w.start)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
  });

  it('refuses an inverted or too long range', () => {
    expect(() => resolvePeriod({ from: '2026-02-01', to: '2026-01-01' }, new Date())).toThrow(expect.objectContaining({ details: { fields: [{ path: 'to', message: expect.any(String) }] } }));
    expect(() => resolvePeriod({ from: '2023-01-01', to: '2026-01-01' }, new Date())).toThrow(expect.objectContaining({ details: { fields: [{ path: 'from', message: expect.any(String) }] } }));
  });
});
