import { parse as parseDomain } from 'tldts';
import { KNOWN_IMPERSONATIONS, REGISTERED_HOSTS, RESTRICTED_SUFFIXES } from '../official/register.js';

/**
 * Domains Vigie treats as legitimate, with the organisation behind them. A host is official when it
 * is one of these domains or, unless `includesSubdomains` is false, one of its subdomains
 * (« conseil66.ordre.medecin.fr », « www.ameli.fr »). The default list is the register of official
 * sources (analysis/typology/official-register.json); `AnalyzeOptions.officialDomains` replaces it.
 */
export interface OfficialDomain {
  readonly domain: string;
  readonly organisation: string;
  /**
   * Names a scammer imitates (without extension). Short or generic names (under five letters) are
   * only matched as a whole word of a domain, never by spelling distance. Defaults to the domain
   * without its public suffix, dots turned into dashes (« impots », « ars-sante »).
   */
  readonly brands?: readonly string[];
  /** False when only the exact host is official (a sending host under a shared parent). Defaults to true. */
  readonly includesSubdomains?: boolean;
}

/**
 * Names scammers imitate, where the default (the domain without its suffix) is not the right one:
 * acronyms and former names, and generic words (« economie », « stationnement ») that are only an
 * imitation when glued to « gouv ». Keyed by the register's domain; engine tuning, not register data.
 */
const IMITATED_NAMES: Readonly<Record<string, readonly string[]>> = {
  'agencedpc.fr': ['agencedpc', 'andpc'],
  'esante.gouv.fr': ['esante', 'e-cps', 'prosanteconnect'],
  'ordre.medecin.fr': ['ordre-medecin', 'ordre-des-medecins', 'ordre-medecins', 'cnom'],
  'conseil-national.medecin.fr': ['conseil-national-medecin', 'conseil-national-medecins'],
  'ameli.fr': ['ameli', 'cpam', 'carte-vitale'],
  'dgfip.finances.gouv.fr': ['dgfip'],
  'douane.finances.gouv.fr': ['douane-finances'],
  'economie.gouv.fr': ['economie-gouv'],
  'stationnement.gouv.fr': ['stationnement-gouv'],
  'caissedesdepots.fr': ['caissedesdepots', 'caisse-des-depots'],
  'mabanque.bnpparibas': ['bnpparibas'],
  'particuliers.sg.fr': ['particuliers-sg'],
  'societegenerale.fr': ['societegenerale', 'societe-generale'],
};

/** The names a scammer imitates for a domain: see IMITATED_NAMES and OfficialDomain.brands. */
export function imitatedNames(domain: string): readonly string[] {
  const override = IMITATED_NAMES[domain];
  if (override) return override;
  const parsed = parseDomain(domain);
  const suffix = parsed.publicSuffix ?? '';
  const name = suffix !== '' && domain.endsWith(`.${suffix}`) ? domain.slice(0, -suffix.length - 1) : domain;
  return [name.replaceAll('.', '-')];
}

/**
 * The register's hosts. A host covered by a broader entry of the same register (« info.ameli.fr »
 * under « ameli.fr ») is kept: it is listed, and harmless, but the broader entry matches first.
 */
export const DEFAULT_OFFICIAL_DOMAINS: readonly OfficialDomain[] = REGISTERED_HOSTS.map((host) => {
  // A host below a broader entry (« paca.ars.sante.fr ») is imitated through that entry's name: fewer names, faster checks.
  const covered = REGISTERED_HOSTS.some((other) => other.includesSubdomains && host.domain.endsWith(`.${other.domain}`));
  return { domain: host.domain, organisation: host.organisation, brands: covered ? [] : imitatedNames(host.domain), includesSubdomains: host.includesSubdomains };
});

/**
 * Public zones that are not official hosts by themselves: gouv.fr (reserved to the State, its name
 * « gouv » imitated as « impots-gouv.org »), and the shared parents sante.fr and medecin.fr, which hold
 * registered hosts (ars.sante.fr, ordre.medecin.fr) and others nobody lists. The look-alike check only
 * takes their brand names; no host is official because of this list (see findRestrictedSuffix). The
 * server reads their domains as public-sector values that never link reports.
 */
export const GOUV_BRANDS: readonly OfficialDomain[] = [
  { domain: 'gouv.fr', organisation: 'État (site en .gouv.fr)', brands: ['gouv'] },
  { domain: 'sante.fr', organisation: 'Domaine public de santé (sante.fr)', brands: [] },
  { domain: 'medecin.fr', organisation: 'Domaine sectoriel des médecins (medecin.fr)', brands: [] },
];

/** Suffixes reserved to public bodies, from the register (« gouv.fr »). */
export { RESTRICTED_SUFFIXES };

/**
 * The restricted suffix `host` sits under (« gouv.fr » for « ants.gouv.fr »), or undefined. Whole
 * labels only: « impots-gouv.fr » is not under gouv.fr.
 */
export function findRestrictedSuffix(host: string): string | undefined {
  const bare = host.replace(/\.$/, '').toLowerCase();
  return RESTRICTED_SUFFIXES.find((suffix) => bare !== suffix && bare.endsWith(`.${suffix}`));
}

/** The register's body a publicly reported impostor domain imitates (« raydonify.com » → ANTAI), if any. */
export function knownImpersonation(host: string): OfficialDomain | undefined {
  const bare = host.replace(/\.$/, '').toLowerCase();
  for (const [domain, bodyId] of KNOWN_IMPERSONATIONS) {
    if (isSameOrSubdomain(bare, domain)) {
      const imitated = REGISTERED_HOSTS.find((h) => h.bodyId === bodyId);
      if (imitated) return DEFAULT_OFFICIAL_DOMAINS.find((d) => d.domain === imitated.domain);
    }
  }
  return undefined;
}

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

/** Each list of official domains by domain, built once per list (the first entry of a domain wins). */
const domainIndexCache = new WeakMap<readonly OfficialDomain[], ReadonlyMap<string, OfficialDomain>>();

export function officialIndex(officials: readonly OfficialDomain[]): ReadonlyMap<string, OfficialDomain> {
  let index = domainIndexCache.get(officials);
  if (!index) {
    const built = new Map<string, OfficialDomain>();
    for (const entry of officials) {
      const domain = entry.domain.toLowerCase();
      if (!built.has(domain)) built.set(domain, entry);
    }
    index = built;
    domainIndexCache.set(officials, index);
  }
  return index;
}

/**
 * The official entry `host` belongs to: the exact domain, or, unless the entry excludes them, a
 * subdomain of it; the most specific entry wins. Looks up each parent of the host (a few labels)
 * instead of scanning the list.
 */
export function findOfficialDomain(host: string, officials: readonly OfficialDomain[]): OfficialDomain | undefined {
  const bare = host.replace(/\.$/, '').toLowerCase();
  const index = officialIndex(officials);
  const exact = index.get(bare);
  if (exact) return exact;
  for (let dot = bare.indexOf('.'); dot >= 0; dot = bare.indexOf('.', dot + 1)) {
    const entry = index.get(bare.slice(dot + 1));
    if (entry && entry.includesSubdomains !== false) return entry;
  }
  return undefined;
}
