import { describe, expect, it } from 'vitest';
import { combineScore, MAX_MITIGATION } from './score.js';

describe('combineScore', () => {
  it('is 0 without signals and combines evidence without passing 100', () => {
    expect(combineScore([])).toBe(0);
    expect(combineScore([{ weight: 40, mitigable: true }, { weight: 40, mitigable: true }])).toBe(64);
    expect(combineScore(Array.from({ length: 30 }, () => ({ weight: 90, mitigable: false })))).toBe(100);
  });

  it('lets reassuring signs lower wording evidence only, and only so far', () => {
    const wording = { weight: 50, mitigable: true };
    const technical = { weight: 50, mitigable: false };
    const reassuring = { weight: -100, mitigable: true };
    expect(combineScore([wording, reassuring])).toBe(Math.round(50 * (1 - MAX_MITIGATION)));
    expect(combineScore([technical, reassuring])).toBe(50);
  });
});
