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
import { finishPdf, openPdfDocument, writeField, writeFingerprintedFile, writeHeading, writeLabel, writeParagraph, writeTitleBlock, writeVerbatimParagraph } from '../../platform/pdf/pdf-document.js';

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

// Read by the tests of this module (PDF text extraction, printable indicators).
export { toPrintable, WIN_ANSI_0X80 } from '../../platform/pdf/printable.js';

const dateTime = (d: Date) => d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
const dateOnly = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
const sizeLabel = (bytes: number) => (bytes < 1024 ? `${bytes} octets` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1).replace('.', ',')} Ko` : `${(bytes / 1048576).toFixed(1).replace('.', ',')} Mo`);

/**
 * Renders the dossier. Screenshots that cannot be decoded are listed with their fingerprint and a note
 * instead of failing the whole document.
 */
export async function renderDossierPdf(data: DossierData): Promise<Buffer> {
  const pdf = openPdfDocument({ title: `Dossier de signalement ${data.receiptNumber}`, author: 'Ordre des médecins — Vigie', subject: DOSSIER_TITLE, createdAt: data.generatedAt });
  const { doc, width, print: p, printVerbatim } = pdf;
  const heading = (text: string) => writeHeading(pdf, text);
  const field = (label: string, value: string) => writeField(pdf, label, value);
  const paragraph = (text: string, font?: string, size?: number) => writeParagraph(pdf, text, font, size);

  writeTitleBlock(pdf, {
    issuer: 'ORDRE DES MÉDECINS — Vigie, plateforme de signalement des escroqueries',
    title: DOSSIER_TITLE,
    titleSize: 18,
    subtitle: `Reçu n° ${data.receiptNumber}`,
    note: `Document établi le ${dateTime(data.generatedAt)} par le conseil de l'Ordre des médecins.`,
  });

  heading('1. Les faits signalés');
  field('Numéro de reçu', data.receiptNumber);
  field('Signalement reçu le', dateTime(data.createdAt));
  field('Date des faits', data.occurredOn ? dateOnly(data.occurredOn) : 'non précisée');
  field('Canal', REPORT_CHANNEL_REPORTER_LABELS[data.channel]);
  field('Reçu par', REPORT_SOURCE_DOSSIER_LABELS[data.source]);
  field('Organisme dont se réclamait l’interlocuteur', data.organisationName);
  field('Numéro appelant ou expéditeur du SMS', data.callerNumber);
  field('Expéditeur (courriel ou courrier)', data.sender);
  if (data.links.length === 0) field('Liens', 'aucun');
  else {
    writeLabel(pdf, 'Liens :');
    for (const link of data.links) doc.font('Courier').fontSize(9).text(`• ${printVerbatim(link)}`, { width, indent: 10 });
    doc.moveDown(0.2);
  }
  field('Département', data.departement ?? 'non précisé');
  field('État du signalement', REPORT_STATUS_LABELS[data.status]);
  if (data.campaign) field('Campagne', `${data.campaign.reference} — ${data.campaign.label}`);
  writeLabel(pdf, 'Récit du déclarant :');
  // What the reporter wrote, and below what they pasted, stay as written (as on their own page).
  writeVerbatimParagraph(pdf, data.description);

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
      writeLabel(pdf, 'Constats :');
      for (const finding of data.analysis.findings) doc.font('Helvetica').fontSize(10).text(`• ${p(finding)}`, { width, indent: 10 });
      doc.moveDown(0.2);
    }
    if (!data.analysis.complete) paragraph("L'analyse automatique n'a pas pu examiner l'intégralité du message.", 'Helvetica-Oblique', 9);
  }

  heading('4. Copie des échanges');
  writeLabel(pdf, 'Texte transmis par le déclarant :');
  if (data.pastedText.trim() === '') paragraph('Aucun texte transmis.');
  else writeVerbatimParagraph(pdf, data.pastedText, 'Courier', 8.5);
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(p('Pièces jointes (empreinte SHA-256 calculée à la réception) :'), { width });
  if (data.attachments.length === 0) paragraph('Aucune pièce jointe.');
  data.attachments.forEach((a, index) =>
    writeFingerprintedFile(pdf, `${index + 1}. ${a.fileName} — ${a.mediaType}, ${sizeLabel(a.sizeBytes)}, ${ATTACHMENT_ORIGIN_PHRASES[a.origin]}, ${SCAN_STATUS_PHRASES[a.scanStatus]}`, a.sha256),
  );

  const screenshots = data.attachments.filter((a) => a.image);
  screenshots.forEach((a, index) => {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text(p(`Capture d'écran ${index + 1} / ${screenshots.length} : ${a.fileName}`), { width });
    doc.font('Courier').fontSize(8).text(p(`SHA-256 : ${a.sha256}`), { width });
    doc.moveDown(0.5);
    try {
      doc.image(Buffer.from(a.image!), { fit: [width, doc.page.height - doc.y - doc.page.margins.bottom - 10], align: 'center' });
    } catch {
      paragraph("Cette image n'a pas pu être reproduite ; le fichier original est conservé par le conseil de l'Ordre avec l'empreinte ci-dessus.", 'Helvetica-Oblique', 10);
    }
  });

  if (pdf.replacedAny()) {
    doc.addPage();
    paragraph(
      "Certains caractères du signalement ne peuvent pas être imprimés dans ce document et ont été remplacés par « ? ». Le texte original est conservé par le conseil de l'Ordre.",
      'Helvetica-Oblique',
      9,
    );
  }

  return finishPdf(pdf, (page, pages) => `Dossier ${data.receiptNumber} — page ${page} / ${pages} — les notes internes du conseil ne figurent pas dans ce dossier.`);
}
