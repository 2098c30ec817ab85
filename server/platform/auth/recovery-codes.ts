import { randomInt } from 'node:crypto';

// No 0/O/1/I: codes are read from paper and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten single-use codes of 10 characters (50 bits each), shown as XXXXX-XXXXX. */
export function generateRecoveryCodes(): { display: string[]; normalized: string[] } {
  const normalized = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return { normalized, display: normalized.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`) };
}
