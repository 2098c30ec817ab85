/**
 * The register of official sources (analysis/typology/official-register.json, documented in
 * docs/official-register.md), read once at import: a static JSON import, no file access at run time.
 * Everything the engine knows about genuine hosts, senders, numbers and SMS sender names comes from
 * it; this module only reshapes it.
 */
import registerData from '../../typology/official-register.json' with { type: 'json' };

export interface RegisterSource {
  readonly url: string;
  readonly title: string;
  readonly publisher: string;
  readonly date: string;
  readonly kind: string;
}

/** One value of the register with its public source, or `source: null` and a `basis`. */
export interface RegisterValue {
  readonly value: string;
  readonly use?: string;
  readonly source: RegisterSource | null;
  readonly basis?: string;
}

export interface RegisterDomain extends RegisterValue {
  readonly includesSubdomains: boolean;
  /** Who this domain belongs to when the body groups several (the banks). */
  readonly organisation?: string;
  readonly coveredBy?: string;
}

export interface RegisterBody {
  readonly id: string;
  readonly name: string;
  /** How findings name the body (« ANTAI », « Assurance Maladie »). */
  readonly shortName: string;
  readonly kind: string;
  readonly domains?: readonly RegisterDomain[];
  readonly senderAddresses?: readonly RegisterValue[];
  readonly contactAddresses?: readonly RegisterValue[];
  readonly phones?: readonly RegisterValue[];
  readonly smsSenders?: readonly RegisterValue[];
  readonly knownImpersonations?: readonly RegisterValue[];
}

export interface RestrictedSuffix {
  readonly suffix: string;
  readonly note: string;
  readonly source: RegisterSource | null;
}

export interface OfficialRegister {
  readonly schemaVersion: number;
  readonly updated: string;
  readonly restrictedSuffixes: readonly RestrictedSuffix[];
  readonly bodies: readonly RegisterBody[];
}

export const OFFICIAL_REGISTER: OfficialRegister = registerData as OfficialRegister;

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

function addressesOf(pick: (body: RegisterBody) => readonly RegisterValue[] | undefined): ReadonlyMap<string, string> {
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

/**
 * A French number as the register writes it (« 01 53 89 32 00 », « 0 806 80 02 13 », « 3646 ») in
 * E.164 (« +33153893200 »), or the digits of a short number (« 3646 », « 33700 »); null otherwise.
 */
export function registerPhoneToE164(written: string): string | null {
  const digits = written.replace(/[\s.\-()]/g, '');
  if (/^\+33[1-9][0-9]{8}$/.test(digits)) return digits;
  if (/^0[1-9][0-9]{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^[1-9][0-9]{3,4}$/.test(digits)) return digits;
  return null;
}

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
