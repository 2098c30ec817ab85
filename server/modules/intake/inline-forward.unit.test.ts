import { describe, expect, it } from 'vitest';
import { parseForwardedDate } from './forward-date.js';
import { extractInlineForward, forwardedAsPastedEmail, readMailbox } from './inline-forward.js';

const SCAM_BODY = 'Docteur,\n\nVos droits DPC 2025 expirent ce soir. Validez-les ici : https://andpc-droits.fr/valider\n\nLe service DPC';

describe('extractInlineForward', () => {
  it('reads a French Gmail forward (English separator, mixed labels)', () => {
    const text =
      'Bonjour,\nJe reçois ceci depuis ce matin, est-ce une arnaque ?\nDr Martin\n\n' +
      '---------- Forwarded message ---------\n' +
      'De : ANDPC Service <contact@andpc-droits.fr>\n' +
      'Date: lun. 3 mars 2025 à 10:12\n' +
      'Subject: Vos droits DPC expirent\n' +
      'To: <dr.martin@exemple.fr>\n\n' +
      SCAM_BODY;
    const forward = extractInlineForward(text);
    expect(forward).toEqual({
      comment: 'Bonjour,\nJe reçois ceci depuis ce matin, est-ce une arnaque ?\nDr Martin',
      from: 'ANDPC Service <contact@andpc-droits.fr>',
      fromName: 'ANDPC Service',
      fromAddress: 'contact@andpc-droits.fr',
      date: 'lun. 3 mars 2025 à 10:12',
      subject: 'Vos droits DPC expirent',
      body: SCAM_BODY,
    });
  });

  it('reads a Gmail forward with a French separator and CRLF line ends', () => {
    const text = 'Pour info.\r\n\r\n---------- Message transféré ---------\r\nDe : <noreply@ameli-remboursement.com>\r\nDate: 12 févr. 2025\r\nSubject: Remboursement\r\n\r\nCliquez ici.';
    const forward = extractInlineForward(text)!;
    expect(forward.fromAddress).toBe('noreply@ameli-remboursement.com');
    expect(forward.fromName).toBeNull();
    expect(forward.comment).toBe('Pour info.');
    expect(forward.body).toBe('Cliquez ici.');
  });

  it('reads an Outlook FR block after a rule of underscores, with the non-breaking space before the colon', () => {
    const text =
      'À transmettre au conseil.\n\n________________________________\n' +
      'De\u00a0: Direction régionale certification <certification@drc-sante.fr>\n' +
      'Envoyé\u00a0: lundi 3 mars 2025 10:12\n' +
      'À\u00a0: Martin Claire <dr.martin@exemple.fr>;\n  Cabinet <cabinet@exemple.fr>\n' +
      'Objet\u00a0: Certification périodique : action requise\n\n' +
      SCAM_BODY;
    const forward = extractInlineForward(text)!;
    expect(forward.fromAddress).toBe('certification@drc-sante.fr');
    expect(forward.fromName).toBe('Direction régionale certification');
    expect(forward.subject).toBe('Certification périodique : action requise');
    expect(forward.date).toBe('lundi 3 mars 2025 10:12');
    expect(forward.body).toBe(SCAM_BODY);
    expect(forward.comment).toBe('À transmettre au conseil.');
  });

  it('reads a bare Outlook header block with the old [mailto:] form', () => {
    const text =
      'Voir ci-dessous.\n\nDe : URSSAF [mailto:info@urssaf-regul.com]\nEnvoyé : mardi 4 mars 2025 09:00\nÀ : Dr Martin\nObjet : Régularisation\n\nPayez avant vendredi.';
    const forward = extractInlineForward(text)!;
    expect(forward.fromAddress).toBe('info@urssaf-regul.com');
    expect(forward.fromName).toBe('URSSAF');
    expect(forward.body).toBe('Payez avant vendredi.');
  });

  it('reads an Apple Mail FR forward (blank line after the marker, Objet before Date)', () => {
    const text =
      'Encore un.\n\nDébut du message réexpédié :\n\n' +
      'De: "Ordre des Médecins" <ordre@ordre-medecins-cotisation.fr>\n' +
      'Objet: Cotisation impayée\n' +
      'Date: 3 mars 2025 à 10:12:45 UTC+1\n' +
      'À: dr.martin@exemple.fr\n\n' +
      SCAM_BODY;
    const forward = extractInlineForward(text)!;
    expect(forward.fromAddress).toBe('ordre@ordre-medecins-cotisation.fr');
    expect(forward.fromName).toBe('Ordre des Médecins');
    expect(forward.subject).toBe('Cotisation impayée');
    expect(forward.body).toBe(SCAM_BODY);
    expect(forward.comment).toBe('Encore un.');
  });

  it('reads a Thunderbird forward (Sujet, Pour) and an Outlook « Message d’origine »', () => {
    const thunderbird = extractInlineForward('-------- Message transféré --------\nSujet : Colis bloqué\nDate : Mon, 3 Mar 2025 10:12:00 +0100\nDe : La Poste <suivi@colis-laposte.info>\nPour : moi@exemple.fr\n\nPayez 1,99 €.')!;
    expect(thunderbird).toMatchObject({ comment: '', fromAddress: 'suivi@colis-laposte.info', subject: 'Colis bloqué', body: 'Payez 1,99 €.' });
    const outlook = extractInlineForward("Regardez.\n-----Message d'origine-----\nDe : ANTAI <amende@antai-paiement.fr>\nEnvoyé : 3 mars 2025\nÀ : moi\nObjet : Amende\n\nRéglez.")!;
    expect(outlook).toMatchObject({ comment: 'Regardez.', fromAddress: 'amende@antai-paiement.fr', subject: 'Amende', body: 'Réglez.' });
  });

  it('strips the stars of an HTML body turned into text and one level of quoting', () => {
    const text = 'Vu ce matin\n\nBegin forwarded message:\n\n> *From:* Banque <conseiller@banque-secu.fr>\n> *Subject:* Opération suspecte\n> *Date:* March 3, 2025\n>\n> Rappelez le 01 23 45 67 89.';
    const forward = extractInlineForward(text)!;
    expect(forward.fromAddress).toBe('conseiller@banque-secu.fr');
    expect(forward.subject).toBe('Opération suspecte');
    expect(forward.body).toBe('Rappelez le 01 23 45 67 89.');
  });

  it('follows a forward of a forward down to the original, keeping the outermost comment', () => {
    const text =
      'Ma consœur a reçu ceci.\n\n---------- Forwarded message ---------\nDe : Dr Durand <durand@exemple.fr>\nDate: 4 mars 2025\nSubject: Fwd: Vos droits\n\nRegarde ça\n\n' +
      '---------- Forwarded message ---------\nDe : ANDPC <contact@andpc-droits.fr>\nDate: 3 mars 2025\nSubject: Vos droits\n\n' +
      SCAM_BODY;
    const forward = extractInlineForward(text)!;
    expect(forward.comment).toBe('Ma consœur a reçu ceci.');
    expect(forward.fromAddress).toBe('contact@andpc-droits.fr');
    expect(forward.body).toBe(SCAM_BODY);
  });

  it('finds nothing in a plain message, or in a text that merely mentions « De : »', () => {
    expect(extractInlineForward('Bonjour, j’ai reçu un appel du 01 23 45 67 89 se disant de l’URSSAF.')).toBeNull();
    expect(extractInlineForward('De : mon cabinet\nJ’ai reçu un appel étrange.\n\nMerci')).toBeNull();
    expect(extractInlineForward('---------- Forwarded message ---------\n\n')).toBeNull();
    expect(extractInlineForward('')).toBeNull();
  });

  it('stays linear on a hostile body (one huge line, many separators)', () => {
    const hostile = `${'_'.repeat(200_000)}x\n${'---------- Forwarded message ---------\n'.repeat(2_000)}${'a'.repeat(100_000)}`;
    expect(extractInlineForward(hostile)).toBeNull();
  });
});

describe('readMailbox', () => {
  it.each([
    ['ANDPC <Contact@ANDPC-droits.fr>', 'ANDPC', 'contact@andpc-droits.fr'],
    ['"Service, DPC" <dpc@x.fr>', 'Service, DPC', 'dpc@x.fr'],
    ['dpc@x.fr', null, 'dpc@x.fr'],
    ['URSSAF [mailto:info@urssaf-regul.com]', 'URSSAF', 'info@urssaf-regul.com'],
    ['Le service client', 'Le service client', null],
  ])('%s', (value, name, address) => {
    expect(readMailbox(value)).toEqual({ name, address });
  });
});

describe('forwardedAsPastedEmail', () => {
  it('writes De, Date and Objet lines, never the recipients', () => {
    expect(
      forwardedAsPastedEmail({ from: 'ANDPC <a@b.fr>', fromName: 'ANDPC', fromAddress: 'a@b.fr', date: '3 mars 2025', subject: 'Droits', body: 'Texte' }),
    ).toBe('De : ANDPC <a@b.fr>\nDate : 3 mars 2025\nObjet : Droits\n\nTexte');
  });
});

describe('parseForwardedDate', () => {
  it.each([
    ['lun. 3 mars 2025 à 10:12', '2025-03-03'],
    ['lundi 3 mars 2025 10:12', '2025-03-03'],
    ['1er février 2025', '2025-02-01'],
    ['12 févr. 2025 à 08:00', '2025-02-12'],
    ['3 août 2024 à 10:12:45 UTC+1', '2024-08-03'],
    ['Mon, Mar 3, 2025 at 10:12 AM', '2025-03-03'],
    ['Monday, March 3rd, 2025 10:12 AM', '2025-03-03'],
    ['Mon, 3 Mar 2025 23:59:00 -0800', '2025-03-03'],
    ['03/03/2025 10:12', '2025-03-03'],
    ['25/12/24', '2024-12-25'],
    ['2025-03-03T10:12:00Z', '2025-03-03'],
  ])('%s → %s', (value, day) => {
    expect(parseForwardedDate(value)).toBe(day);
  });

  it.each([['31 février 2025'], ['hier'], ['13/13/2025'], [''], ['10:12']])('%s → null', (value) => {
    expect(parseForwardedDate(value)).toBeNull();
  });
});
