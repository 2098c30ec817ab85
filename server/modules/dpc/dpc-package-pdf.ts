import type { TDpcPackage } from '../../../contracts/dpc-exchanges.schemas.js';
import { finishPdf, openPdfDocument, writeField, writeFingerprintedFile, writeHeading, writeLabel, writeParagraph, writeTitleBlock, writeVerbatimParagraph, type PdfDocument } from '../../platform/pdf/pdf-document.js';

// The package sent to the ANDPC or the MIVILUDES as a PDF dossier: the same content as its JSON, and only
// that, so that it can be made again from the stored JSON and checked against the fingerprint kept when
// it was sent. Deterministic: the creation date is the package's own date, and pdfkit derives the file
// id from the metadata, so the same JSON gives the same bytes.

export const PACKAGE_TITLE = 'Dossier de transmission — signalement DPC';

const dateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
const sizeLabel = (bytes: number) => (bytes < 1024 ? `${bytes} octets` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1).replace('.', ',')} Ko` : `${(bytes / 1048576).toFixed(1).replace('.', ',')} Mo`);

type Screening = NonNullable<TDpcPackage['programmeScreening']>;

/** Renders the package's PDF dossier from its JSON; the same JSON always gives the same bytes. */
export async function renderPackagePdf(pkg: TDpcPackage): Promise<Buffer> {
  const pdf = openPdfDocument({ title: `${PACKAGE_TITLE} ${pkg.reference}`, author: pkg.sender, subject: PACKAGE_TITLE, createdAt: new Date(pkg.generatedAt) });
  const heading = (text: string) => writeHeading(pdf, text);
  const field = (label: string, value: string | null | undefined) => writeField(pdf, label, value);
  const paragraph = (text: string) => writeParagraph(pdf, text);

  writeTitleBlock(pdf, {
    issuer: pkg.sender,
    title: PACKAGE_TITLE,
    titleSize: 18,
    subtitle: `Signalement ${pkg.reference} — à l’attention de : ${pkg.recipient.label}`,
    note: `Dossier établi le ${dateTime(pkg.generatedAt)}. L’identité de l’auteur du signalement n’est pas communiquée.`,
  });

  heading('1. Le signalement');
  field('Référence', pkg.reference);
  field('Nature', pkg.kindLabel);
  field('Date des faits', pkg.occurredOn ? day(pkg.occurredOn) : 'non précisée');
  field('Département', pkg.departement ?? 'non précisé');
  field('Région', pkg.region?.label ?? 'non précisée');

  heading('2. Objet du signalement');
  field('Objet', pkg.subject.kindLabel);
  field('Désignation', pkg.subject.label);
  if (pkg.subject.practitionerRpps) field('RPPS du praticien', pkg.subject.practitionerRpps);
  const action = pkg.subject.action;
  if (action) {
    field('Action de DPC', `${action.reference} — ${action.title}`);
    field('Orientation', action.orientation);
    field('Format', action.formatLabel);
    field('Dates', [action.startsOn && `du ${day(action.startsOn)}`, action.endsOn && `au ${day(action.endsOn)}`].filter(Boolean).join(' '));
  }
  if (pkg.subject.organisation) field('Organisme (ODPC)', `${pkg.subject.organisation.registrationNumber} — ${pkg.subject.organisation.name}`);

  heading('3. Les faits, rédigés par le conseil pour la transmission');
  paragraph(pkg.sharedFacts);

  heading('4. Repérage automatique des marqueurs de dérive dans ces faits');
  writeScreening(pdf, pkg.screening);
  if (pkg.programmeScreening) {
    heading('5. Repérage dans le programme de l’action (catalogue)');
    writeScreening(pdf, pkg.programmeScreening);
  }

  heading('6. Avis du relecteur expert');
  if (pkg.opinions.length === 0) paragraph('Aucun avis de relecteur.');
  for (const opinion of pkg.opinions) {
    field('Avis rendu le', dateTime(opinion.givenAt));
    field('Suites recommandées', opinion.recommendedOutcomes.map((o) => o.label).join(', '));
    field('Marqueurs confirmés', opinion.confirmedRuleIds.join(', ') || 'aucun');
    paragraph(opinion.opinion);
  }

  heading('7. Décision du conseil');
  field('Décision', pkg.decision.outcomes.map((o) => o.label).join(', '));
  field('Date', pkg.decision.decidedAt ? dateTime(pkg.decision.decidedAt) : null);
  field('Motif', pkg.decision.reason);

  heading('8. Pièces (conservées par le conseil)');
  field('Nombre de pièces', String(pkg.evidence.count));
  pkg.evidence.files.forEach((file, index) => writeFingerprintedFile(pdf, `${index + 1}. ${file.mediaType}, ${sizeLabel(file.sizeBytes)}`, file.sha256));

  heading('9. Procédure contradictoire avec l’organisme');
  if (pkg.contradictory.length === 0) paragraph('L’organisme n’a pas été invité à répondre.');
  for (const step of pkg.contradictory) {
    field('Invitation du', `${dateTime(step.invitedAt)}, réponse attendue avant le ${day(step.dueOn)}`);
    writeLabel(pdf, 'Exposé adressé à l’organisme :');
    paragraph(step.statement);
    field('Réponse', step.answered ? `reçue le ${dateTime(step.answeredAt!)}` : 'aucune');
    // The organisation's own words, as it wrote them.
    if (step.answer) writeVerbatimParagraph(pdf, step.answer);
  }

  return finishPdf(pdf, (page, pages) => `${pkg.reference} — ${pkg.recipient.label} — page ${page} / ${pages}`);
}

function writeScreening(pdf: PdfDocument, s: Screening): void {
  const { doc, width, print, printVerbatim } = pdf;
  writeField(pdf, 'Lexique', s.lexiconVersion);
  writeField(pdf, 'Score', `${s.score} / 100`);
  writeField(pdf, 'Priorité', s.priorityLabel);
  if (s.findings.length === 0) writeParagraph(pdf, 'Aucun marqueur relevé.');
  for (const finding of s.findings) {
    writeLabel(pdf, `• ${finding.familyLabel} (${finding.ruleId})`);
    doc.font('Helvetica').fontSize(9).text(print(finding.explanation), { width, indent: 10 });
    for (const span of finding.evidence) doc.font('Helvetica-Oblique').fontSize(9).text(`${print('« ')}${printVerbatim(span.text)}${print(' »')}`, { width, indent: 10 });
    doc.moveDown(0.2);
  }
}
