import { domainToUnicode } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parse as parseDomain } from 'tldts';
import { isScamFamily, SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { isDepartementCode } from '../../../contracts/departements.js';
import type { WatchKind } from '../../../contracts/watchlists.schemas.js';
import type { Actor } from '../../platform/authz/policy.js';
import { fieldError } from '../../platform/errors.js';

// Watched values are stored in the formats report_indicators uses, so a match is an equality:
// phones in E.164, domains as the registrable domain (punycode), départements as codes, family ids.

/** The registrable domain of a host, an address or a URL (« https://www.x.co.uk/a » → « x.co.uk »); an IP stays as is. */
export function registrableDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  const parsed = parseDomain(host);
  if (parsed.isIp) return host;
  if (!host.includes('.') || !parsed.domain) return null;
  return parsed.domain;
}

export function phoneLabel(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** What a person reads for a watched value. */
export function watchLabel(kind: WatchKind, value: string): string {
  switch (kind) {
    case 'phone':
      return phoneLabel(value);
    case 'domain':
      return domainToUnicode(value) || value;
    case 'departement':
      return `Département ${value}`;
    case 'scam_family':
      return (isScamFamily(value) ? SCAM_FAMILY_LABELS[value] : undefined) ?? value;
  }
}

/**
 * Normalises what the agent typed for the kind chosen. Throws VALIDATION_FAILED on `value` for an invalid
 * number, domain, département or family, and for a département other than a departmental agent's own
 * (they would never be told of its reports).
 */
export function normaliseWatchValue(kind: WatchKind, raw: string, actor: Actor): string {
  switch (kind) {
    case 'phone': {
      const parsed = parsePhoneNumberFromString(raw, 'FR');
      if (!parsed || !parsed.isValid()) throw fieldError('value', `Numéro de téléphone invalide : « ${raw} ». Exemple : 06 12 34 56 78 ou +33 6 12 34 56 78.`);
      return parsed.number;
    }
    case 'domain': {
      const domain = registrableDomain(raw);
      if (!domain) throw fieldError('value', `Nom de domaine invalide : « ${raw} ». Exemple : ameli-remboursement.fr.`);
      return domain;
    }
    case 'departement': {
      const code = raw.trim().toUpperCase();
      if (!isDepartementCode(code)) throw fieldError('value', 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).');
      if (actor.departement !== null && actor.departement !== code) {
        throw fieldError('value', `Votre compte est rattaché au département ${actor.departement} : vous ne recevez que ses signalements.`);
      }
      return code;
    }
    case 'scam_family': {
      const id = raw.trim();
      if (!isScamFamily(id)) throw fieldError('value', "Famille d'escroquerie inconnue.");
      return id;
    }
  }
}
