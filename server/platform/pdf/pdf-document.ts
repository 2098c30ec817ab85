import PDFDocument from 'pdfkit';
import { frenchTypography, NBSP, NNBSP } from '../../../contracts/typography.js';
import { toPrintable } from './printable.js';

// The one layout of Vigie's PDF documents (report dossier, right-of-access export, DPC package): A4,
// the standard fonts, a title block, numbered headings, « label : value » lines, paragraphs and a footer
// on every page. Each module writes its own content with these functions. Deterministic: the creation
// date is the caller's, and pdfkit derives the file id from the metadata, so the same content gives the
// same bytes (a DPC package sent before migration 0031 is checked by rendering it again; later ones keep
// their bytes, so a layout change no longer alters what was sent).
// French typography is applied here, once, to every text print() draws; what someone typed or pasted
// goes through printVerbatim() instead and is drawn as written, as the web app leaves it.

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  /** The document's own date (never the clock), so that it can be made again to the byte. */
  createdAt: Date;
}

export interface PdfDocument {
  readonly doc: PDFKit.PDFDocument;
  /** The width of the text column. */
  readonly width: number;
  /** The text with French typography, as the standard fonts can print it; remembers that a character had to be replaced. */
  readonly print: (text: string) => string;
  /** The same without typography: for what someone typed or pasted (a message, a reporter's account, a quote). */
  readonly printVerbatim: (text: string) => string;
  /** Whether a character written so far through print() or printVerbatim() was replaced by « ? ». */
  readonly replacedAny: () => boolean;
  /** The bytes, once finishPdf() has ended the document. */
  readonly bytes: Promise<Buffer>;
}

/**
 * French typography for the standard fonts: they encode WinAnsi, which has the no-break space (0xA0,
 * drawn as a space that pdfkit never breaks a line at) but no narrow one, so U+202F becomes U+00A0
 * (toPrintable would otherwise decompose it into a breaking space).
 */
export function pdfTypography(text: string): string {
  return frenchTypography(text).replaceAll(NNBSP, NBSP);
}

const GREY = '#555555';
const NAVY = '#1b2a4a';

/** Opens an A4 document with its pages kept in memory, so that the footers can say « page n / total ». */
export function openPdfDocument(info: PdfInfo): PdfDocument {
  const meta = (text: string) => toPrintable(text).text;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: meta(info.title), Author: meta(info.author), Subject: meta(info.subject), CreationDate: info.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let replaced = false;
  const printVerbatim = (text: string) => {
    const printable = toPrintable(text);
    replaced ||= printable.replaced;
    return printable.text;
  };
  return {
    doc,
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
    print: (text) => printVerbatim(pdfTypography(text)),
    printVerbatim,
    replacedAny: () => replaced,
    bytes,
  };
}

export interface PdfTitleBlock {
  /** The small grey line above the title: who issues the document. */
  issuer: string;
  title: string;
  titleSize: number;
  /** The document's reference line under the title. */
  subtitle: string;
  /** The small grey note: when and why the document was made. */
  note: string;
}

export function writeTitleBlock({ doc, width, print }: PdfDocument, block: PdfTitleBlock): void {
  doc.font('Helvetica').fontSize(9).fillColor(GREY).text(print(block.issuer), { width });
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(block.titleSize).fillColor('black').text(print(block.title), { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).text(print(block.subtitle), { width });
  doc.fontSize(9).fillColor(GREY).text(print(block.note), { width });
  doc.fillColor('black');
}

/** A numbered section heading, underlined; starts a new page rather than stand alone at the bottom of one. */
export function writeHeading({ doc, width, print }: PdfDocument, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(NAVY).text(print(text), { width });
  const y = doc.y + 2;
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.margins.left + width, y).lineWidth(0.5).strokeColor(NAVY).stroke();
  doc.moveDown(0.5).fillColor('black');
}

/** A « label : value » line; an empty or missing value shows as « — ». */
export function writeField({ doc, width, print }: PdfDocument, label: string, value: string | null | undefined): void {
  doc.font('Helvetica-Bold').fontSize(10).text(print(`${label} : `), { continued: true, width }).font('Helvetica').text(print(value ? value : '—'), { width });
  doc.moveDown(0.2);
}

/** A bold line introducing what follows (« Liens : », « Constats : »…). */
export function writeLabel({ doc, width, print }: PdfDocument, text: string): void {
  doc.font('Helvetica-Bold').fontSize(10).text(print(text), { width });
}

/** A paragraph of text; an empty one shows as « — ». */
export function writeParagraph({ doc, width, print }: PdfDocument, text: string, font = 'Helvetica', size = 10): void {
  doc.font(font).fontSize(size).text(print(text === '' ? '—' : text), { width });
  doc.moveDown(0.3);
}

/** A paragraph someone typed or pasted, drawn as written (no typography); an empty one shows as « — ». */
export function writeVerbatimParagraph({ doc, width, printVerbatim }: PdfDocument, text: string, font = 'Helvetica', size = 10): void {
  doc.font(font).fontSize(size).text(printVerbatim(text === '' ? '—' : text), { width });
  doc.moveDown(0.3);
}

/** A file listed by its fingerprint: its description, then « SHA-256 : … » in a fixed-width font. */
export function writeFingerprintedFile({ doc, width, print }: PdfDocument, description: string, sha256: string): void {
  doc.font('Helvetica').fontSize(10).text(print(description), { width });
  doc.font('Courier').fontSize(8).text(print(`SHA-256 : ${sha256}`), { width, indent: 14 });
  doc.moveDown(0.2);
}

/** Writes the footer of every page, ends the document and answers its bytes. */
export function finishPdf(pdf: PdfDocument, footer: (page: number, pageCount: number) => string): Promise<Buffer> {
  const { doc, width, print } = pdf;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing in the bottom margin would open a new page: lift the margin while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(print(footer(i + 1, range.count)), doc.page.margins.left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return pdf.bytes;
}
