/**
 * `Content-Disposition: attachment` for a file name people chose (RFC 6266 / 5987): an ASCII fallback
 * name, and the exact name percent-encoded for browsers that read it. Control and format characters
 * (a right-to-left override hiding « .exe ») are dropped from both. A name already plain ASCII needs
 * only the first.
 */
export function attachmentDisposition(fileName: string, fallback = 'piece-jointe'): string {
  const clean = fileName.replace(/[\p{Cc}\p{Cf}]/gu, '');
  const ascii = clean.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^A-Za-z0-9._ ()-]+/g, '_').trim() || fallback;
  if (ascii === clean) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
