import { describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { alertSalutation, renderAlertMail } from '../../../contracts/alert-message.js';
import { alertMessageId, buildAlertTemplate, isSendableAddress } from './alert-message.js';
import { audienceDepartements, coversAudience } from './alerts.policy.js';
import { endOfParisDay } from './alerts.service.js';

const alert = {
  id: '7b0d1c4e-1111-4222-8333-444455556666',
  title: 'Faux appels « ANS » : ne donnez pas votre code',
  situation: 'Des médecins reçoivent des appels.\n.Une ligne qui commence par un point.',
  whatToDo: 'Raccrochez.',
  whatNotToDo: '',
};

describe('alert email', () => {
  it('composes once and fills in To, a stable Message-ID and the doctor\'s name per delivery, in French, without tracking', async () => {
    const template = await buildAlertTemplate(alert, { publicUrl: 'https://vigie.ordre.example', mailFrom: 'Vigie — Ordre des médecins <alertes@vigie.example>' });
    expect(template.envelopeFrom).toBe('alertes@vigie.example');
    const parsed = await PostalMime.parse(template.render('42', 'camille@exemple.fr', 'LÉVÊQUE-DE LA TOUR D’AUVERGNE-SAINT-ÉMILION'));
    // French typography: no-break spaces inside « » and before « : ».
    expect(parsed.subject).toBe('[Alerte Ordre des médecins] Faux appels «\u00A0ANS\u00A0»\u00A0: ne donnez pas votre code');
    expect(parsed.messageId).toBe(`<alert-${alert.id}-42@vigie>`);
    expect(parsed.to).toEqual([{ address: 'camille@exemple.fr', name: '' }]);
    expect(parsed.from).toMatchObject({ address: 'alertes@vigie.example', name: 'Vigie — Ordre des médecins' });
    // A long accented name survives quoted-printable and its soft line breaks, in both parts.
    expect(parsed.text!.split('\n')[0]).toBe('Docteur LÉVÊQUE-DE LA TOUR D’AUVERGNE-SAINT-ÉMILION,');
    expect(parsed.text).toContain('CE QUI SE PASSE\nDes médecins reçoivent des appels.\n.Une ligne qui commence par un point.');
    expect(parsed.text).toContain('https://vigie.ordre.example/alertes');
    expect(parsed.text).not.toContain('CE QU’IL NE FAUT PAS FAIRE');
    expect(parsed.html).toContain('Docteur LÉVÊQUE-DE LA TOUR D’AUVERGNE-SAINT-ÉMILION,');
    expect(parsed.html).toContain('<h2 style="font-size: 18px;">Ce qui se passe</h2>');
    expect(parsed.html).toContain('<a href="https://vigie.ordre.example/alertes">');
    expect(parsed.html).not.toMatch(/<img|XVIGIE/);
    // Automatic and from a list: no out-of-office answers, and mail clients can file it.
    const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
    expect(header('auto-submitted')).toBe('auto-generated');
    expect(header('x-auto-response-suppress')).toBe('All');
    expect(header('list-id')).toContain('<alertes.vigie.ordre.example>');
    expect(header('list-unsubscribe')).toBeUndefined();
    // Lines end in CRLF already, so the SMTP transport sends these bytes as they are.
    const raw = template.render('42', 'camille@exemple.fr', 'Durand').toString('latin1');
    expect(raw.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(raw).toContain('\r\nDocteur Durand,\r\n');
    const other = await PostalMime.parse(template.render('43', 'dominique@exemple.fr', null));
    expect(other.messageId).toBe(alertMessageId(alert.id, 43));
    expect(other.text).toBe(parsed.text!.replace('Docteur LÉVÊQUE-DE LA TOUR D’AUVERGNE-SAINT-ÉMILION,', 'Docteur,'));
  });

  it('is the message the preview shows: the same rendering, with the name filled in', async () => {
    const template = await buildAlertTemplate(alert, { publicUrl: 'http://localhost:3000', mailFrom: 'no-reply@vigie.localhost' });
    const parsed = await PostalMime.parse(template.render(7, 'a@exemple.fr', 'MARTIN'));
    const preview = renderAlertMail(alert, { publicUrl: 'http://localhost:3000', salutation: alertSalutation('MARTIN') });
    expect(parsed.text!.trimEnd()).toBe(preview.text);
    expect(parsed.subject).toBe(preview.subject);
  });

  it('lists what not to do when the alert says it', async () => {
    const template = await buildAlertTemplate({ ...alert, whatNotToDo: 'Ne rappelez pas le numéro.' }, { publicUrl: 'http://localhost:3000', mailFrom: 'no-reply@vigie.localhost' });
    expect((await PostalMime.parse(template.render(1, 'a@exemple.fr', 'MARTIN'))).text).toContain('CE QU’IL NE FAUT PAS FAIRE\nNe rappelez pas le numéro.');
  });

  it('sends only to plain addresses that cannot break the header or the envelope', () => {
    for (const ok of ['a@exemple.fr', 'dr.martin+ordre@cabinet-medical.fr', 'x_y@sub.domain.org']) expect(isSendableAddress(ok)).toBe(true);
    for (const bad of ['a@exemple.fr\r\nBcc: b@exemple.fr', 'a b@exemple.fr', '<a@exemple.fr>', 'a@', '@exemple.fr', 'été@exemple.fr', 'a..b@exemple.fr', 'a@exemple.fr,b@exemple.fr']) {
      expect(isSendableAddress(bad)).toBe(false);
    }
  });
});

describe('alert scope policy', () => {
  const national = { departement: null };
  const paris = { departement: '75' };
  it.each([
    [national, { scope: 'national' as const, departements: [] }, true],
    [national, { scope: 'departements' as const, departements: ['13'] }, true],
    [paris, { scope: 'national' as const, departements: [] }, false],
    [paris, { scope: 'departements' as const, departements: ['75'] }, true],
    [paris, { scope: 'departements' as const, departements: ['75', '92'] }, false],
    [paris, { scope: 'specialites' as const, departements: [] }, false],
    [paris, { scope: 'specialites' as const, departements: ['75'] }, true],
  ])('actor %o covers %o: %s', (actor, audience, expected) => {
    expect(coversAudience(actor, audience)).toBe(expected);
  });

  it('treats specialties with no département as national', () => {
    expect(audienceDepartements({ scope: 'specialites', departements: [] })).toBeNull();
    expect(audienceDepartements({ scope: 'departements', departements: ['2A'] })).toEqual(['2A']);
  });
});

describe('visibility date', () => {
  it('ends at midnight Paris time, summer and winter', () => {
    expect(endOfParisDay('2026-07-14').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(endOfParisDay('2026-12-24').toISOString()).toBe('2026-12-24T23:00:00.000Z');
  });
});
