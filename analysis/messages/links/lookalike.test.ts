import { describe, expect, it } from 'vitest';
import { assessHost, editDistance } from './lookalike.js';
import { DEFAULT_OFFICIAL_DOMAINS } from './official-domains.js';

const assess = (host: string) => assessHost(host, DEFAULT_OFFICIAL_DOMAINS);

describe('assessHost', () => {
  it.each([
    'agencedpc.fr', 'www.agencedpc.fr', 'mondpc.fr', 'esante.gouv.fr', 'ordre.medecin.fr', 'conseil-national.medecin.fr',
    'conseil75.ordre.medecin.fr', 'www.ameli.fr', 'assure.ameli.fr', 'www.service-public.fr', 'www.urssaf.fr',
    'antai.gouv.fr', 'antai.fr', 'usagers.antai.gouv.fr', 'acoss.fr', 'urssaf.org', 'monespacesante.fr', 'email.doctolib.com',
    'paca.ars.sante.fr', 'cdom95.org', 'annuaire.sante.fr',
  ])('treats %s as official', (host) => {
    expect(assess(host).official).toBeDefined();
    expect(assess(host).lookalike).toBeUndefined();
  });

  it.each([
    ['agencedpc.fr.example.com', 'sous-domaine', 'agencedpc.fr'],
    ['ameli.secure-verif.com', 'sous-domaine', 'ameli.fr'],
    ['agencedpc-validation.fr', 'nom-accole', 'agencedpc.fr'],
    ['monameli.com', 'nom-accole', 'ameli.fr'],
    ['urssaf-paiement.net', 'nom-accole', 'urssaf.fr'],
    ['ordre-des-medecins-cotisation.com', 'nom-accole', 'ordre.medecin.fr'],
    ['antai-amende.com', 'nom-accole', 'antai.gouv.fr'],
    ['urssaf-gouv.fr', 'nom-accole', 'urssaf.fr'],
    ['amendes-gouv.com', 'nom-accole', 'amendes.gouv.fr'],
    ['raydonify.com', 'sosie-signale', 'antai.gouv.fr'],
    ['impots-gouv.org', 'nom-accole', 'impots.gouv.fr'],
    ['agencedpc.com', 'autre-extension', 'agencedpc.fr'],
    ['ameli.info', 'autre-extension', 'ameli.fr'],
    ['agnecedpc.fr', 'inversion', 'agencedpc.fr'],
    ['mondcp.fr', 'inversion', 'mondpc.fr'],
    ['agencdpc.fr', 'faute-de-frappe', 'agencedpc.fr'],
    ['amelli.fr', 'faute-de-frappe', 'ameli.fr'],
    ['arneli.fr', 'lettres-ressemblantes', 'ameli.fr'],
    ['ame1i.com', 'lettres-ressemblantes', 'ameli.fr'],
    ['xn--gencedpc-06g.fr', 'homoglyphe', 'agencedpc.fr'],
    ['xn--rdre-45d.medecin.fr', 'homoglyphe', 'ordre.medecin.fr'],
    ['xn--ntai-43d.fr', 'homoglyphe', 'antai.fr'],
  ])('flags %s as imitating (%s) %s', (host, reason, imitated) => {
    const result = assess(host);
    expect(result.official).toBeUndefined();
    expect(result.lookalike?.reason).toBe(reason);
    expect(result.lookalike?.imitates.domain).toBe(imitated);
  });

  it.each(['example.com', 'formation-medicale.fr', 'amelie-boutique.com', 'lasante.fr', 'doctolib.fr', 'santeformation.fr', 'gouvernance.com'])(
    'leaves %s alone',
    (host) => {
      expect(assess(host).lookalike).toBeUndefined();
    },
  );

  it.each(['ansm-formation.sante.fr', 'sante.fr', 'medecin.fr', 'www.doctolib.com', 'app.doctolib.com'])('neither official nor a look-alike: %s', (host) => {
    expect(assess(host).official).toBeUndefined();
    expect(assess(host).lookalike).toBeUndefined();
  });

  it.each(['ants.gouv.fr', 'www.interieur.gouv.fr', 'xn--mpots-m2e.gouv.fr'])('reports %s, under gouv.fr but not in the register, as unlisted', (host) => {
    const result = assess(host);
    expect(result.official).toBeUndefined();
    expect(result.lookalike).toBeUndefined();
    expect(result.unlistedRestricted).toBe('gouv.fr');
  });

  it('does not take a dash for the gouv.fr suffix', () => {
    expect(assess('impots-gouv.fr').unlistedRestricted).toBeUndefined();
    expect(assess('impots-gouv.fr').lookalike?.imitates.domain).toBe('impots.gouv.fr');
    expect(assess('gouv.fr.example.com').lookalike?.reason).toBe('sous-domaine');
  });

  it('recognises shorteners, IP addresses, international names and risky extensions', () => {
    expect(assess('bit.ly').shortener).toBe(true);
    expect(assess('192.168.12.7').isIp).toBe(true);
    expect(assess('xn--bcher-kva.de').internationalized).toBe(true);
    expect(assess('xn--bcher-kva.de').displayHost).toBe('bücher.de');
    expect(assess('promo-formation.xyz').riskyTld).toBe(true);
  });

  it('uses the configured list of official domains', () => {
    const custom = [{ domain: 'example.org', organisation: 'Exemple' }];
    expect(assessHost('www.example.org', custom).official?.organisation).toBe('Exemple');
    expect(assessHost('example-login.com', custom).lookalike?.reason).toBe('nom-accole');
    expect(assessHost('agencedpc.fr', custom).official).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts edits and adjacent swaps', () => {
    expect(editDistance('agencedpc', 'agencedpc', 2)).toBe(0);
    expect(editDistance('agencedpc', 'agnecedpc', 2)).toBe(1);
    expect(editDistance('ameli', 'amelie', 2)).toBe(1);
    expect(editDistance('ameli', 'urssaf', 2)).toBe(3);
  });
});
