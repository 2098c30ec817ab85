import { describe, expect, it } from 'vitest';
import { ContentInspector, decodeText, detectMediaType, FALLBACK_FILE_NAME, HEAD_BYTES, inspected, looksLikeEmail, neutraliseFileName, withDetectedExtension } from './report-uploads.js';
import { elfExecutable, latin1Text, plainText, tinyEml, tinyJpeg, tinyMsg, tinyPdf, tinyPng, zipArchive } from './report-fixtures.js';
import { windowsExecutable } from '../../test/multipart.js';

describe('detectMediaType (by content, never by name)', () => {
  it.each([
    ['PNG', tinyPng(), 'image/png'],
    ['JPEG', tinyJpeg(), 'image/jpeg'],
    ['PDF', tinyPdf(), 'application/pdf'],
    ['Outlook .msg (OLE compound file)', tinyMsg(), 'application/vnd.ms-outlook'],
    ['email with RFC 822 headers', tinyEml(), 'message/rfc822'],
    ['UTF-8 text', plainText(), 'text/plain'],
    ['Latin-1 text', latin1Text(), 'text/plain'],
  ])('accepts %s', async (_label, bytes, expected) => {
    expect(await detectMediaType(bytes)).toBe(expected);
  });

  it.each([
    ['a Windows executable', windowsExecutable()],
    ['an ELF executable', elfExecutable()],
    ['a ZIP archive', zipArchive()],
    ['binary with NUL bytes', Buffer.from([0x41, 0x00, 0x42, 0x43])],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s', async (_label, bytes) => {
    expect(await detectMediaType(bytes)).toBeNull();
  });

  it('tells an email from text that merely starts like a header', () => {
    expect(looksLikeEmail('Subject: test\nFrom: a@b.fr\n\ncorps')).toBe(true);
    expect(looksLikeEmail('From a@b.fr Mon Nov  3 09:00:00 2025\nFrom: a@b.fr\nTo: c@d.fr\n\nx')).toBe(true);
    expect(looksLikeEmail('Remarque: il a appelé deux fois.\nPuis il a raccroché.')).toBe(false);
    expect(looksLikeEmail('Note: un\nAutre: deux\n\ncorps')).toBe(false);
    expect(decodeText(Buffer.from([0x68, 0x07, 0x69]))).toBeNull();
  });
});

describe('ContentInspector (typing a stream as it passes, without keeping it)', () => {
  async function typeOf(chunks: Uint8Array[]) {
    const inspector = new ContentInspector();
    let passed = 0;
    for await (const chunk of inspected((async function* () { yield* chunks; })(), inspector)) passed += chunk.byteLength;
    return { mediaType: await inspector.mediaType(), passed };
  }
  const split = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => new Uint8Array(bytes.subarray(i * size, (i + 1) * size)));

  it('types a file cut in small chunks like the whole file', async () => {
    for (const bytes of [tinyPng(), tinyPdf(), tinyMsg(), tinyEml(), plainText(), latin1Text()]) {
      const streamed = await typeOf(split(bytes, 3));
      expect(streamed).toEqual({ mediaType: await detectMediaType(bytes), passed: bytes.length });
    }
  });

  it('refuses a text file with a control byte far past the head it keeps', async () => {
    const text = Buffer.concat([plainText(), Buffer.alloc(HEAD_BYTES * 3, 'a'), Buffer.from([0x00]), Buffer.from('fin')]);
    expect((await typeOf(split(text, 16 * 1024))).mediaType).toBeNull();
    expect((await typeOf(split(Buffer.concat([plainText(), Buffer.alloc(HEAD_BYTES * 3, 'a')]), 16 * 1024))).mediaType).toBe('text/plain');
  });

  it('tells an email from text by its headers even when its body is large', async () => {
    const eml = Buffer.concat([tinyEml(), Buffer.alloc(HEAD_BYTES * 2, 'x')]);
    expect((await typeOf(split(eml, 1000))).mediaType).toBe('message/rfc822');
  });
});

describe('neutraliseFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\dr\\Bureau\\capture écran.png', 'capture écran.png'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['.htaccess', 'htaccess'],
    ['...', FALLBACK_FILE_NAME],
    ['', FALLBACK_FILE_NAME],
    ['/', FALLBACK_FILE_NAME],
    ['facture\u202Egpj.exe', 'facturegpj.exe'],
    ['nom\u0000avec\u0007controles\r\n.txt', 'nomaveccontroles.txt'],
    ['zéro\u200Blargeur.pdf', 'zérolargeur.pdf'],
    ['a<b>c:d"e|f?g*.txt', 'a_b_c_d_e_f_g_.txt'],
    ['  espaces   multiples  .eml ', 'espaces multiples .eml'],
    ['e\u0301cran.png', 'écran.png'],
  ])('%j → %j', (raw, expected) => {
    expect(neutraliseFileName(raw)).toBe(expected);
  });

  it('keeps at most 200 characters, extension included', () => {
    const name = neutraliseFileName(`${'x'.repeat(500)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(Array.from(neutraliseFileName('é'.repeat(300)))).toHaveLength(200);
  });

  it('gives the extension of the detected type', () => {
    expect(withDetectedExtension('capture.pdf', 'image/png')).toBe('capture.png');
    expect(withDetectedExtension('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(withDetectedExtension('message', 'message/rfc822')).toBe('message.eml');
    expect(withDetectedExtension('notes.log', 'text/plain')).toBe('notes.txt');
    expect(withDetectedExtension(FALLBACK_FILE_NAME, 'application/pdf')).toBe('piece-jointe.pdf');
  });
});
