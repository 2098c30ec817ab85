import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import { fieldError } from '../../platform/errors.js';

/** A phone number as typed (« 06 12 34 56 78 », « +33 6… ») in E.164, or a French field error. */
export function toE164(value: string, field: string): string {
  const parsed = parsePhoneNumberFromString(value, 'FR');
  if (!parsed || !parsed.isValid()) throw fieldError(field, `Numéro de téléphone invalide : « ${value} ».`);
  return parsed.number;
}

export function phoneCountry(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

// Throw-away mailbox providers: a council never writes to a doctor there. The list is the community one
// (github.com/disposable-email-domains), kept up to date by bumping `disposable-email-domains-js`; read once,
// as the package's own check rebuilds its Set of thousands of domains on every call.
const DISPOSABLE_EMAIL_DOMAINS = disposableEmailBlocklistSet();
// Domains of Vigie's former hand-written list that the community list does not carry (it leaves some services
// out on purpose, or has not listed them yet): kept, so that no address held before is let through now.
const LOCAL_DISPOSABLE_EMAIL_DOMAINS = new Set(['tempmail.com', 'mail-temp.com', 'burnermail.io']);

/** Whether the address belongs to a throw-away mailbox service (community list plus a local supplement). */
export function isDisposableEmail(email: string): boolean {
  const domain = email.split('@')[1] ?? '';
  return DISPOSABLE_EMAIL_DOMAINS.has(domain) || LOCAL_DISPOSABLE_EMAIL_DOMAINS.has(domain);
}

/** French numbering plan areas (metropole and overseas) where a doctor of the register would answer. */
const FRENCH_COUNTRIES = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'MC']);
export function isForeignPhone(e164: string): boolean {
  const country = phoneCountry(e164);
  return country !== undefined && !FRENCH_COUNTRIES.has(country);
}
