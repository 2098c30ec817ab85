/**
 * French départements served by a conseil départemental: 01–95 (20 split into 2A and 2B) and the
 * overseas 971–976. An account with no département is national.
 */
export const DEPARTEMENT_CODES: readonly string[] = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '20'),
  '2A',
  '2B',
  '971',
  '972',
  '973',
  '974',
  '975',
  '976',
];

const codes = new Set(DEPARTEMENT_CODES);

export function isDepartementCode(value: string): boolean {
  return codes.has(value);
}
