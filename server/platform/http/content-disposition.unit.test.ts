import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('Content-Disposition for a file people named', () => {
  it('keeps a plain ASCII name as it is', () => {
    expect(attachmentDisposition('indicateurs-C-2026-0042-TLP-AMBER.csv')).toBe('attachment; filename="indicateurs-C-2026-0042-TLP-AMBER.csv"');
  });

  it('gives any other name an ASCII fallback and the exact name percent-encoded, without control or format characters', () => {
    expect(attachmentDisposition('capture écran.png')).toBe("attachment; filename=\"capture ecran.png\"; filename*=UTF-8''capture%20%C3%A9cran.png");
    expect(attachmentDisposition('a\u0000b\r\n"c".pdf')).toBe("attachment; filename=\"ab_c_.pdf\"; filename*=UTF-8''ab%22c%22.pdf");
    expect(attachmentDisposition('«»')).toBe("attachment; filename=\"_\"; filename*=UTF-8''%C2%AB%C2%BB");
    // A right-to-left override would show « facture‮fdp.exe » as « facture.exe.pdf »-like text.
    expect(attachmentDisposition('facture\u202Efdp.exe')).toBe('attachment; filename="facturefdp.exe"');
    expect(attachmentDisposition('', 'piece')).toBe("attachment; filename=\"piece\"; filename*=UTF-8''");
  });
});
