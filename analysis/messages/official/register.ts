/**
 * The register of official sources (analysis/typology/official-register.json, documented in
 * docs/official-register.md), read once at import: a static JSON import, no file access at run time.
 * Everything the engine knows about genuine hosts, senders, numbers and SMS sender names comes from
 * it; this module only reshapes it.
 */
import registerData from '../../typology/official-register.json' with { type: 'json' };
import type { TOfficialRegister, TRegisterBody, TRegisterValue } from './register-schema.js';
import { registerPhoneToE164, ZOfficialRegister } from './register-schema.js';

/** The register, checked against its schema once at import: a malformed entry fails loudly here. */
export const OFFICIAL_REGISTER: TOfficialRegister = ZOfficialRegister.parse(registerData);

/** A genuine host of the register, with the body it belongs to. */
export interface RegisteredHost {
  readonly domain: string;
  readonly includesSubdomains: boolean;
  readonly organisation: string;
  readonly bodyId: string;
}

export const REGISTERED_HOSTS: readonly RegisteredHost[] = OFFICIAL_REGISTER.bodies.flatMap((body) =>
  (body.domains ?? []).map((entry) => ({
    domain: entry.value.toLowerCase(),
    includesSubdomains: entry.includesSubdomains,
    organisation: entry.organisation ?? body.shortName,
    bodyId: body.id,
  })),
);

/** Suffixes reserved to public bodies (gouv.fr): a host below one, absent from the register, is « à vérifier ». */
export const RESTRICTED_SUFFIXES: readonly string[] = OFFICIAL_REGISTER.restrictedSuffixes.map((s) => s.suffix.toLowerCase());

function addressesOf(pick: (body: TRegisterBody) => readonly TRegisterValue[] | undefined): ReadonlyMap<string, string> {
  return new Map(OFFICIAL_REGISTER.bodies.flatMap((body) => (pick(body) ?? []).map((v) => [v.value.toLowerCase(), body.shortName] as const)));
}

/** Genuine sender addresses (lower case) → body. */
export const OFFICIAL_SENDER_ADDRESSES: ReadonlyMap<string, string> = addressesOf((b) => b.senderAddresses);
/** Genuine contact addresses (lower case) → body: where a body asks to be written to. */
export const OFFICIAL_CONTACT_ADDRESSES: ReadonlyMap<string, string> = addressesOf((b) => b.contactAddresses);

/** Domains genuine mail comes from (the domain part of every sender address), lower case. */
export const OFFICIAL_SENDER_DOMAINS: ReadonlySet<string> = new Set(
  [...OFFICIAL_SENDER_ADDRESSES.keys()].map((address) => address.slice(address.lastIndexOf('@') + 1)),
);

/** Genuine numbers (E.164, or the digits of a short number) → body. */
export const OFFICIAL_PHONES: ReadonlyMap<string, string> = new Map(
  OFFICIAL_REGISTER.bodies.flatMap((body) =>
    (body.phones ?? []).flatMap((p) => {
      const e164 = registerPhoneToE164(p.value);
      return e164 ? [[e164, body.shortName] as const] : [];
    }),
  ),
);

/** Genuine SMS sender names (as displayed, compared case-insensitively) → body. */
export const OFFICIAL_SMS_SENDERS: ReadonlyMap<string, string> = new Map(
  OFFICIAL_REGISTER.bodies.flatMap((body) => (body.smsSenders ?? []).map((s) => [s.value.toLowerCase(), body.shortName] as const)),
);

/** Impostor domains named by a public source, with the body they imitate. */
export const KNOWN_IMPERSONATIONS: ReadonlyMap<string, string> = new Map(
  OFFICIAL_REGISTER.bodies.flatMap((body) => (body.knownImpersonations ?? []).map((k) => [k.value.toLowerCase(), body.id] as const)),
);
