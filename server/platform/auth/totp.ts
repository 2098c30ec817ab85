import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totpFor(secretBase32: string, label = 'Vigie'): TOTP {
  return new TOTP({ issuer: 'Vigie', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function describeTotpSecret(secretBase32: string, label: string): Promise<{ otpauthUri: string; qrCodeSvg: string }> {
  const otpauthUri = totpFor(secretBase32, label).toString();
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrCodeSvg };
}

/**
 * Checks a code against the current step ±1 and returns the step it matched, or null. Callers refuse a
 * step not greater than the last one used, so an observed code cannot be replayed.
 */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** For tests and the demo seed: the code a correctly set-up authenticator shows at `now`. */
export function currentTotpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}
