/**
 * The shape of the register of official sources (analysis/typology/official-register.json, documented
 * in docs/official-register.md). register.ts parses the file with it at import, so a malformed value
 * (a number that is not one, a sender name a phone cannot display, a source without a date) stops the
 * engine from loading instead of silently never matching. Keys the engine does not read (notes,
 * postal addresses, `neverDoes`…) are kept as they are.
 */
import { z } from 'zod';

/**
 * A French number as the register writes it (« 01 53 89 32 00 », « 0 806 80 02 13 »,
 * « +33 1 73 60 39 39 ») in E.164 (« +33153893200 »), or the digits of a short number (« 3646 »,
 * « 33700 »); null otherwise.
 */
export function registerPhoneToE164(written: string): string | null {
  const digits = written.replace(/[\s.\-()]/g, '');
  if (/^\+33[1-9][0-9]{8}$/.test(digits)) return digits;
  if (/^0[1-9][0-9]{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^[1-9][0-9]{3,4}$/.test(digits)) return digits;
  return null;
}

const DATE = /^(?:\d{4}(?:-\d{2}){0,2}|n\.d\.)/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const nonEmpty = z.string().trim().min(1);

export const ZRegisterSource = z.looseObject({
  url: z.string().regex(/^(?:https?:\/\/\S+|seed:\S+)$/),
  title: nonEmpty,
  publisher: nonEmpty,
  /** As the stored copy shows it (« 2021-06-14 », « 2017-05 »), or « n.d. ». */
  date: z.string().regex(DATE),
  /** One of the file's `sourceKinds` (checked by ZOfficialRegister). */
  kind: nonEmpty,
  /** The day the stored copy was read for the register. */
  consulted: z.string().regex(DAY).optional(),
});

/** A value with its public source, or `source: null` and the `basis` on which it is kept. */
const ZRegisterValue = z
  .looseObject({
    value: nonEmpty,
    use: z.string().optional(),
    source: ZRegisterSource.nullable(),
    basis: z.string().optional(),
  })
  .refine((v) => v.source !== null || (v.basis?.trim().length ?? 0) > 10, { message: 'une valeur sans source doit dire sur quoi elle repose (basis)' });

const ZRegisterDomain = ZRegisterValue.and(
  z.looseObject({
    includesSubdomains: z.boolean(),
    /** Who this domain belongs to when the body groups several (the banks). */
    organisation: z.string().optional(),
    coveredBy: z.string().optional(),
  }),
);

/** A number to call or that calls: short (« 3646 », « 33700 ») or French long, written as the source writes it. */
const ZRegisterPhone = ZRegisterValue.and(
  z.looseObject({
    value: z.string().refine((v) => registerPhoneToE164(v) !== null, { message: 'ni un numéro français (0X… ou +33…) ni un numéro court' }),
    /** The département of a local number (« 80 — Somme »). */
    region: z.string().optional(),
  }),
);

/** An alphanumeric SMS sender ID: at most 11 letters, digits, spaces or « . - _ », at least one letter. */
export const SMS_SENDER_NAME = /^(?=.*[A-Za-z])[A-Za-z0-9 ._-]{1,11}$/;
const ZSmsSender = ZRegisterValue.and(z.looseObject({ value: z.string().regex(SMS_SENDER_NAME) }));

export const ZRegisterBody = z.looseObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: nonEmpty,
  /** How findings name the body (« ANTAI », « Assurance Maladie »). */
  shortName: nonEmpty,
  kind: nonEmpty,
  domains: z.array(ZRegisterDomain).optional(),
  senderAddresses: z.array(ZRegisterValue).optional(),
  contactAddresses: z.array(ZRegisterValue).optional(),
  phones: z.array(ZRegisterPhone).optional(),
  smsSenders: z.array(ZSmsSender).optional(),
  knownImpersonations: z.array(ZRegisterValue).optional(),
});

const ZRestrictedSuffix = z.looseObject({ suffix: nonEmpty, note: z.string(), source: ZRegisterSource.nullable() });

/** Every source of a body's values, where a kind not declared in `sourceKinds` would hide. */
function sourcesOf(body: TRegisterBody): TRegisterSource[] {
  const lists = [body.domains, body.senderAddresses, body.contactAddresses, body.phones, body.smsSenders, body.knownImpersonations];
  return lists.flatMap((list) => (list ?? []).flatMap((v) => (v.source ? [v.source] : [])));
}

export const ZOfficialRegister = z
  .looseObject({
    schemaVersion: z.number().int(),
    updated: z.string().regex(DAY),
    sourceKinds: z.record(z.string(), z.string()),
    restrictedSuffixes: z.array(ZRestrictedSuffix),
    bodies: z.array(ZRegisterBody),
  })
  .superRefine((register, ctx) => {
    const ids = new Set<string>();
    const numbers = new Map<string, string>();
    for (const body of register.bodies) {
      if (ids.has(body.id)) ctx.addIssue({ code: 'custom', message: `organisme en double : ${body.id}` });
      ids.add(body.id);
      for (const source of sourcesOf(body)) {
        if (!(source.kind in register.sourceKinds)) ctx.addIssue({ code: 'custom', message: `${body.id} : type de source inconnu « ${source.kind} »` });
      }
      // A number is official for one body: the engine names that body when it meets it.
      for (const phone of body.phones ?? []) {
        const e164 = registerPhoneToE164(phone.value) ?? phone.value;
        const owner = numbers.get(e164);
        if (owner !== undefined) ctx.addIssue({ code: 'custom', message: `${phone.value} inscrit pour ${owner} et ${body.id}` });
        numbers.set(e164, body.id);
      }
    }
  });

export type TRegisterSource = z.infer<typeof ZRegisterSource>;
export type TRegisterValue = z.infer<typeof ZRegisterValue>;
export type TRegisterBody = z.infer<typeof ZRegisterBody>;
export type TOfficialRegister = z.infer<typeof ZOfficialRegister>;
