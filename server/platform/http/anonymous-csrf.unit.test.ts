import { describe, expect, it } from 'vitest';
import { anonymousCsrfVerifier, signAnonymousCsrf, VERIFIED_CSRF_MEMORY } from './request-context.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';

describe('anonymous CSRF tokens, verified once per token', () => {
  it('accepts a token the server signed, every time it comes back', () => {
    const verify = anonymousCsrfVerifier(SECRET);
    const token = signAnonymousCsrf(SECRET);
    expect(verify(token)).toBe(true);
    expect(verify(token)).toBe(true);
  });

  it('refuses forged tokens, again and again, even once a genuine one was remembered', () => {
    const verify = anonymousCsrfVerifier(SECRET);
    const genuine = signAnonymousCsrf(SECRET);
    expect(verify(genuine)).toBe(true);
    const [nonce = '', signature = ''] = genuine.split('.');
    const forged = [
      signAnonymousCsrf('another-secret-0123456789abcdef012345'),
      `${nonce}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${nonce}x.${signature}`,
      `.${signature}`,
      nonce,
      '',
    ];
    for (const token of forged) {
      expect(verify(token)).toBe(false);
      expect(verify(token)).toBe(false);
    }
  });

  it('stays bounded: past its memory it forgets and verifies again, with the same answers', () => {
    const verify = anonymousCsrfVerifier(SECRET);
    const first = signAnonymousCsrf(SECRET);
    expect(verify(first)).toBe(true);
    for (let i = 0; i < VERIFIED_CSRF_MEMORY; i++) expect(verify(signAnonymousCsrf(SECRET, `n${i}`))).toBe(true);
    expect(verify(first)).toBe(true);
    expect(verify(signAnonymousCsrf('another-secret-0123456789abcdef012345', 'n1'))).toBe(false);
  });
});
