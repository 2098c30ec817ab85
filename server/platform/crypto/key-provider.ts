import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals small secrets at rest (TOTP seeds today; entraide identities per département later). The local
 * implementation derives keys from VIGIE_SECRET; a KMS/HSM-backed one can replace it behind this
 * interface without touching callers. Sealed values carry their key id so keys can rotate.
 */
export interface KeyProvider {
  seal(plaintext: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
  /** Keyed hash for values that must be compared but never stored in clear (document numbers…). */
  keyedHash(value: string, purpose: string): string;
}

const KEY_ID = 'k1';

export function createLocalKeyProvider(secret: string): KeyProvider {
  const keyFor = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', secret, 'vigie', `vigie:${KEY_ID}:${purpose}`, 32));
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [KEY_ID, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, purpose) {
      const [keyId, iv, body, tag] = sealed.split('.');
      if (keyId !== KEY_ID || !iv || !body || !tag) throw new Error('unknown sealed value format');
      const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    keyedHash(value, purpose) {
      return createHmac('sha256', keyFor(`hash:${purpose}`)).update(value).digest('hex');
    },
  };
}
