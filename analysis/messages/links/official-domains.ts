/**
 * Domains Vigie treats as legitimate, with the organisation behind them. A host is official when it
 * is one of these domains or a subdomain of one (« conseil75.ordre.medecin.fr », « www.ameli.fr »).
 * The list is configurable: `AnalyzeOptions.officialDomains` replaces it.
 */
export interface OfficialDomain {
  readonly domain: string;
  readonly organisation: string;
  /**
   * Names a scammer imitates (without extension). Short or generic names (under five letters) are
   * only matched as a whole word of a domain, never by spelling distance. Defaults to the domain's
   * first label.
   */
  readonly brands?: readonly string[];
}

export const DEFAULT_OFFICIAL_DOMAINS: readonly OfficialDomain[] = [
  { domain: 'agencedpc.fr', organisation: 'ANDPC', brands: ['agencedpc', 'andpc'] },
  { domain: 'mondpc.fr', organisation: 'ANDPC' },
  { domain: 'esante.gouv.fr', organisation: 'Agence du Numérique en Santé (ANS)', brands: ['esante', 'e-cps', 'prosanteconnect'] },
  { domain: 'sante.fr', organisation: 'Agence du Numérique en Santé (ANS)', brands: [] },
  {
    domain: 'medecin.fr',
    organisation: 'Ordre des médecins',
    brands: ['ordre-des-medecins', 'ordre-medecins', 'ordre-medecin', 'conseil-national-medecin', 'cnom'],
  },
  { domain: 'ameli.fr', organisation: 'Assurance Maladie', brands: ['ameli', 'cpam', 'carte-vitale'] },
  { domain: 'assurance-maladie.fr', organisation: 'Assurance Maladie', brands: ['assurance-maladie'] },
  { domain: 'gouv.fr', organisation: 'État (site en .gouv.fr)', brands: ['gouv'] },
  { domain: 'service-public.fr', organisation: 'Service-Public.fr' },
  { domain: 'urssaf.fr', organisation: 'URSSAF' },
  { domain: 'net-entreprises.fr', organisation: 'Net-entreprises' },
  { domain: 'has-sante.fr', organisation: 'Haute Autorité de santé' },
  { domain: 'laposte.fr', organisation: 'La Poste' },
  { domain: 'colissimo.fr', organisation: 'La Poste (Colissimo)' },
  { domain: 'chronopost.fr', organisation: 'Chronopost' },
  { domain: 'signal-spam.fr', organisation: 'Signal Spam' },
  { domain: 'credit-agricole.fr', organisation: 'Crédit Agricole' },
  { domain: 'societegenerale.fr', organisation: 'Société Générale' },
  { domain: 'mabanque.bnpparibas', organisation: 'BNP Paribas', brands: ['bnpparibas'] },
  { domain: 'lcl.fr', organisation: 'LCL', brands: [] },
  { domain: 'caisse-epargne.fr', organisation: 'Caisse d’Épargne' },
  { domain: 'banquepopulaire.fr', organisation: 'Banque Populaire' },
  { domain: 'creditmutuel.fr', organisation: 'Crédit Mutuel' },
  { domain: 'labanquepostale.fr', organisation: 'La Banque Postale' },
];

/** Brand names of other official services, under .gouv.fr, that scammers imitate outside it. */
export const GOUV_BRANDS: readonly OfficialDomain[] = [
  { domain: 'impots.gouv.fr', organisation: 'Finances publiques', brands: ['impots'] },
  { domain: 'antai.gouv.fr', organisation: 'ANTAI', brands: ['antai'] },
  { domain: 'moncompteformation.gouv.fr', organisation: 'Mon Compte Formation', brands: ['moncompteformation'] },
  { domain: 'franceconnect.gouv.fr', organisation: 'FranceConnect', brands: ['franceconnect'] },
  { domain: 'cybermalveillance.gouv.fr', organisation: 'Cybermalveillance.gouv.fr', brands: ['cybermalveillance'] },
  { domain: 'ants.gouv.fr', organisation: 'ANTS', brands: [] },
];

/** Free mail providers: a public body never writes from them. */
export const FREEMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'outlook.fr', 'hotmail.com', 'hotmail.fr', 'live.com', 'live.fr',
  'msn.com', 'yahoo.com', 'yahoo.fr', 'ymail.com', 'icloud.com', 'me.com', 'aol.com', 'gmx.com', 'gmx.fr',
  'protonmail.com', 'proton.me', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net',
  'bbox.fr', 'numericable.fr', 'mail.com', 'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'tutanota.com',
]);

/** URL shorteners: the real destination is hidden. */
export const SHORTENER_DOMAINS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'v.gd', 'buff.ly', 'cutt.ly',
  'rebrand.ly', 'shorturl.at', 's.id', 'tiny.cc', 'rb.gy', 't.ly', 'bl.ink', 'lnkd.in', 'shorte.st', 'qrco.de',
  'urlz.fr', 'short.gy', 'tiny.one', 'surl.li', 'u.to', 'clck.ru', 'x.co', 'soo.gd', 'zpr.io',
]);

/**
 * Click-tracking domains of bulk mail services: genuine newsletters route their links through them,
 * so their destination cannot be checked without a network call. Reported as such, weakly.
 */
export const TRACKING_DOMAINS: ReadonlySet<string> = new Set([
  'list-manage.com', 'mjt.lu', 'sendgrid.net', 'sendibt2.com', 'sendibt3.com', 'sendibm1.com', 'brevo.com',
  'hubspotlinks.com', 'exacttarget.com', 'mailgun.org', 'createsend.com', 'cmail19.com', 'cmail20.com', 'emsecure.net',
  'sarbacane.com', 'mailchimp.com', 'mailjet.com',
]);

/** Extensions often bought cheaply for throw-away scam sites. */
export const RISKY_TLDS: ReadonlySet<string> = new Set([
  'xyz', 'top', 'icu', 'click', 'live', 'shop', 'online', 'site', 'buzz', 'cfd', 'sbs', 'vip', 'rest', 'cyou',
  'monster', 'quest', 'support', 'help', 'zip', 'mov', 'tk', 'ml', 'ga', 'cf', 'gq', 'ru', 'su', 'pw', 'ws',
]);

/** Whether `host` is `domain` or one of its subdomains. */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

export function findOfficialDomain(host: string, officials: readonly OfficialDomain[]): OfficialDomain | undefined {
  const bare = host.replace(/\.$/, '').toLowerCase();
  return officials.find((entry) => isSameOrSubdomain(bare, entry.domain));
}
