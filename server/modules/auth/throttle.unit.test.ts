import { describe, expect, it } from 'vitest';
import { lockUntilAfter } from './auth.service.js';

describe('login throttling', () => {
  const now = 1_000_000;
  const minutes = (n: number) => (lockUntilAfter(n, now)?.getTime() ?? now) / 60_000 - now / 60_000;

  it('allows four failures, then locks 1, 2, 4, 8 minutes, never more than 15', () => {
    expect([1, 2, 3, 4].map(minutes)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map(minutes)).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });
});
