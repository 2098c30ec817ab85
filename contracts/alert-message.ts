// What a doctor reads of an alert — the email (subject, plain text, HTML) and the public page's card —
// rendered by one pure function used by the broadcast (server/modules/alerts/alert-message.ts) and by
// the preview the drafter and the approver see (web/src/modules/alerts/AlertPreview.tsx): the preview is
// the message, not a look-alike. Its French typography is applied here (contracts/typography.ts).

import { frenchTypography } from './typography.js';

export interface AlertContent {
  title: string;
  situation: string;
  whatToDo: string;
  whatNotToDo: string;
}

export const ALERT_SUBJECT_PREFIX = '[Alerte Ordre des médecins]';
/** Shown in the preview where each doctor reads their own name from the register. */
export const ALERT_PREVIEW_NAME = 'DUPONT';

const SECTION_LABELS = {
  situation: 'Ce qui se passe',
  whatToDo: 'Ce qu’il faut faire',
  whatNotToDo: 'Ce qu’il ne faut pas faire',
} as const;

/** « Docteur DUPONT, », or the neutral form when the register gives no name. */
export function alertSalutation(name: string | null): string {
  const trimmed = name?.trim();
  return trimmed ? `Docteur ${trimmed},` : 'Docteur,';
}

const RECOGNISE =
  "L'Ordre des médecins ne vous demandera jamais vos identifiants, un code reçu par SMS ni un paiement par courriel ou par téléphone. En cas de doute sur un message se présentant comme une alerte de l'Ordre, vérifiez qu'elle figure sur la page des alertes en cours.";
const WHY_YOU = "Ce message vous est adressé à l'adresse électronique inscrite au tableau de l'Ordre. Il est envoyé par un automate : n'y répondez pas.";
const SIGNATURE = 'Le Conseil national de l’Ordre des médecins';

export interface AlertMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** A text block as HTML paragraphs: blank lines part paragraphs, single line breaks stay. */
const paragraphs = (value: string) =>
  value
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');

function sections(alert: AlertContent): { label: string; body: string }[] {
  const list: { label: string; body: string }[] = [
    { label: SECTION_LABELS.situation, body: alert.situation },
    { label: SECTION_LABELS.whatToDo, body: alert.whatToDo },
  ];
  if (alert.whatNotToDo.trim()) list.push({ label: SECTION_LABELS.whatNotToDo, body: alert.whatNotToDo });
  return list;
}

/**
 * The email of an alert for one doctor. `salutation` is the line that opens it (alertSalutation): the
 * broadcast composes once with a placeholder there and puts each doctor's own line in.
 */
export function renderAlertMail(alert: AlertContent, options: { publicUrl: string; salutation: string }): AlertMail {
  const page = `${options.publicUrl}/alertes`;
  const text = frenchTypography([
    options.salutation,
    '',
    `L'Ordre des médecins vous alerte : ${alert.title}`,
    ...sections(alert).flatMap((s) => ['', s.label.toUpperCase(), s.body.trim()]),
    '',
    `Cette alerte et les autres alertes en cours sont sur la page publique de l'Ordre : ${page}`,
    '',
    RECOGNISE,
    '',
    `— ${SIGNATURE}`,
    '',
    WHY_YOU,
  ].join('\n'));
  // Each piece typeset before it is escaped, so the HTML part reads as the text part.
  const prose = (value: string) => escapeHtml(frenchTypography(value));
  const html = [
    '<!DOCTYPE html>',
    '<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>' + prose(alert.title) + '</title></head>',
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #161616; max-width: 40em;">',
    `<p>${prose(options.salutation)}</p>`,
    `<p>${prose('L’Ordre des médecins vous alerte :')} <strong>${prose(alert.title)}</strong></p>`,
    ...sections(alert).map((s) => `<h2 style="font-size: 18px;">${prose(s.label)}</h2>\n${paragraphs(frenchTypography(s.body))}`),
    `<p>${prose('Cette alerte et les autres alertes en cours sont sur la page publique de l’Ordre :')} <a href="${escapeHtml(page)}">${escapeHtml(page)}</a></p>`,
    `<p>${prose(RECOGNISE)}</p>`,
    `<p>— ${prose(SIGNATURE)}</p>`,
    `<p style="font-size: 13px; color: #555;">${prose(WHY_YOU)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: frenchTypography(`${ALERT_SUBJECT_PREFIX} ${alert.title}`), text, html };
}

/** The sections of the public page's card, in order (the page shows the title above them). */
export function alertPublicSections(alert: AlertContent): { label: string; body: string }[] {
  return sections(alert);
}
