import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_CODES } from './departements.js';
import { DEPARTEMENT_NAMES, departementDisplayName, resolveDepartement, searchDepartements } from './departement-names.js';

describe('département names', () => {
  it('names every code exactly once, and nothing else', () => {
    expect(Object.keys(DEPARTEMENT_NAMES).sort()).toEqual([...DEPARTEMENT_CODES].sort());
    expect(DEPARTEMENT_CODES.every((code) => (DEPARTEMENT_NAMES[code] ?? '').trim().length > 1)).toBe(true);
    const names = Object.values(DEPARTEMENT_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows the number then the name', () => {
    expect(departementDisplayName('01')).toBe('01 — Ain');
    expect(departementDisplayName('2A')).toBe('2A — Corse-du-Sud');
    expect(departementDisplayName('971')).toBe('971 — Guadeloupe');
    expect(departementDisplayName('75')).toBe('75 — Paris');
  });

  it('finds départements by name, accents and case ignored, or by the start of the number', () => {
    expect(searchDepartements('Corse')).toEqual(['2A', '2B']);
    expect(searchDepartements('97')).toEqual(['971', '972', '973', '974', '975', '976']);
    expect(searchDepartements('herault')).toEqual(['34']);
    expect(searchDepartements('cote d')).toEqual(['21']);
    expect(searchDepartements('75 — Paris')).toEqual(['75']);
    expect(searchDepartements('')).toHaveLength(DEPARTEMENT_CODES.length);
    expect(searchDepartements('zzz')).toEqual([]);
  });

  it('resolves a complete text to one code, or none', () => {
    expect(resolveDepartement('2a')).toBe('2A');
    expect(resolveDepartement('75 — Paris')).toBe('75');
    expect(resolveDepartement('la reunion')).toBe('974');
    expect(resolveDepartement('20')).toBeNull();
    expect(resolveDepartement('75 — Lyon')).toBeNull();
    expect(resolveDepartement('')).toBeNull();
  });
});
