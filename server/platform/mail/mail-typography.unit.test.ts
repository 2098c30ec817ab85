import MailComposer from 'nodemailer/lib/mail-composer';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { renderAlertMail } from '../../../contracts/alert-message.js';
import { typesetMail } from './mail-typography.js';
import { automaticMailHeaders, type OutgoingMail } from './mailer.js';

// Every queued mail is typeset once, on its way to the relay (startMailWorker): what the reader sees
// follows French typography, what they copy (a link, an address, a code) is left as written.

const NBSP = '\u00A0';
const NNBSP = '\u202F';

const mail: OutgoingMail = {
  to: 'jean.dupont@exemple.fr',
  subject: "Vigie — signalement reçu : VIG-2026-000123 ? C'est noté",
  text:
    "Bonjour :\n\nVotre lien https://vigie.ordre.fr/suivi?jeton=a:b ; l'adresse jean.dupont@exemple.fr reste telle quelle, " +
    'comme https: et 10:30. Rubrique « Mes signalements » : https://vigie.ordre.fr/mes-signalements',
  autoSubmitted: 'auto-replied',
};

describe('the typography of outgoing mail', () => {
  it('puts the no-break spaces and the apostrophe in the subject and the text, and leaves links, addresses and codes as written', () => {
    const sent = typesetMail(mail);
    expect(sent.subject).toBe(`Vigie — signalement reçu${NBSP}: VIG-2026-000123${NNBSP}? C’est noté`);
    expect(sent.text).toBe(
      `Bonjour${NBSP}:\n\nVotre lien https://vigie.ordre.fr/suivi?jeton=a:b${NNBSP}; l’adresse jean.dupont@exemple.fr reste telle quelle, ` +
        `comme https: et 10:30. Rubrique «${NBSP}Mes signalements${NBSP}»${NBSP}: https://vigie.ordre.fr/mes-signalements`,
    );
    expect({ ...sent, subject: mail.subject, text: mail.text }).toEqual(mail);
  });

  it('changes no byte of a mail already typeset, such as an alert or a retried job', () => {
    const once = typesetMail(mail);
    expect(typesetMail(once)).toEqual(once);
    const alert = renderAlertMail(
      { title: 'Faux appels de la CPAM : « vérification » de carte Vitale', situation: "Qu'ont-ils demandé ? Le 01 23 45 67 89 !", whatToDo: 'Raccrochez ; signalez : https://vigie.ordre.fr/signaler', whatNotToDo: '' },
      { publicUrl: 'https://vigie.ordre.fr', salutation: 'Docteur DUPONT,' },
    );
    expect(typesetMail({ to: 'a@b.fr', subject: alert.subject, text: alert.text })).toEqual({ to: 'a@b.fr', subject: alert.subject, text: alert.text });
  });

  it('stays a valid message once nodemailer has encoded it: the subject folded in encoded words reads back with its no-break spaces', async () => {
    const sent = typesetMail({ ...mail, subject: `${mail.subject} — ${'un sujet assez long pour être replié : '.repeat(3)}` });
    const raw = await new MailComposer({ from: 'vigie@ordre.fr', to: sent.to, subject: sent.subject, text: sent.text, headers: automaticMailHeaders(sent.autoSubmitted) })
      .compile()
      .build();
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(Math.max(...head.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(78);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(sent.subject);
    expect(parsed.text?.trimEnd()).toBe(sent.text);
  });
});
