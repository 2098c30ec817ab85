import { parsePhoneNumberFromString } from 'libphonenumber-js';
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

// Throw-away mailbox providers: a council never writes to a doctor there.
const DISPOSABLE_EMAIL_DOMAINS = new Set([
  'yopmail.com', 'yopmail.fr', 'yopmail.net', 'mailinator.com', 'guerrillamail.com', 'guerrillamail.info', 'sharklasers.com',
  '10minutemail.com', 'temp-mail.org', 'tempmail.com', 'trashmail.com', 'trashmail.fr', 'jetable.org', 'getnada.com',
  'maildrop.cc', 'dispostable.com', 'throwawaymail.com', 'fakeinbox.com', 'mohmal.com', 'emailondeck.com', 'mintemail.com',
  'spambox.us', 'tempail.com', 'tempr.email', 'discard.email', 'mail-temp.com', 'moakt.com', 'burnermail.io', 'inboxkitten.com',
]);

export function isDisposableEmail(email: string): boolean {
  return DISPOSABLE_EMAIL_DOMAINS.has(email.split('@')[1] ?? '');
}

/** French numbering plan areas (metropole and overseas) where a doctor of the register would answer. */
const FRENCH_COUNTRIES = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'MC']);
export function isForeignPhone(e164: string): boolean {
  const country = phoneCountry(e164);
  return country !== undefined && !FRENCH_COUNTRIES.has(country);
}
