import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The blind split is frozen: a change to one of its files must be deliberate (README.md of this folder says how).
const folder = new URL('./', import.meta.url);
const frozen = readFileSync(new URL('FROZEN.sha256', folder), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(/\s+/) as [string, string]);

describe('blind split', () => {
  it.each(frozen)('keeps %s as frozen (%s)', (hash, file) => {
    const actual = createHash('sha256').update(readFileSync(new URL(file, folder))).digest('hex');
    expect(actual).toBe(hash);
  });

  it('holds at least 500 messages with unique ids, every line labelled', () => {
    const lines = frozen.flatMap(([, file]) => readFileSync(new URL(file, folder), 'utf8').trim().split('\n'));
    const entries = lines.map((line) => JSON.parse(line) as { id: string; label: string; channel: string });
    expect(entries.length).toBeGreaterThanOrEqual(500);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) {
      expect(['fraude', 'legitime']).toContain(e.label);
      expect(['sms', 'email', 'call', 'letter', 'fax']).toContain(e.channel);
    }
  });
});
