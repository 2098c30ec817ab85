import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DPC_TRAINING_DIR, loadDriftCorpus } from './load-dpc-corpus.js';

function folderWith(lines: readonly unknown[]): URL {
  const dir = mkdtempSync(join(tmpdir(), 'dpc-corpus-'));
  writeFileSync(join(dir, 'part.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
  return pathToFileURL(`${dir}/`);
}

const DRIFT = { id: 'dpc-test-0001', label: 'derive', family: 'emprise', hardNegative: false, kind: 'programme', text: 'secret texte', inspiration: 'MIVILUDES' };

describe('loadDriftCorpus', () => {
  it('loads the training part: every family, both labels', () => {
    const entries = loadDriftCorpus(DPC_TRAINING_DIR);
    expect(entries.length).toBeGreaterThanOrEqual(100);
    expect(new Set(entries.filter((e) => e.label === 'derive').map((e) => e.family)).size).toBe(6);
  });

  it.each([
    ['a « derive » without family', { ...DRIFT, family: null }, 'famille'],
    ['a « conforme » with a family', { ...DRIFT, label: 'conforme' }, 'famille'],
    ['a hard negative « derive »', { ...DRIFT, hardNegative: true }, 'hardNegative'],
    ['an unknown family', { ...DRIFT, family: 'autre' }, 'family'],
  ])('refuses %s, naming the line and never quoting the text', (_case, line, word) => {
    const load = (): unknown => loadDriftCorpus(folderWith([line]));
    expect(load).toThrow(/part\.jsonl, ligne 1/);
    expect(load).toThrow(new RegExp(word));
    expect(load).not.toThrow(/secret texte/);
  });

  it('refuses a duplicated id', () => {
    expect(() => loadDriftCorpus(folderWith([DRIFT, DRIFT]))).toThrow(/en double/);
  });
});
