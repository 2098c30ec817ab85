import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './load-corpus.js';
import { BLIND_DIR, knownScenarios, loadBlindSplit, loadSplitDir, loadSplitFile, loadTrainingPart, MESSAGE_KIND_OF_SPLIT_CHANNEL, splitFiles } from './load-split.js';

// The blind split is loaded here but its texts are never printed: failures name ids only.

describe('blind split and training part', () => {
  const blind = loadBlindSplit();
  const training = loadTrainingPart();

  it('loads both, each with frauds, genuine messages and hard negatives', () => {
    expect(blind.length).toBeGreaterThanOrEqual(500);
    for (const part of [blind, training]) {
      expect(part.some((e) => e.label === 'fraude')).toBe(true);
      expect(part.some((e) => e.label === 'legitime' && !e.hardNegative)).toBe(true);
      expect(part.some((e) => e.hardNegative)).toBe(true);
    }
  });

  it('reads every file the freeze covers, and only those', () => {
    const frozen = readFileSync(new URL('FROZEN.sha256', BLIND_DIR), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[1]);
    expect(splitFiles(BLIND_DIR).map((file) => path.basename(file.pathname))).toEqual([...frozen].sort());
  });

  it('shares no id and no text between the blind split, the training part and the historical corpus', () => {
    const blindIds = new Set(blind.map((e) => e.id));
    expect(training.filter((e) => blindIds.has(e.id)).map((e) => e.id)).toEqual([]);
    const elsewhere = new Set([...training.map((e) => e.text.trim()), ...loadCorpus().map((e) => e.text.trim())]);
    expect(blind.filter((e) => elsewhere.has(e.text.trim())).map((e) => e.id)).toEqual([]);
  });

  it('reads letters and faxes as emails without headers', () => {
    expect(MESSAGE_KIND_OF_SPLIT_CHANNEL).toEqual({ sms: 'sms', email: 'email', call: 'call', letter: 'email', fax: 'email' });
    const letter = [...blind, ...training].find((e) => e.channel === 'letter');
    expect(letter?.kind).toBe('email');
  });
});

describe('loader errors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-split-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenarios = knownScenarios();
  const someScenario = [...scenarios].find((s) => s !== 'ordinaire')!;
  const good = { id: 'blind-z-0001', channel: 'sms', label: 'fraude', scenario: someScenario, hardNegative: false, text: 'Texte.', inspiration: 'Fiche publique' };
  const write = (name: string, lines: readonly string[]): URL => {
    const file = path.join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return pathToFileURL(file);
  };

  it('loads a good file and gives each message its engine kind', () => {
    const file = write('good.jsonl', [JSON.stringify(good), '', JSON.stringify({ ...good, id: 'blind-z-0002', channel: 'fax', label: 'legitime', scenario: 'ordinaire' })]);
    expect(loadSplitFile(file, scenarios).map((e) => [e.id, e.kind])).toEqual([['blind-z-0001', 'sms'], ['blind-z-0002', 'email']]);
  });

  it.each([
    ['an unknown channel', { ...good, channel: 'pigeon' }, /channel/],
    ['a missing label', { ...good, label: undefined }, /label/],
    ['an extra field', { ...good, note: 'x' }, /note/],
    ['a hard negative labelled as fraud', { ...good, hardNegative: true }, /hardNegative/],
    ['a fraud in the « ordinaire » scenario', { ...good, scenario: 'ordinaire' }, /ordinaire/],
    ['a scenario absent from the typology', { ...good, scenario: 'arnaque-inventee' }, /scénario « arnaque-inventee » absent de la typologie/],
  ])('names the file and the line of %s', (_, bad, reason) => {
    const file = write('bad.jsonl', [JSON.stringify(good), JSON.stringify(bad)]);
    expect(() => loadSplitFile(file, scenarios)).toThrow(/bad\.jsonl, ligne 2 invalide/);
    expect(() => loadSplitFile(file, scenarios)).toThrow(reason);
  });

  it('says when a line is not JSON, without quoting it', () => {
    const file = write('broken.jsonl', [JSON.stringify(good), '{"id": "blind-z-0002", secret']);
    expect(() => loadSplitFile(file, scenarios)).toThrow(/^.*broken\.jsonl, ligne 2 : JSON illisible$/);
    expect(() => loadSplitFile(file, scenarios)).not.toThrow(/secret/);
  });

  it('refuses an id seen twice across the files of a folder', () => {
    const twice = mkdtempSync(path.join(dir, 'twice-'));
    writeFileSync(path.join(twice, 'part-a.jsonl'), `${JSON.stringify(good)}\n`);
    writeFileSync(path.join(twice, 'part-b.jsonl'), `${JSON.stringify(good)}\n`);
    expect(() => loadSplitDir(pathToFileURL(`${twice}/`), scenarios)).toThrow(/Identifiant « blind-z-0001 » en double/);
  });
});
