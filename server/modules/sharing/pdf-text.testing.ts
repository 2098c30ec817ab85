import { inflateSync } from 'node:zlib';
import { WIN_ANSI_0X80 } from './dossier-pdf.js';

// Reads back what a PDF written with the standard fonts shows, for tests: inflates every stream and
// decodes the hex strings of the text operators (WinAnsi = windows-1252).

function streamsOf(pdf: Buffer): Buffer[] {
  const streams: Buffer[] = [];
  let at = pdf.indexOf('stream\n');
  while (at >= 0) {
    const start = at + 'stream\n'.length;
    const end = pdf.indexOf('\nendstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(raw));
    } catch {
      streams.push(raw);
    }
    at = pdf.indexOf('stream\n', end + '\nendstream'.length);
  }
  return streams;
}

function decodeWinAnsi(bytes: Buffer): string {
  return [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? WIN_ANSI_0X80[b - 0x80] || '?' : String.fromCharCode(b))).join('');
}

/** The text shown on the pages, one text operator per line, whitespace collapsed within lines. */
export function extractPdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const stream of streamsOf(pdf)) {
    const content = stream.toString('latin1');
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [op[2]!];
      lines.push(hexes.map((hex) => decodeWinAnsi(Buffer.from(hex, 'hex'))).join(''));
    }
  }
  return lines.join('\n');
}

/** The same text with every run of whitespace (line breaks included) as one space: for phrases that may wrap. */
export function extractPdfFlatText(pdf: Buffer): string {
  return extractPdfText(pdf).replace(/\s+/g, ' ');
}

export function countPdfImages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
}
