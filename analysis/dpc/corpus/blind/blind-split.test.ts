import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DPC_BLIND_DIR, loadDriftCorpus } from '../load-dpc-corpus.js';

// The blind part is frozen: a change to one of its files must be deliberate (README.md of this folder says how).
const frozen = readFileSync(new URL('FROZEN.sha256', DPC_BLIND_DIR), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(/\s+/) as [string, string]);

describe('DPC blind part', () => {
  it.each(frozen)('keeps %s as frozen (%s)', (hash, file) => {
    const actual = createHash('sha256').update(readFileSync(new URL(file, DPC_BLIND_DIR))).digest('hex');
    expect(actual).toBe(hash);
  });

  it('holds labelled texts of both labels and kinds, with unique ids (checked by the loader)', () => {
    const entries = loadDriftCorpus(DPC_BLIND_DIR);
    expect(entries.length).toBeGreaterThanOrEqual(100);
    expect(new Set(entries.map((e) => e.label))).toEqual(new Set(['derive', 'conforme']));
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['programme', 'signalement']));
  });
});
