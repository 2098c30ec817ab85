import { describe, expect, it } from 'vitest';
import { parisDay } from './paris-day.js';

describe('parisDay', () => {
  it('takes the day in Paris, not UTC', () => {
    expect(parisDay(new Date('2026-01-04T23:30:00Z'))).toBe('2026-01-05');
    expect(parisDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(parisDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
