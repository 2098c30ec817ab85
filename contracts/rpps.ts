/**
 * RPPS numbers: 11 digits, the last a Luhn check digit over the first ten. Pure, shared by the API
 * schema, the CSV import and the web form.
 */
export function isValidRpps(value: string): boolean {
  if (!/^[0-9]{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    let digit = value.charCodeAt(10 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Completes ten digits with their Luhn check digit (synthetic data, tests). */
export function withRppsCheckDigit(first10: string): string {
  for (let d = 0; d <= 9; d++) if (isValidRpps(`${first10}${d}`)) return `${first10}${d}`;
  throw new Error('unreachable: one check digit always fits');
}
