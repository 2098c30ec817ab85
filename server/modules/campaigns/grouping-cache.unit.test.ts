import { describe, expect, it } from 'vitest';
import { BoundedCache } from './grouping-cache.js';

describe('BoundedCache', () => {
  it('keeps at most its capacity, forgetting the oldest entries first', () => {
    const cache = new BoundedCache<number, string>(10);
    for (let i = 0; i < 25; i++) cache.set(i, `v${i}`);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get(24)).toBe('v24');
    expect(cache.get(0)).toBeUndefined();
  });
});
