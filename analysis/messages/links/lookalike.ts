import { boundedMemo } from '../../engine/bounded-memo.js';
import { foldCodePoint } from '../../engine/char-folding.js';
import type { OfficialDomain } from './official-domains.js';
import { findOfficialDomain, findRestrictedSuffix, GOUV_BRANDS, knownImpersonation, officialIndex, RISKY_TLDS, SHORTENER_DOMAINS } from './official-domains.js';
import { parseHost } from './parse-host.js';
import { hostToUnicode } from './punycode.js';

/** How a host imitates an official one; the French wording is in link-findings.ts. */
export type LookalikeReason =
  | 'sous-domaine'
  | 'homoglyphe'
  | 'lettres-ressemblantes'
  | 'autre-extension'
  | 'nom-accole'
  | 'inversion'
  | 'faute-de-frappe'
  | 'sosie-signale';

export interface Lookalike {
  readonly imitates: OfficialDomain;
  readonly reason: LookalikeReason;
}

export interface HostAssessment {
  /** Lower-case ASCII host (Punycode for international names). */
  readonly host: string;
  /** The same host as a reader sees it (international letters decoded). */
  readonly displayHost: string;
  /** Registrable domain (« example.com » for « a.b.example.com »), the host itself for an IP address. */
  readonly registrableDomain: string | null;
  readonly isIp: boolean;
  readonly official?: OfficialDomain;
  readonly lookalike?: Lookalike;
  /**
   * The reserved suffix (« gouv.fr ») of a host below it that the list of official domains does not
   * name: only a public body can hold it, but which one is unknown — « inconnu — à vérifier ».
   */
  readonly unlistedRestricted?: string;
  readonly shortener: boolean;
  readonly internationalized: boolean;
  readonly riskyTld: boolean;
}

/** Words scammers glue to an official name (« ameli-remboursement », « monagencedpc »). */
const BAIT_WORDS: ReadonlySet<string> = new Set([
  'fr', 'france', 'gouv', 'secure', 'securite', 'login', 'connexion', 'compte', 'comptes', 'mon', 'ma', 'mes',
  'espace', 'pro', 'sante', 'validation', 'valider', 'verif', 'verification', 'update', 'maj', 'info', 'infos',
  'service', 'services', 'support', 'aide', 'client', 'assure', 'assures', 'remboursement', 'paiement',
  'payment', 'dossier', 'droits', 'formation', 'formations', 'dpc', 'cpf', 'cps', 'ecps', 'online', 'enligne',
  'officiel', 'portail', 'web', 'app', 'net', 'auth', 'acces', 'renouvellement', 'carte', 'vitale', 'medecin',
  'medecins', 'amende', 'colis', 'suivi', 'livraison', 'account', 'id', 'identite', 'certification', 'the', 'my',
  'activation', 'reactivation', 'assistance', 'certif', 'regul', 'regularisation', 'securise', 'login',
]);

/** A brand name of at least this many letters is also matched by spelling distance. */
const MIN_FUZZY_BRAND = 5;
/** A brand this long is distinctive enough to be flagged wherever it appears inside a name. */
const MIN_EMBEDDED_BRAND = 8;

interface Brand {
  readonly entry: OfficialDomain;
  readonly compact: string;
  /** `visualSkeleton(compact)`, computed once. */
  readonly skeleton: string;
}

/** Brands of each list of official domains, computed once per list (the default list, or a caller's). */
const brandCache = new WeakMap<readonly OfficialDomain[], readonly Brand[]>();

/** Registrable domains holding an official host, computed once per list (see `ownedByOfficial`). */
const ownerCache = new WeakMap<readonly OfficialDomain[], ReadonlySet<string>>();

/**
 * Whether `registrable` holds an official host (« doctolib.com » holds the sending host
 * « email.doctolib.com », « sante.fr » holds « ars.sante.fr »): only its owner creates names below it,
 * so they are not official (the parent may be shared: sante.fr, medecin.fr) but never a look-alike
 * either, except a host spelled with letters of another script that reads as an official one.
 */
function ownedByOfficial(registrable: string, officials: readonly OfficialDomain[]): boolean {
  let owners = ownerCache.get(officials);
  if (!owners) {
    owners = new Set(officials.map((entry) => parseHost(entry.domain).domain ?? entry.domain));
    ownerCache.set(officials, owners);
  }
  return owners.has(registrable);
}

function brandsOf(officials: readonly OfficialDomain[]): readonly Brand[] {
  const cached = brandCache.get(officials);
  if (cached) return cached;
  const seen = new Set<string>();
  const brands = [...officials, ...GOUV_BRANDS].flatMap((entry) => {
    const names = entry.brands ?? [parseHost(entry.domain).domainWithoutSuffix ?? ''];
    // A name given to several hosts (« douane » for douane.gouv.fr and its ministry host) is compared once: the first wins.
    const fresh = names.filter((name) => {
      const key = compact(name);
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return fresh.map((name) => {
      const compacted = compact(name);
      return { entry, compact: compacted, skeleton: visualSkeleton(compacted) };
    });
  }).sort((a, b) => b.compact.length - a.compact.length); // the most specific name wins (« impots » before « gouv »)
  brandCache.set(officials, brands);
  return brands;
}

function compact(label: string): string {
  return label.toLowerCase().replaceAll('-', '');
}

/** Folds look-alike letters of other scripts (« аgencedpc » with a Cyrillic « а ») to Latin. */
function foldScripts(text: string): string {
  let out = '';
  for (const cp of text) out += foldCodePoint(cp).text;
  return out;
}

/** Letters that look alike once rendered: « rn » and « m », « 1 », « i » and « l », « 0 » and « o ». */
function visualSkeleton(label: string): string {
  return label.replaceAll('rn', 'm').replaceAll('vv', 'w').replaceAll('0', 'o').replaceAll('1', 'l').replaceAll('i', 'l');
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = -1;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      if (first >= 0) return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
      first = i;
    }
  }
  return false;
}

/** Three rows of the distance table, reused from call to call (grown when a longer name comes). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (edits and adjacent swaps), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (rows[0]!.length < b.length + 1) rows = rows.map(() => new Int32Array(2 * (b.length + 1)));
  let [beforePrevious, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      }
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] as number;
}

/** A label of a host, split once for comparison with every brand. */
interface LabelForms {
  /** Without dashes, lower case. */
  readonly whole: string;
  /** Dash-separated parts, lower case. */
  readonly parts: readonly string[];
}

function labelForms(label: string): LabelForms {
  return { whole: compact(label), parts: label.split('-').map(compact) };
}

function embedsBrand(label: LabelForms, brand: string): boolean {
  if (label.parts.includes(brand)) return true;
  const whole = label.whole;
  if (whole === brand || !whole.includes(brand)) return false;
  if (brand.length >= MIN_EMBEDDED_BRAND) return true;
  const rest = whole.startsWith(brand) ? whole.slice(brand.length) : whole.endsWith(brand) ? whole.slice(0, -brand.length) : null;
  return rest !== null && (BAIT_WORDS.has(rest) || /^[0-9]{1,4}$/.test(rest));
}

/**
 * Spelling tricks. A word inside a longer name (« amelie » in « amelie-boutique ») is only compared for
 * swaps and look-alike letters: at one edit, too many ordinary words sit next to a brand.
 */
interface SpellingCandidate {
  readonly text: string;
  readonly skeleton: string;
  readonly wholeName: boolean;
}

function spellingReason(candidate: SpellingCandidate, brand: Brand): LookalikeReason | null {
  const target = brand.compact;
  if (target.length < MIN_FUZZY_BRAND || candidate.text === target) return null;
  if (candidate.skeleton === brand.skeleton) return 'lettres-ressemblantes';
  if (isAdjacentSwap(candidate.text, target)) return 'inversion';
  if (!candidate.wholeName) return null;
  const limit = target.length >= 9 ? 2 : 1;
  return editDistance(candidate.text, target, limit) <= limit ? 'faute-de-frappe' : null;
}

function labelLookalike(label: string, brands: readonly Brand[], folded: boolean): Lookalike | null {
  const forms = labelForms(label);
  const whole = forms.whole;
  for (const brand of brands) {
    if (whole === brand.compact) return { imitates: brand.entry, reason: folded ? 'homoglyphe' : 'autre-extension' };
  }
  for (const brand of brands) {
    if (embedsBrand(forms, brand.compact)) return { imitates: brand.entry, reason: folded ? 'homoglyphe' : 'nom-accole' };
  }
  const parts = label.includes('-') ? forms.parts.filter((part) => part.length >= MIN_FUZZY_BRAND) : [];
  const candidates: SpellingCandidate[] = [
    { text: whole, skeleton: visualSkeleton(whole), wholeName: true },
    ...parts.map((text) => ({ text, skeleton: visualSkeleton(text), wholeName: false })),
  ];
  for (const brand of brands) {
    for (const candidate of candidates) {
      const reason = spellingReason(candidate, brand);
      if (reason) return { imitates: brand.entry, reason: folded ? 'homoglyphe' : reason };
    }
  }
  return null;
}

/** An official domain written as whole labels inside `subdomain` (« ameli.fr » in « ameli.fr.secure »). */
function officialInSubdomain(subdomain: string, officials: readonly OfficialDomain[]): OfficialDomain | undefined {
  const index = officialIndex(officials);
  const labels = subdomain.split('.');
  for (let start = 0; start < labels.length; start += 1) {
    for (let end = start + 2; end <= labels.length; end += 1) {
      const entry = index.get(labels.slice(start, end).join('.'));
      if (entry) return entry;
    }
  }
  return undefined;
}

function subdomainLookalike(subdomain: string, brands: readonly Brand[], officials: readonly OfficialDomain[]): Lookalike | null {
  if (subdomain === '') return null;
  const named = officialInSubdomain(subdomain, officials);
  if (named) return { imitates: named, reason: 'sous-domaine' };
  const labels = subdomain.split('.').map(compact);
  const brand = brands.find((b) => b.compact.length >= 4 && labels.includes(b.compact));
  return brand ? { imitates: brand.entry, reason: 'sous-domaine' } : null;
}

/** Hosts already assessed, per list of official domains (the default list, or a caller's). */
const assessedHosts = new WeakMap<readonly OfficialDomain[], (rawHost: string) => HostAssessment>();

/**
 * Classifies a host: official, look-alike of an official one (and how), shortener, IP address…
 * Remembered per list: the same hosts recur from message to message. The result is read-only.
 */
export function assessHost(rawHost: string, officials: readonly OfficialDomain[]): HostAssessment {
  let assess = assessedHosts.get(officials);
  if (!assess) {
    assess = boundedMemo(5_000, (host) => assessHostOnce(host, officials));
    assessedHosts.set(officials, assess);
  }
  return assess(rawHost);
}

function assessHostOnce(rawHost: string, officials: readonly OfficialDomain[]): HostAssessment {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  const displayHost = hostToUnicode(host);
  const internationalized = displayHost !== host || /[^\x20-\x7e]/.test(host);
  const parsed = parseHost(host);
  const base = {
    host,
    displayHost,
    registrableDomain: parsed.isIp ? host : parsed.domain,
    isIp: parsed.isIp === true,
    shortener: parsed.domain !== null && (SHORTENER_DOMAINS.has(parsed.domain) || SHORTENER_DOMAINS.has(host)),
    internationalized,
    riskyTld: parsed.publicSuffix !== null && RISKY_TLDS.has(parsed.publicSuffix),
  };
  const official = findOfficialDomain(host, officials);
  if (official) return { ...base, official };
  if (parsed.isIp || parsed.domainWithoutSuffix === null) return base;
  // Under gouv.fr only the State registers names: never a look-alike, but not known either.
  const restricted = findRestrictedSuffix(host);
  if (restricted) return { ...base, unlistedRestricted: restricted };
  const reported = knownImpersonation(host);
  if (reported) return { ...base, lookalike: { imitates: reported, reason: 'sosie-signale' } };
  if (parsed.domain !== null && ownedByOfficial(parsed.domain, officials)) {
    const twin = internationalized ? findOfficialDomain(foldScripts(displayHost), officials) : undefined;
    return twin ? { ...base, lookalike: { imitates: twin, reason: 'homoglyphe' } } : base;
  }
  const brands = brandsOf(officials);
  const lookalike =
    subdomainLookalike(parsed.subdomain ?? '', brands, officials) ??
    foldedLookalike(displayHost, internationalized, brands, officials) ??
    labelLookalike(parsed.domainWithoutSuffix, brands, false);
  return lookalike ? { ...base, lookalike } : base;
}

function foldedLookalike(
  displayHost: string,
  internationalized: boolean,
  brands: readonly Brand[],
  officials: readonly OfficialDomain[],
): Lookalike | null {
  if (!internationalized) return null;
  const folded = foldScripts(displayHost);
  const officialTwin = findOfficialDomain(folded, officials);
  if (officialTwin) return { imitates: officialTwin, reason: 'homoglyphe' };
  const label = parseHost(folded).domainWithoutSuffix;
  return label ? labelLookalike(label, brands, true) : null;
}
