import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_CODES } from './departements.js';
import { REGION_DEPARTEMENTS, REGION_LABELS, REGIONS, regionOfDepartement } from './regions.js';

describe('regions', () => {
  it('places every département of the councils in exactly one region', () => {
    for (const code of DEPARTEMENT_CODES) {
      const holders = REGIONS.filter((region) => REGION_DEPARTEMENTS[region].includes(code));
      expect(holders, code).toHaveLength(1);
      expect(regionOfDepartement(code)).toBe(holders[0]);
    }
  });

  it('lists no code that is not a département, and none twice', () => {
    const listed = REGIONS.flatMap((region) => REGION_DEPARTEMENTS[region]);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...DEPARTEMENT_CODES].sort());
  });

  it('knows the 18 regions by their French names, Saint-Pierre-et-Miquelon apart', () => {
    expect(REGIONS.filter((r) => r !== 'saint_pierre_et_miquelon')).toHaveLength(18);
    expect(REGION_LABELS.ile_de_france).toBe('Île-de-France');
    expect(regionOfDepartement('2A')).toBe('corse');
    expect(regionOfDepartement('69')).toBe('auvergne_rhone_alpes');
    expect(regionOfDepartement('974')).toBe('la_reunion');
    expect(regionOfDepartement('20')).toBeNull();
  });
});
