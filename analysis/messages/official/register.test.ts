import { describe, expect, it } from 'vitest';
import registerData from '../../typology/official-register.json' with { type: 'json' };
import { assessHost } from '../links/lookalike.js';
import { DEFAULT_OFFICIAL_DOMAINS, findOfficialDomain } from '../links/official-domains.js';
import { prepareText } from '../../engine/match.js';
import { detectOrganisations } from '../organisations.js';
import { extractPhones, OFFICIAL_SHORT_NUMBERS } from '../phones/extract-phones.js';
import { assessPhones } from '../phones/phone-findings.js';
import {
  OFFICIAL_CONTACT_ADDRESSES,
  OFFICIAL_PHONES,
  OFFICIAL_REGISTER,
  OFFICIAL_SENDER_ADDRESSES,
  OFFICIAL_SENDER_DOMAINS,
  OFFICIAL_SMS_SENDERS,
} from './register.js';
import type { TRegisterBody as RegisterBody, TRegisterValue as RegisterValue } from './register-schema.js';
import { registerPhoneToE164, SMS_SENDER_NAME } from './register-schema.js';

// One test per value of the register (issue 10, item 4): it names its public source (or says why it
// has none), it is well formed, and the engine recognises it as official.

const SOURCE_KINDS = new Set(Object.keys(registerData.sourceKinds));
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const ADDRESS = /^[a-z0-9._+-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;

const official = (host: string) => findOfficialDomain(host, DEFAULT_OFFICIAL_DOMAINS);
const assess = (host: string) => assessHost(host, DEFAULT_OFFICIAL_DOMAINS);

function expectSourced(entry: RegisterValue): void {
  if (entry.source === null) {
    expect(typeof entry.basis, `« ${entry.value} » has no source and no basis`).toBe('string');
    expect(entry.basis?.trim().length).toBeGreaterThan(10);
    return;
  }
  expect(entry.source.url).toMatch(/^(?:https?:\/\/\S+|seed:\S+)$/);
  expect(entry.source.title.trim()).not.toBe('');
  expect(entry.source.publisher.trim()).not.toBe('');
  expect(entry.source.date).toMatch(/^(?:\d{4}(?:-\d{2}){0,2}|n\.d\.)/);
  if (entry.source.consulted !== undefined) expect(entry.source.consulted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(SOURCE_KINDS.has(entry.source.kind), `unknown source kind ${entry.source.kind}`).toBe(true);
}

type Row = [string, RegisterBody, RegisterValue];

/**
 * How messages write a number: a short one whole and in two groups (« 3646 », « 36 46 », « 33 700 »),
 * a long one in pairs, glued, in the 0 809 401 401 grouping and in international form with spaces.
 */
function writtenForms(number: string): string[] {
  if (!number.startsWith('+')) return [number, `${number.slice(0, 2)} ${number.slice(2)}`];
  const national = `0${number.slice(3)}`;
  const pairs = national.match(/\d{2}/g)?.join(' ') ?? national;
  const significant = number.slice(3);
  return [
    pairs,
    national,
    `${national.slice(0, 1)} ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
    `+33 ${significant.slice(0, 1)} ${significant.slice(1).match(/\d{2}/g)?.join(' ')}`,
    `+33 ${significant.slice(0, 3)} ${significant.slice(3, 5)} ${significant.slice(5, 7)} ${significant.slice(7)}`,
  ];
}
const rows = (pick: (body: RegisterBody) => readonly RegisterValue[] | undefined): Row[] =>
  OFFICIAL_REGISTER.bodies.flatMap((body) => (pick(body) ?? []).map((entry): Row => [`${body.id}: ${entry.value}`, body, entry]));

describe('register of official sources', () => {
  it('has bodies with an id, a name and a short name', () => {
    const ids = OFFICIAL_REGISTER.bodies.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const body of OFFICIAL_REGISTER.bodies) {
      expect(body.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(body.name.trim()).not.toBe('');
      expect(body.shortName.trim()).not.toBe('');
    }
  });

  describe('domains', () => {
    it.each(rows((b) => b.domains))('%s', (_, _body, entry) => {
      const domain = entry as RegisterValue & { includesSubdomains?: unknown };
      expectSourced(entry);
      expect(entry.value).toMatch(DOMAIN);
      expect(typeof domain.includesSubdomains).toBe('boolean');
      const result = assess(entry.value);
      expect(result.official, `${entry.value} is not official for the engine`).toBeDefined();
      expect(result.lookalike).toBeUndefined();
      const below = `vigie-test.${entry.value}`;
      if (domain.includesSubdomains) {
        expect(official(below)).toBeDefined();
        expect(assess(`www.${entry.value}`).lookalike).toBeUndefined();
      } else {
        expect(official(below)).toBeUndefined();
      }
      expect(assess(below).lookalike).toBeUndefined();
    });
  });

  describe('domain patterns', () => {
    const patterns = OFFICIAL_REGISTER.bodies.flatMap((b) =>
      ((b as RegisterBody & { domainPatterns?: { pattern: string; coveredBy: string }[] }).domainPatterns ?? []).map((p: { pattern: string; coveredBy: string }) => [p.pattern, p] as const),
    );
    it.each(patterns)('%s', (_, pattern) => {
      expect(official(pattern.coveredBy)).toBeDefined();
      expect(official(pattern.pattern.replace('{NN}', '75'))).toBeDefined();
    });
  });

  describe('sender addresses', () => {
    it.each(rows((b) => b.senderAddresses))('%s', (_, _body, entry) => {
      expectSourced(entry);
      expect(entry.value).toMatch(ADDRESS);
      const domain = entry.value.slice(entry.value.lastIndexOf('@') + 1).toLowerCase();
      expect(OFFICIAL_SENDER_ADDRESSES.has(entry.value.toLowerCase())).toBe(true);
      expect(OFFICIAL_SENDER_DOMAINS.has(domain)).toBe(true);
      expect(assess(domain).official, `${domain} is not official for the engine`).toBeDefined();
    });
  });

  describe('contact addresses', () => {
    it.each(rows((b) => b.contactAddresses))('%s', (_, _body, entry) => {
      expectSourced(entry);
      expect(entry.value).toMatch(ADDRESS);
      expect(OFFICIAL_CONTACT_ADDRESSES.has(entry.value.toLowerCase())).toBe(true);
      const domain = entry.value.slice(entry.value.lastIndexOf('@') + 1).toLowerCase();
      // A contact address on a shared parent (doctolib.com) is genuine without making the parent official.
      expect(assess(domain).lookalike).toBeUndefined();
    });
  });

  describe('phones', () => {
    it.each(rows((b) => b.phones))('%s', (_, body, entry) => {
      expectSourced(entry);
      const e164 = registerPhoneToE164(entry.value);
      expect(e164, `${entry.value} is neither E.164 nor a short number`).toMatch(/^(?:\+33[1-9]\d{8}|[1-9]\d{3,4})$/);
      expect(OFFICIAL_PHONES.get(e164 ?? '')).toBe(body.shortName);
      // Every written form a message may use is read as this body's number, and never flagged, even
      // when the message claims to come from a public body.
      for (const written of writtenForms(e164 ?? '')) {
        const text = prepareText(`Assurance Maladie : pour toute question, appelez le ${written}.`);
        const phones = extractPhones(text);
        expect(phones.map((p) => [p.e164, p.officialBody]), `« ${written} »`).toEqual([[e164, body.shortName]]);
        expect(assessPhones(phones, detectOrganisations(text)), `« ${written} » is flagged`).toEqual([]);
      }
      if (!e164?.startsWith('+')) expect(OFFICIAL_SHORT_NUMBERS.has(e164 ?? '')).toBe(true);
    });
  });

  describe('SMS sender names', () => {
    it.each(rows((b) => b.smsSenders))('%s', (_, body, entry) => {
      expectSourced(entry);
      expect(entry.value).toMatch(SMS_SENDER_NAME);
      expect(OFFICIAL_SMS_SENDERS.get(entry.value.toLowerCase())).toBe(body.shortName);
    });
  });

  describe('known impersonations', () => {
    it.each(rows((b) => b.knownImpersonations))('%s', (_, body, entry) => {
      expectSourced(entry);
      expect(entry.value).toMatch(DOMAIN);
      const result = assess(entry.value);
      expect(result.official).toBeUndefined();
      expect(result.lookalike?.reason).toBe('sosie-signale');
      const imitated = OFFICIAL_REGISTER.bodies.find((b) => b.id === body.id)?.domains?.map((d) => d.value) ?? [];
      expect(imitated).toContain(result.lookalike?.imitates.domain);
    });
  });

  describe('restricted suffixes', () => {
    it.each(OFFICIAL_REGISTER.restrictedSuffixes.map((s) => [s.suffix, s] as const))('%s', (suffix, entry) => {
      expect(entry.source).not.toBeNull();
      const unknown = assess(`service-inconnu-vigie.${suffix}`);
      expect(unknown.official).toBeUndefined();
      expect(unknown.lookalike).toBeUndefined();
      expect(unknown.unlistedRestricted).toBe(suffix);
      // The suffix alone is not a whole zone of official hosts.
      expect(official(suffix)).toBeUndefined();
    });
  });

  it('is what the engine uses by default: every official domain comes from the register', () => {
    const registered = new Set(OFFICIAL_REGISTER.bodies.flatMap((b) => (b.domains ?? []).map((d) => d.value)));
    expect(DEFAULT_OFFICIAL_DOMAINS.map((d) => d.domain).filter((d) => !registered.has(d))).toEqual([]);
    expect(DEFAULT_OFFICIAL_DOMAINS).toHaveLength(registered.size);
  });
});
