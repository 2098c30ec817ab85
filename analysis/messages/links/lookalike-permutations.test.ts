import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { REGISTERED_HOSTS } from '../official/register.js';
import { assessHost } from './lookalike.js';
import { DEFAULT_OFFICIAL_DOMAINS, findOfficialDomain, imitatedNames } from './official-domains.js';

// Issue 10, item 4: look-alike detection of the official domains keeps ≥ 95 % on typo, homoglyph,
// insertion, hyphenation and TLD-swap permutations, and never flags an official host. Every domain of
// the register is permuted on the name a scammer imitates (`imitatedNames`: « agencedpc », « impots »
// for impots.gouv.fr, « ars-sante » for ars.sante.fr), then given a registrable extension.

type Kind = 'typo' | 'homoglyph' | 'insertion' | 'hyphenation' | 'tld-swap';

/** QWERTY/AZERTY neighbours used for substitutions and insertions (one each, enough for coverage). */
const NEIGHBOUR: Readonly<Record<string, string>> = {
  a: 's', b: 'v', c: 'x', d: 'f', e: 'r', f: 'g', g: 'h', h: 'j', i: 'o', j: 'k', k: 'l', l: 'k', m: 'n', n: 'b',
  o: 'p', p: 'o', q: 'w', r: 't', s: 'd', t: 'y', u: 'i', v: 'c', w: 'e', x: 'z', y: 'u', z: 'x',
  '0': '9', '1': '2', '2': '3', '3': '4', '4': '5', '5': '6', '6': '7', '7': '8', '8': '9', '9': '0',
};
/** Letters of another script drawn like a Latin one, and ASCII look-alikes. */
const CYRILLIC: Readonly<Record<string, string>> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і' };
const ASCII_LOOKALIKE: Readonly<Record<string, string>> = { l: '1', o: '0', i: 'l', m: 'rn', w: 'vv' };
const OTHER_TLDS = ['fr', 'com', 'net', 'org', 'info', 'eu', 'xyz', 'online'];

interface Target {
  readonly domain: string;
  readonly name: string;
  readonly suffix: string;
}

/** What a scammer imitates for each registered domain; a host below another registered one adds nothing. */
function targets(): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const host of REGISTERED_HOSTS) {
    const covered = REGISTERED_HOSTS.some((other) => other !== host && other.includesSubdomains && host.domain.endsWith(`.${other.domain}`));
    const name = imitatedNames(host.domain)[0] ?? '';
    if (covered || name === '' || seen.has(name)) continue;
    seen.add(name);
    const suffix = parseDomain(host.domain).publicSuffix ?? 'fr';
    // gouv.fr is reserved: the scammer's copy sits in .fr (« impots-gouv.fr » is the hyphenation case).
    out.push({ domain: host.domain, name, suffix: suffix === 'gouv.fr' ? 'fr' : suffix });
  }
  return out;
}

const isAlnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

function permutations(target: Target): Record<Kind, string[]> {
  const { name, suffix } = target;
  const host = (label: string, tld = suffix) => `${label}.${tld}`;
  const typo: string[] = [];
  const homoglyph: string[] = [];
  const insertion: string[] = [];
  const hyphenation: string[] = [];
  for (let i = 0; i < name.length; i += 1) {
    const c = name[i] as string;
    if (!isAlnum(c)) continue;
    typo.push(host(name.slice(0, i) + name.slice(i + 1)));
    typo.push(host(name.slice(0, i) + (NEIGHBOUR[c] ?? c) + name.slice(i + 1)));
    if (isAlnum(name[i + 1]) && name[i + 1] !== c) typo.push(host(name.slice(0, i) + name[i + 1] + c + name.slice(i + 2)));
    if (CYRILLIC[c]) homoglyph.push(domainToASCII(host(name.slice(0, i) + CYRILLIC[c] + name.slice(i + 1))));
    if (ASCII_LOOKALIKE[c]) homoglyph.push(host(name.slice(0, i) + ASCII_LOOKALIKE[c] + name.slice(i + 1)));
    insertion.push(host(name.slice(0, i + 1) + c + name.slice(i + 1)));
    insertion.push(host(name.slice(0, i + 1) + (NEIGHBOUR[c] ?? 'x') + name.slice(i + 1)));
    if (i > 0 && isAlnum(name[i - 1])) hyphenation.push(host(`${name.slice(0, i)}-${name.slice(i)}`));
  }
  if (target.domain.endsWith('.gouv.fr')) hyphenation.push(`${name}-gouv.fr`);
  const tldSwap = OTHER_TLDS.filter((tld) => tld !== suffix || target.domain.endsWith('.gouv.fr')).map((tld) => host(name, tld));
  return { typo, homoglyph, insertion, hyphenation, 'tld-swap': tldSwap };
}

const official = (host: string) => findOfficialDomain(host, DEFAULT_OFFICIAL_DOMAINS) !== undefined;

describe('look-alike detection on permutations of every registered domain', () => {
  const all = targets();
  const tally = new Map<Kind, { flagged: number; total: number }>();
  const misses: string[] = [];
  for (const target of all) {
    for (const [kind, hosts] of Object.entries(permutations(target)) as [Kind, string[]][]) {
      for (const candidate of new Set(hosts)) {
        if (candidate === target.domain || official(candidate)) continue; // a permutation that is itself official
        const entry = tally.get(kind) ?? { flagged: 0, total: 0 };
        entry.total += 1;
        if (assessHost(candidate, DEFAULT_OFFICIAL_DOMAINS).lookalike) entry.flagged += 1;
        else misses.push(`${kind} ${candidate} (${target.domain})`);
        tally.set(kind, entry);
      }
    }
  }

  it('flags at least 95 % of them', () => {
    let flagged = 0;
    let total = 0;
    const lines = [...tally].map(([kind, t]) => {
      flagged += t.flagged;
      total += t.total;
      return `  ${kind.padEnd(12)} ${((100 * t.flagged) / t.total).toFixed(1).padStart(5)} % (${t.flagged}/${t.total})`;
    });
    const share = flagged / total;
    process.stdout.write(
      `${[
        `Sosies des ${all.length} noms imités du registre : ${(100 * share).toFixed(1)} % signalés (${flagged}/${total})`,
        ...lines,
        `  non signalés (${misses.length}) : ${misses.slice(0, 60).join(', ')}${misses.length > 60 ? '…' : ''}`,
      ].join('\n')}\n`,
    );
    expect(all.length).toBeGreaterThan(40);
    expect(share).toBeGreaterThanOrEqual(0.95);
    for (const t of tally.values()) expect(t.flagged / t.total).toBeGreaterThanOrEqual(0.85);
  });

  it('never flags a registered host, its www., or a subdomain of an entry that includes them', () => {
    const flagged: string[] = [];
    for (const host of REGISTERED_HOSTS) {
      const hosts = [host.domain, ...(host.includesSubdomains ? [`www.${host.domain}`, `espace.${host.domain}`, `a.b.${host.domain}`] : [])];
      for (const candidate of hosts) {
        const result = assessHost(candidate, DEFAULT_OFFICIAL_DOMAINS);
        if (result.lookalike || !result.official) flagged.push(candidate);
      }
    }
    expect(flagged).toEqual([]);
  });
});
