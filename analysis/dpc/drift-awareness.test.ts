import { describe, expect, it } from 'vitest';
import { DRIFT_FAMILY_IDS, DRIFT_SOURCES } from './drift-families.js';
import { DRIFT_RULES } from './drift-lexicon.js';
import { DRIFT_REFERRALS, driftFamilies } from './index.js';

describe('driftFamilies (the awareness page, generated from the lexicon)', () => {
  const families = driftFamilies();

  it('covers every family once, in order, with a plain-French label and explanation', () => {
    expect(families.map((f) => f.id)).toEqual([...DRIFT_FAMILY_IDS]);
    for (const family of families) {
      expect(family.label.length).toBeGreaterThan(10);
      expect(family.explanation.length).toBeGreaterThan(100);
    }
  });

  it('lists every rule of the lexicon exactly once, under its own family', () => {
    const listed = families.flatMap((family) => family.markers.map((marker) => `${family.id}/${marker.ruleId}`));
    expect(listed.sort()).toEqual(DRIFT_RULES.map((rule) => `${rule.family}/${rule.id}`).sort());
  });

  it('shows each marker with readable phrases and the examples the rule recognises', () => {
    for (const marker of families.flatMap((family) => family.markers)) {
      expect(marker.phrases.length, marker.ruleId).toBeGreaterThan(0);
      for (const phrase of marker.phrases) expect(phrase, marker.ruleId).not.toMatch(/\*|"/);
      expect(marker.examples.length, marker.ruleId).toBeGreaterThan(0);
    }
    // Elisions are written apart in rules (« n en parlez pas ») and shown as French writes them.
    const secrecy = families.flatMap((f) => f.markers).find((m) => m.ruleId === 'emprise.secret');
    expect(secrecy?.phrases).toContain('n’en parlez pas');
  });

  it('cites, for each family, every source its rules are written from, with an address', () => {
    for (const family of families) {
      const cited = new Set(family.sources.map((source) => source.id));
      for (const rule of DRIFT_RULES.filter((r) => r.family === family.id)) for (const id of rule.sources) expect(cited.has(id), `${rule.id} → ${id}`).toBe(true);
      for (const source of family.sources) {
        expect(source).toEqual({ id: source.id, ...DRIFT_SOURCES[source.id] });
        expect(source.url).toMatch(/^https?:\/\//);
      }
    }
  });

  it('says where to refer a family or a patient (seed 004)', () => {
    expect(DRIFT_REFERRALS.map((r) => r.email)).toEqual(['miviludes@pm.gouv.fr', 'communication@agencedpc.fr']);
  });
});
