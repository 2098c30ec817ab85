import PDFDocument from 'pdfkit';
import {
  ATTACHMENT_ORIGIN_PHRASES,
  REPORT_CHANNEL_REPORTER_LABELS,
  REPORT_SOURCE_DOSSIER_LABELS,
  REPORT_STATUS_LABELS,
  SCAN_STATUS_PHRASES,
  type AttachmentOrigin,
  type ReportChannel,
  type ReportSource,
  type ReportStatus,
  type ScanStatus,
} from '../../../contracts/report-vocabulary.js';

// A report's dossier as a PDF a doctor or the council attaches to a complaint: the facts, the reporter
// (unless pseudonymous), the analysis, the copies of the exchanges with their fingerprints and the
// screenshots. The council's internal notes are never part of it.

export interface DossierAttachment {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  origin: AttachmentOrigin;
  scanStatus: ScanStatus;
  /** The bytes of a PNG or JPEG screenshot, to embed; absent for other files. */
  image?: Uint8Array;
}

export type DossierReporter = { pseudonymous: true } | { pseudonymous: false; name: string; email: string | null };

export interface DossierData {
  receiptNumber: string;
  createdAt: Date;
  occurredOn: string | null;
  channel: ReportChannel;
  source: ReportSource;
  status: ReportStatus;
  departement: string | null;
  organisationName: string;
  callerNumber: string;
  sender: string;
  links: readonly string[];
  description: string;
  pastedText: string;
  reporter: DossierReporter;
  campaign: { reference: string; label: string } | null;
  analysis: { verdictLabel: string; score: number | null; familyLabel: string | null; findings: readonly string[]; complete: boolean } | null;
  attachments: readonly DossierAttachment[];
  generatedAt: Date;
}

export const PSEUDONYMOUS_REPORTER_TEXT = "Déclarant : identité connue du conseil de l'Ordre, non communiquée";
export const DOSSIER_TITLE = 'Dossier de signalement — à joindre à une plainte';


// The standard PDF fonts (no font file to ship) encode WinAnsi: Latin-1 plus the Windows-1252 extras
// (œ, €, curly quotes, dashes). Anything else would print as garbage, so it is replaced, and said so.
// (Node's TextDecoder reads windows-1252 as Latin-1, so the extras are listed: bytes 0x80 to 0x9f, '' unused.)
export const WIN_ANSI_0X80 = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];
const WIN_ANSI_EXTRAS = new Set(WIN_ANSI_0X80.filter((c) => c !== ''));
const isWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRAS.has(ch);
};

/** Text the standard fonts can print: NFC, tabs as spaces, no control characters, others approximated or « ? ». */
export function toPrintable(text: string): { text: string; replaced: boolean } {
  let replaced = false;
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const code = ch.codePointAt(0)!;
    // Control and zero-width characters carry nothing to print.
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) continue;
    const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (stripped !== '' && [...stripped].every(isWinAnsi)) out += stripped;
    else {
      out += '?';
      replaced = true;
    }
  }
  return { text: out, replaced };
}

const dateTime = (d: Date) => d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
const dateOnly = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
const sizeLabel = (bytes: number) => (bytes < 1024 ? `${bytes} octets` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1).replace('.', ',')} Ko` : `${(bytes / 1048576).toFixed(1).replace('.', ',')} Mo`);

/**
 * Renders the dossier. Screenshots that cannot be decoded are listed with their fingerprint and a note
 * instead of failing the whole document.
 */
export async function renderDossierPdf(data: DossierData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: {
      Title: `Dossier de signalement ${data.receiptNumber}`,
      Author: "Ordre des médecins — Vigie",
      Subject: DOSSIER_TITLE,
      CreationDate: data.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let replacedAny = false;
  const p = (text: string) => {
    const printable = toPrintable(text);
    replacedAny ||= printable.replaced;
    return printable.text;
  };
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1b2a4a').text(p(text), { width });
    const y = doc.y + 2;
    doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.margins.left + width, y).lineWidth(0.5).strokeColor('#1b2a4a').stroke();
    doc.moveDown(0.5).fillColor('black');
  };
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(`${p(label)} : `, { continued: true, width }).font('Helvetica').text(p(value === '' ? '—' : value), { width });
    doc.moveDown(0.2);
  };
  const paragraph = (text: string, font = 'Helvetica', size = 10) => {
    doc.font(font).fontSize(size).text(p(text), { width });
    doc.moveDown(0.3);
  };

  // Title block.
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text("ORDRE DES MÉDECINS — Vigie, plateforme de signalement des escroqueries", { width });
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(18).fillColor('black').text(DOSSIER_TITLE, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).text(`Récépissé n° ${data.receiptNumber}`, { width });
  doc.fontSize(9).fillColor('#555555').text(`Document établi le ${dateTime(data.generatedAt)} par le conseil de l'Ordre des médecins.`, { width });
  doc.fillColor('black');

  heading('1. Les faits signalés');
  field('Numéro de récépissé', data.receiptNumber);
  field('Signalement reçu le', dateTime(data.createdAt));
  field('Date des faits', data.occurredOn ? dateOnly(data.occurredOn) : 'non précisée');
  field('Canal', REPORT_CHANNEL_REPORTER_LABELS[data.channel]);
  field('Reçu par', REPORT_SOURCE_DOSSIER_LABELS[data.source]);
  field('Organisme dont se réclamait l’interlocuteur', data.organisationName);
  field('Numéro appelant ou expéditeur du SMS', data.callerNumber);
  field('Expéditeur (courriel ou courrier)', data.sender);
  if (data.links.length === 0) field('Liens', 'aucun');
  else {
    doc.font('Helvetica-Bold').fontSize(10).text('Liens :', { width });
    for (const link of data.links) doc.font('Courier').fontSize(9).text(`• ${p(link)}`, { width, indent: 10 });
    doc.moveDown(0.2);
  }
  field('Département', data.departement ?? 'non précisé');
  field('État du signalement', REPORT_STATUS_LABELS[data.status]);
  if (data.campaign) field('Campagne', `${data.campaign.reference} — ${data.campaign.label}`);
  doc.font('Helvetica-Bold').fontSize(10).text('Récit du déclarant :', { width });
  paragraph(data.description === '' ? '—' : data.description);

  heading('2. Le déclarant');
  if (data.reporter.pseudonymous) paragraph(PSEUDONYMOUS_REPORTER_TEXT);
  else {
    field('Nom', data.reporter.name);
    field('Adresse électronique', data.reporter.email ?? '');
  }

  heading("3. L'analyse de Vigie");
  if (!data.analysis) paragraph("Aucune analyse n'est enregistrée pour ce signalement.");
  else {
    field('Verdict', data.analysis.verdictLabel);
    if (data.analysis.score !== null) field('Score', `${data.analysis.score} / 100`);
    if (data.analysis.familyLabel) field("Famille d'escroquerie", data.analysis.familyLabel);
    if (data.analysis.findings.length > 0) {
      doc.font('Helvetica-Bold').fontSize(10).text('Constats :', { width });
      for (const finding of data.analysis.findings) doc.font('Helvetica').fontSize(10).text(`• ${p(finding)}`, { width, indent: 10 });
      doc.moveDown(0.2);
    }
    if (!data.analysis.complete) paragraph("L'analyse automatique n'a pas pu examiner l'intégralité du message.", 'Helvetica-Oblique', 9);
  }

  heading('4. Copie des échanges');
  doc.font('Helvetica-Bold').fontSize(10).text('Texte transmis par le déclarant :', { width });
  if (data.pastedText.trim() === '') paragraph('Aucun texte transmis.');
  else paragraph(data.pastedText, 'Courier', 8.5);
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text('Pièces jointes (empreinte SHA-256 calculée à la réception) :', { width });
  if (data.attachments.length === 0) paragraph('Aucune pièce jointe.');
  data.attachments.forEach((a, index) => {
    doc.font('Helvetica').fontSize(10).text(`${index + 1}. ${p(a.fileName)} — ${a.mediaType}, ${sizeLabel(a.sizeBytes)}, ${ATTACHMENT_ORIGIN_PHRASES[a.origin]}, ${SCAN_STATUS_PHRASES[a.scanStatus]}`, { width });
    doc.font('Courier').fontSize(8).text(`SHA-256 : ${a.sha256}`, { width, indent: 14 });
    doc.moveDown(0.2);
  });

  const screenshots = data.attachments.filter((a) => a.image);
  screenshots.forEach((a, index) => {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text(`Capture d'écran ${index + 1} / ${screenshots.length} : ${p(a.fileName)}`, { width });
    doc.font('Courier').fontSize(8).text(`SHA-256 : ${a.sha256}`, { width });
    doc.moveDown(0.5);
    try {
      doc.image(Buffer.from(a.image!), { fit: [width, doc.page.height - doc.y - doc.page.margins.bottom - 10], align: 'center' });
    } catch {
      paragraph("Cette image n'a pas pu être reproduite ; le fichier original est conservé par le conseil de l'Ordre avec l'empreinte ci-dessus.", 'Helvetica-Oblique', 10);
    }
  });

  if (replacedAny) {
    doc.addPage();
    paragraph(
      "Certains caractères du signalement ne peuvent pas être imprimés dans ce document et ont été remplacés par « ? ». Le texte original est conservé par le conseil de l'Ordre.",
      'Helvetica-Oblique',
      9,
    );
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing in the bottom margin would open a new page: lift the margin while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Dossier ${data.receiptNumber} — page ${i + 1} / ${range.count} — les notes internes du conseil ne figurent pas dans ce dossier.`, doc.page.margins.left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
