import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { fitWithin, isJpeg, isPng, jpegSize, pngSize, type Size } from './image-size.js';
import { PREVIEW_TOO_LARGE, PREVIEW_UNREADABLE, PREVIEW_UNSUPPORTED } from './preview-messages.js';
import { emailPreview, textFilePreview } from './text-preview.js';

// Turns an attachment into what an agent can look at without opening the file itself: a PNG drawn
// afresh (nothing of the original's bytes or metadata passes through) or plain text. Runs inside the
// preview worker (preview-worker.ts), never on the server's main thread: the files are hostile.

export type AttachmentPreview =
  | { readonly kind: 'image'; readonly png: Uint8Array; readonly width: number; readonly height: number }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'none'; readonly reason: string };

/** Longest side of an image preview; a smaller image keeps its size. */
export const MAX_IMAGE_SIDE = 1600;
/** Width a PDF's first page is drawn at. */
export const PDF_PAGE_WIDTH = 1200;
/** A page is never drawn more than three times its size in points (a small ticket is not blown up)… */
const MAX_PDF_SCALE = 3;
/** …nor taller than this (a ribbon-shaped page would need a huge canvas). */
const MAX_PDF_HEIGHT = 3600;
/** Images declaring more pixels are not decoded: 50 Mpx is 200 MB of pixels, outside the V8 heap. */
export const MAX_IMAGE_PIXELS = 50_000_000;

const none = (reason: string): AttachmentPreview => ({ kind: 'none', reason });

function pdfjsAssets() {
  // Local folders read with fs by pdfjs in Node: it never fetches anything, the PDF cannot make it.
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
    cMapUrl: `${path.join(root, 'cmaps')}/`,
    wasmUrl: `${path.join(root, 'wasm')}/`,
  };
}

async function renderImage(bytes: Uint8Array): Promise<AttachmentPreview> {
  const declared: Size | null = isPng(bytes) ? pngSize(bytes) : isJpeg(bytes) ? jpegSize(bytes) : null;
  if (!declared || declared.width === 0 || declared.height === 0) return none(PREVIEW_UNREADABLE);
  if (declared.width * declared.height > MAX_IMAGE_PIXELS) return none(PREVIEW_TOO_LARGE);
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const { width, height } = fitWithin({ width: image.width, height: image.height }, MAX_IMAGE_SIDE);
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').drawImage(image, 0, 0, width, height);
  return { kind: 'image', png: canvas.toBuffer('image/png'), width, height };
}

async function renderPdfFirstPage(bytes: Uint8Array): Promise<AttachmentPreview> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    // A copy: pdfjs takes ownership of (and may detach) the buffer it is given.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    ...pdfjsAssets(),
  });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const scale = Math.min(PDF_PAGE_WIDTH / natural.width, MAX_PDF_SCALE, MAX_PDF_HEIGHT / natural.height);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
    const context = canvas.getContext('2d');
    // A PDF page without a background is transparent: paper is white.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    return { kind: 'image', png: canvas.toBuffer('image/png'), width: canvas.width, height: canvas.height };
  } finally {
    await task.destroy();
  }
}

/**
 * The preview of an attachment whose media type was detected from its content: PNG and JPEG redrawn
 * within MAX_IMAGE_SIDE, a PDF's first page drawn PDF_PAGE_WIDTH wide, an email or a text file as plain
 * text (capped); anything else, or anything that fails to render, `none` with a French reason. Never throws.
 */
export async function renderAttachmentPreview(bytes: Uint8Array, mediaType: string): Promise<AttachmentPreview> {
  try {
    switch (mediaType) {
      case 'image/png':
      case 'image/jpeg':
        return await renderImage(bytes);
      case 'application/pdf':
        return await renderPdfFirstPage(bytes);
      case 'message/rfc822':
        return { kind: 'text', text: await emailPreview(bytes) };
      case 'text/plain':
        return { kind: 'text', text: textFilePreview(bytes) };
      default:
        return none(PREVIEW_UNSUPPORTED);
    }
  } catch {
    return none(PREVIEW_UNREADABLE);
  }
}
