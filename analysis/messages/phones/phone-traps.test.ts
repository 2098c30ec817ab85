import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../analyze.js';
import { prepareText } from '../../engine/match.js';
import { extractPhones } from './extract-phones.js';
import { BLIND_PHONE_TRAPS } from './phone-traps.blind.cases.js';
import { PHONE_TRAP_MESSAGES, PHONE_TRAPS } from './phone-traps.cases.js';

// The trap corpus (issue 14): every number a text holds, and nothing else. The blind file was
// written before the extractor changed and is never used to tune it (see its header).
const found = (text: string) => extractPhones(prepareText(text)).map((p) => p.e164);

describe('phone trap corpus', () => {
  it('holds at least 100 cases, 30 of them with a real number, nearly a third of them blind', () => {
    const all = [...PHONE_TRAPS, ...BLIND_PHONE_TRAPS];
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(all.filter((c) => c.phones.length > 0).length).toBeGreaterThanOrEqual(30);
    expect(BLIND_PHONE_TRAPS.length / all.length).toBeGreaterThanOrEqual(0.3);
    expect(new Set(all.map((c) => c.text)).size).toBe(all.length);
  });

  it.each(PHONE_TRAPS.map((c) => [c.why, c] as const))('tuning: %s', (_, c) => {
    expect(found(c.text), c.text).toEqual(c.phones);
  });

  it.each(BLIND_PHONE_TRAPS.map((c) => [c.why, c] as const))('blind: %s', (_, c) => {
    expect(found(c.text), c.text).toEqual(c.phones);
  });

  it('points every number found at the digits it was read from', () => {
    for (const c of [...PHONE_TRAPS, ...BLIND_PHONE_TRAPS]) {
      for (const phone of extractPhones(prepareText(c.text))) {
        const shown = c.text.slice(phone.evidence.start, phone.evidence.end);
        expect(shown, c.text).toMatch(/^\+?[0-9(][0-9 .\-()]*[0-9]$/);
      }
    }
  });
});

describe('phone traps in whole messages', () => {
  it.each(PHONE_TRAP_MESSAGES.map((c) => [c.why, c] as const))('%s', (_, c) => {
    const analysis = analyzeText({ kind: c.kind, text: c.text });
    expect(analysis.indicators.phones.map((p) => p.e164)).toEqual(c.phones);
  });
});
