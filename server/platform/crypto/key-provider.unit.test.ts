import { describe, expect, it } from 'vitest';
import { createLocalKeyProvider } from './key-provider.js';

describe('local key provider', () => {
  const keys = createLocalKeyProvider('a'.repeat(40));

  it('seals and opens, with a different ciphertext each time', () => {
    const a = keys.seal('JBSWY3DPEHPK3PXP', 'totp');
    const b = keys.seal('JBSWY3DPEHPK3PXP', 'totp');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keys.open(a, 'totp')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value sealed for another purpose, with another secret, or altered', () => {
    const sealed = keys.seal('secret', 'totp');
    expect(() => keys.open(sealed, 'entraide:75')).toThrow();
    expect(() => createLocalKeyProvider('b'.repeat(40)).open(sealed, 'totp')).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('tampered').toString('base64url');
    expect(() => keys.open(parts.join('.'), 'totp')).toThrow();
  });

  it('hashes with a key: stable for one purpose, different across purposes', () => {
    expect(keys.keyedHash('X', 'p')).toBe(keys.keyedHash('X', 'p'));
    expect(keys.keyedHash('X', 'p')).not.toBe(keys.keyedHash('X', 'q'));
  });
});
