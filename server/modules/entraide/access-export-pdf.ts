import {
  CRESUS_ACTION_LABELS,
  CRESUS_REFERRAL_STATUS_LABELS,
  ENTRAIDE_AID_FORM_LABELS,
  ENTRAIDE_BENEFICIARY_LABELS,
  ENTRAIDE_CASE_STATUS_LABELS,
  ENTRAIDE_CONTACT_MEANS_LABELS,
  ENTRAIDE_DECISION_LABELS,
  ENTRAIDE_EVENT_KIND_LABELS,
  ENTRAIDE_NATURE_LABELS,
  ENTRAIDE_SOURCE_LABELS,
  ENTRAIDE_URGENCY_LABELS,
  type TEntraideAccessExport,
} from '../../../contracts/entraide.schemas.js';
import { finishPdf, openPdfDocument, writeField, writeHeading, writeLabel, writeParagraph, writeTitleBlock } from '../../platform/pdf/pdf-document.js';

// The right-of-access export as a PDF the commission hands to the person (GDPR art. 15): in French,
// everything held about them, the pseudonym and « confidentiel » on every page so that a loose page is
// recognised for what it is.

export const ACCESS_EXPORT_TITLE = "Droit d'accès — données détenues par la commission d'entraide";

const BUDGET_KIND_LABELS = { revenu: 'Revenu', charge_fixe: 'Charge fixe', dette: 'Remboursement de dette' } as const;

const dateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
const euros = (cents: number) => `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

export async function renderAccessExportPdf(data: TEntraideAccessExport): Promise<Buffer> {
  const reference = data.case.reference;
  // The document's metadata names the case by its pseudonym only.
  const pdf = openPdfDocument({ title: `Droit d'accès — dossier ${reference}`, author: 'Ordre des médecins — Vigie', subject: ACCESS_EXPORT_TITLE, createdAt: new Date(data.exportedAt) });
  const { doc, width, print } = pdf;
  const heading = (text: string) => writeHeading(pdf, text);
  const field = (label: string, value: string | null | undefined) => writeField(pdf, label, value);
  const paragraph = (text: string) => writeParagraph(pdf, text);

  writeTitleBlock(pdf, {
    issuer: "ORDRE DES MÉDECINS — Commission d'entraide — document confidentiel",
    title: ACCESS_EXPORT_TITLE,
    titleSize: 17,
    subtitle: `Dossier ${reference}`,
    note: `Document établi le ${dateTime(data.exportedAt)} en réponse à une demande d'accès (règlement général sur la protection des données, article 15). Il contient des données de santé et des données financières : à remettre à la personne seule.`,
  });

  const { identity, case: c } = data;
  heading('1. Identité et coordonnées');
  field('Personne concernée', ENTRAIDE_BENEFICIARY_LABELS[identity.beneficiary.kind]);
  field('Nom', identity.beneficiary.lastName);
  field('Prénom', identity.beneficiary.firstName);
  if (identity.beneficiary.rpps) field('Numéro RPPS', identity.beneficiary.rpps);
  if (identity.requester) field('Demande faite par', `${identity.requester.firstName} ${identity.requester.lastName} (${identity.requester.relation})`);
  field('Contact souhaité', ENTRAIDE_CONTACT_MEANS_LABELS[identity.contact.means]);
  field('Accord pour être contacté', identity.contact.consent ? 'oui' : 'non');
  if (identity.contact.phone) field('Téléphone', identity.contact.phone);
  if (identity.contact.email) field('Adresse électronique', identity.contact.email);
  if (identity.contact.address) field('Adresse postale', identity.contact.address);
  writeLabel(pdf, 'Message de la demande :');
  paragraph(identity.message);

  heading('2. Le dossier');
  field('Référence', c.reference);
  field('Département', c.departement);
  field('État', ENTRAIDE_CASE_STATUS_LABELS[c.status]);
  field('Nature des difficultés', c.natures.map((n) => ENTRAIDE_NATURE_LABELS[n]).join(', '));
  field('Urgence', ENTRAIDE_URGENCY_LABELS[c.urgency]);
  field('Origine', ENTRAIDE_SOURCE_LABELS[c.source]);
  field('Ouvert le', dateTime(c.openedAt));
  field('Dernière activité', dateTime(c.lastActivityAt));
  field('Référent', c.referentName);
  field('Transmis à la commission nationale', c.escalatedAt ? `le ${dateTime(c.escalatedAt)}${c.identityVisibleToCne ? ', identité communiquée avec votre accord' : ', sans votre identité'}` : 'non');
  field('Clos le', c.closedAt ? dateTime(c.closedAt) : null);

  heading('3. Journal du dossier');
  if (c.journal.length === 0) paragraph('Aucune entrée.');
  for (const e of c.journal) {
    writeLabel(pdf, `${dateTime(e.occurredAt)} — ${ENTRAIDE_EVENT_KIND_LABELS[e.kind]}${e.authorName ? ` — ${e.authorName}` : ''}`);
    paragraph(e.text ?? '');
  }

  heading('4. Décisions de la commission');
  if (data.decisions.length === 0) paragraph('Aucune décision.');
  for (const d of data.decisions) {
    const aid = d.amountCents !== null ? ` : ${euros(d.amountCents)}${d.aidForm ? `, ${ENTRAIDE_AID_FORM_LABELS[d.aidForm]}` : ''}` : '';
    const { vote } = d;
    const s = (n: number) => (n > 1 ? 's' : '');
    const votes = `${vote.for} pour, ${vote.against} contre, ${vote.abstentions} abstention${s(vote.abstentions)}, ${vote.membersPresent} membre${s(vote.membersPresent)} présent${s(vote.membersPresent)} sur ${vote.membersSeated} en exercice`;
    paragraph(`${day(d.decidedOn)} — ${ENTRAIDE_DECISION_LABELS[d.kind]}${aid} — commission ${d.commission === 'cne' ? 'nationale' : 'départementale'} — ${votes} (quorum ${d.quorumReached ? 'atteint' : 'non atteint'})`);
  }

  heading('5. Orientation vers Crésus');
  if (!data.cresus) paragraph('Aucune orientation.');
  else {
    const r = data.cresus;
    field('État', CRESUS_REFERRAL_STATUS_LABELS[r.status]);
    field('Accord recueilli le', dateTime(r.consentRecordedAt));
    field('Orientation le', dateTime(r.referredAt));
    field('Transmis à Crésus', [`${r.shared.firstName} ${r.shared.lastName}`, r.shared.phone, r.shared.email, r.shared.natures.map((n) => ENTRAIDE_NATURE_LABELS[n]).join(', '), r.shared.resteAVivreCents !== null ? `reste à vivre ${euros(r.shared.resteAVivreCents)}` : null].filter(Boolean).join(' ; '));
    for (const a of r.actions) paragraph(`${day(a.occurredOn)} — ${CRESUS_ACTION_LABELS[a.action]}${a.note ? ` : ${a.note}` : ''}`);
  }

  heading('6. Budgets');
  if (data.budgets.length === 0) paragraph('Aucun budget enregistré.');
  for (const b of data.budgets) {
    writeLabel(pdf, `Budget du ${day(b.recordedOn)}`);
    for (const line of b.budget.lines) {
      doc.font('Helvetica').fontSize(9.5).text(print(`• ${BUDGET_KIND_LABELS[line.kind]} — ${line.label} : ${euros(line.monthlyCents)} par mois${line.remainingCents !== undefined ? ` (reste dû ${euros(line.remainingCents)})` : ''}`), { width, indent: 10 });
    }
    paragraph(`Reste à vivre : ${euros(b.result.resteAVivreCents)} par mois, soit ${euros(b.result.perUnitCents)} par unité de consommation${b.result.belowRsaFloor ? ' (sous le montant du RSA pour une personne seule)' : ''}.`);
  }

  return finishPdf(pdf, (page, pages) => `Dossier ${reference} — page ${page} / ${pages} — confidentiel : données de santé et financières`);
}
