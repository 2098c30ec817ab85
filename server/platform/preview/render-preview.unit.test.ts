import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { jpegSize, pngSize } from './image-size.js';
import { PREVIEW_TOO_LARGE, PREVIEW_UNREADABLE, PREVIEW_UNSUPPORTED } from './preview-messages.js';
import { MAX_IMAGE_SIDE, PDF_PAGE_WIDTH, renderAttachmentPreview, type AttachmentPreview } from './render-preview.js';
import { MAX_PREVIEW_CHARS, TRUNCATED_MARK } from './text-preview.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

function expectImage(preview: AttachmentPreview) {
  if (preview.kind !== 'image') throw new Error(`expected an image, got ${JSON.stringify(preview)}`);
  expect(pngSize(preview.png)).toEqual({ width: preview.width, height: preview.height });
  return preview;
}

function expectText(preview: AttachmentPreview): string {
  if (preview.kind !== 'text') throw new Error(`expected text, got ${JSON.stringify(preview)}`);
  return preview.text;
}

/** A PNG with a tEXt chunk after its header: metadata a preview must not carry over. */
function withTextChunk(png: Uint8Array, keyword: string, value: string): Uint8Array {
  const data = Buffer.from(`${keyword}\0${value}`, 'latin1');
  const type = Buffer.from('tEXt', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  const ihdrEnd = 8 + 25;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

describe('renderAttachmentPreview: images', () => {
  it('redraws a PNG at its own size as a fresh PNG, without the original’s metadata', async () => {
    const original = withTextChunk(fixture('capture.png'), 'Author', 'Dr Secret Temoin');
    expect(Buffer.from(original).includes('Dr Secret Temoin')).toBe(true);
    const preview = expectImage(await renderAttachmentPreview(original, 'image/png'));
    expect(preview).toMatchObject({ width: 320, height: 200 });
    expect(Buffer.from(preview.png).includes('Dr Secret Temoin')).toBe(false);
    expect(Buffer.from(preview.png).includes('tEXt')).toBe(false);
  });

  it('turns a JPEG into a PNG of the same size', async () => {
    const preview = expectImage(await renderAttachmentPreview(fixture('photo.jpg'), 'image/jpeg'));
    expect(preview).toMatchObject({ width: 240, height: 160 });
    const drawn = await loadImage(Buffer.from(preview.png));
    expect([drawn.width, drawn.height]).toEqual([240, 160]);
  });

  it('shrinks a large screenshot so its longest side is 1600 px, keeping proportions', async () => {
    const canvas = createCanvas(2000, 4000);
    canvas.getContext('2d').fillRect(0, 0, 10, 10);
    const preview = expectImage(await renderAttachmentPreview(canvas.toBuffer('image/png'), 'image/png'));
    expect(preview).toMatchObject({ width: 800, height: MAX_IMAGE_SIDE });
  });

  it('refuses to decode an image declaring more pixels than a preview may hold (decompression bomb)', async () => {
    const bomb = fixture('photo.jpg');
    const at = Buffer.from(bomb).indexOf(Buffer.from([0xff, 0xc0]));
    expect(at).toBeGreaterThan(0);
    Buffer.from(bomb.buffer).writeUInt16BE(60_000, at + 5);
    Buffer.from(bomb.buffer).writeUInt16BE(60_000, at + 7);
    expect(jpegSize(bomb)).toEqual({ width: 60_000, height: 60_000 });
    expect(await renderAttachmentPreview(bomb, 'image/jpeg')).toEqual({ kind: 'none', reason: PREVIEW_TOO_LARGE });
  });

  it('answers none for bytes that are not the image they are typed as', async () => {
    expect(await renderAttachmentPreview(new TextEncoder().encode('<svg onload="alert(1)"/>'), 'image/png')).toEqual({ kind: 'none', reason: PREVIEW_UNREADABLE });
  });
});

describe('renderAttachmentPreview: PDF', () => {
  it('draws the first page 1200 px wide, on white, with its text (standard fonts read locally)', async () => {
    const preview = expectImage(await renderAttachmentPreview(fixture('one-page.pdf'), 'application/pdf'));
    // A4 is 595 × 842 points.
    expect(preview.width).toBe(PDF_PAGE_WIDTH);
    expect(preview.height).toBe(Math.ceil((842 * PDF_PAGE_WIDTH) / 595.28));
    const image = await loadImage(Buffer.from(preview.png));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, 400).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 100 && pixels[i + 3] === 255) dark += 1;
    // The heading and the sentence are drawn: thousands of dark pixels, not a blank page.
    expect(dark).toBeGreaterThan(2000);
    expect(pixels[0]).toBe(255);
  });

  it('answers none, with a French reason, for a corrupt PDF', async () => {
    expect(await renderAttachmentPreview(fixture('corrupt.pdf'), 'application/pdf')).toEqual({ kind: 'none', reason: PREVIEW_UNREADABLE });
  });
});

describe('renderAttachmentPreview: text', () => {
  it('shows an email’s From, To, Date and Subject, then its HTML body as text, never markup', async () => {
    const text = expectText(await renderAttachmentPreview(fixture('relance.eml'), 'message/rfc822'));
    expect(text).toContain('De : Ordre des Medecins <contact@ordre-medecins-certif.example>');
    expect(text).toContain('À : <docteur.martin@exemple.fr>');
    expect(text).toContain('Date : Mon, 2 Nov 2026 09:15:00 +0100');
    expect(text).toContain('Objet : Certification périodique — dernière relance');
    expect(text).toContain('Votre certification périodique doit être validée avant le 30/06.');
    expect(text).toContain('Valider maintenant');
    expect(text).not.toMatch(/<\/?(html|head|body|style|script|p|b|a|img)\b/i);
    expect(text).not.toContain('alert(');
    expect(text).not.toContain('color:red');
  });

  it('shows a text file as it is, decoding Latin-1 when it is not UTF-8, without control characters', async () => {
    expect(expectText(await renderAttachmentPreview(new TextEncoder().encode('Bonjour\r\n\u0007docteur\u202e'), 'text/plain'))).toBe('Bonjour\ndocteur');
    expect(expectText(await renderAttachmentPreview(Buffer.from('Réglez vite', 'latin1'), 'text/plain'))).toBe('Réglez vite');
  });

  it('caps a long text and says the preview is cut', async () => {
    const text = expectText(await renderAttachmentPreview(new TextEncoder().encode('é'.repeat(MAX_PREVIEW_CHARS * 3)), 'text/plain'));
    expect(text).toBe(`${'é'.repeat(MAX_PREVIEW_CHARS)}${TRUNCATED_MARK}`);
  });
});

describe('renderAttachmentPreview: other files', () => {
  it('has no preview for an Outlook message or an unknown type', async () => {
    const msg = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await renderAttachmentPreview(msg, 'application/vnd.ms-outlook')).toEqual({ kind: 'none', reason: PREVIEW_UNSUPPORTED });
    expect(await renderAttachmentPreview(msg, 'application/zip')).toEqual({ kind: 'none', reason: PREVIEW_UNSUPPORTED });
    expect(PREVIEW_UNSUPPORTED).toBe('Aperçu indisponible pour ce type de fichier : téléchargez-le.');
  });
});
