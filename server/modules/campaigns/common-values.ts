// Values that never link reports: shared by countless unrelated messages, or the Ordre's and public
// services' own. Pure. Such indicators are recorded (status « commun ») but never group anything.

import { FREEMAIL_DOMAINS, GOUV_BRANDS, DEFAULT_OFFICIAL_DOMAINS, SHORTENER_DOMAINS, TRACKING_DOMAINS } from '../../../analysis/messages/links/official-domains.js';
import { ORGANISATIONS } from '../../../analysis/messages/organisations.js';
import { OFFICIAL_SHORT_NUMBERS } from '../../../analysis/messages/phones/extract-phones.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';
import { foldForSearch } from '../../platform/text/fold.js';

/**
 * The Ordre's own numbers, which scammers display (spoofed) and doctors quote in their reports (« j'ai
 * rappelé l'Ordre au… »). A départemental council's switchboard belongs here too as soon as it appears
 * in reports. Public services' short numbers (3646…) come from the analysis engine's list.
 */
export const ORDRE_PHONE_NUMBERS: ReadonlySet<string> = new Set([
  '+33153893200', // Conseil national de l'Ordre des médecins, standard
]);

/** Free mail providers under any extension (hotmail.be, yahoo.co.uk…), besides the analysis list. */
const FREEMAIL_FAMILIES = /^(hotmail|outlook|live|yahoo|gmx|aol|msn)\.[a-z]{2,3}(\.[a-z]{2})?$/;

/**
 * Platforms whose registrable domain is shared by unrelated sites and documents (a phishing page on
 * a free host, a shared cloud document): the domain says nothing, the full URL still links.
 */
const SHARED_PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'google.com', 'googleusercontent.com', 'forms.gle', 'microsoft.com', 'office.com', 'sharepoint.com', 'live.net',
  'apple.com', 'facebook.com', 'whatsapp.com', 'wa.me', 'youtube.com', 'linkedin.com', 'dropbox.com',
  'wixsite.com', 'weebly.com', 'github.io', 'web.app', 'firebaseapp.com', 'netlify.app', 'pages.dev', 'workers.dev',
  '000webhostapp.com', 'godaddysites.com', 'square.site', 'webflow.io', 'blogspot.com', 'wordpress.com',
]);

const OFFICIAL_DOMAINS: readonly string[] = [...DEFAULT_OFFICIAL_DOMAINS, ...GOUV_BRANDS].map((d) => d.domain);

/** A domain of the analysis engine's official list, or below one (« conseil75.medecin.fr »). */
export function isOfficialDomain(domain: string): boolean {
  return OFFICIAL_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

const STOP_WORDS: ReadonlySet<string> = new Set([
  'le', 'la', 'les', 'l', 'de', 'du', 'des', 'd', 'et', 'en', 'au', 'aux', 'a', 'un', 'une', 'pour', 'par', 'sur', 'the', 'of',
]);

/** An organisation name as compared: folded, without articles and prepositions, at most 200 characters. */
export function normaliseOrganisation(name: string): string {
  return foldForSearch(name)
    .split(' ')
    .filter((w) => w !== '' && !STOP_WORDS.has(w))
    .join(' ')
    .slice(0, 200)
    .trim();
}

/**
 * Real bodies scammers claim to be: their name links nothing (every fake Assurance Maladie SMS names
 * it). The invented « direction régionale de la certification » is not one of them: its name does link.
 */
const REAL_ORGANISATION_NAMES: ReadonlySet<string> = new Set(
  [
    ...ORGANISATIONS.filter((o) => o.id !== 'direction_regionale_certification').flatMap((o) => [o.label, ...o.names.filter((n): n is string => typeof n === 'string')]),
    ...DEFAULT_OFFICIAL_DOMAINS.map((d) => d.organisation),
    ...GOUV_BRANDS.map((d) => d.organisation),
  ]
    .map((name) => normaliseOrganisation(name.replace(/"/g, '')))
    .filter((name) => name !== ''),
);

function domainOf(value: string): string {
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Whether a normalised indicator is a common value that must never link reports. */
export function isCommonValue(kind: IndicatorKind, value: string): boolean {
  switch (kind) {
    case 'phone':
      return ORDRE_PHONE_NUMBERS.has(value) || OFFICIAL_SHORT_NUMBERS.has(value);
    case 'domain':
      return (
        FREEMAIL_DOMAINS.has(value) || FREEMAIL_FAMILIES.test(value) || SHORTENER_DOMAINS.has(value) || TRACKING_DOMAINS.has(value) ||
        SHARED_PLATFORM_DOMAINS.has(value) || isOfficialDomain(value)
      );
    case 'email':
      return isOfficialDomain(value.slice(value.lastIndexOf('@') + 1));
    case 'url':
      return isOfficialDomain(domainOf(value));
    case 'organisation':
      return REAL_ORGANISATION_NAMES.has(value);
  }
}
