import type { Span } from '../../engine/normalize.js';
import { ORDRE_FACTS } from '../facts.js';
import { assessHost } from '../links/lookalike.js';
import type { OfficialDomain } from '../links/official-domains.js';
import { findOfficialDomain, FREEMAIL_DOMAINS, isSameOrSubdomain } from '../links/official-domains.js';
import { parseHost } from '../links/parse-host.js';
import { prepareText } from '../../engine/match.js';
import type { ClaimedOrganisation, Organisation } from '../organisations.js';
import { detectOrganisations } from '../organisations.js';
import type { ScoredFinding } from '../scored-finding.js';
import { frenchList, technicalFinding } from '../scored-finding.js';
import type { AuthenticationResults } from './auth-results.js';
import type { SenderMailbox } from './parse-email.js';

export interface SenderContext {
  readonly from?: SenderMailbox;
  readonly replyTo: readonly SenderMailbox[];
  readonly returnPath?: string;
  readonly authentication: AuthenticationResults | null;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function registrable(domain: string): string {
  return parseHost(domain).domain ?? domain;
}

function spansOf(mailbox: SenderMailbox): Span[] {
  return [mailbox.nameSpan, mailbox.addressSpan].filter((s): s is Span => s !== undefined);
}

/** Organisations named in a display name (« ANDPC », « Assurance Maladie – Service client »). */
function organisationsInName(name: string): Organisation[] {
  return detectOrganisations(prepareText(name)).map((claim) => claim.organisation);
}

const ADDRESS_CHAR = /[A-Za-z0-9._+-]/;

/** An email address written inside a display name (« contact@agencedpc.fr <x@evil.com> »). */
function addressInName(name: string): string | undefined {
  const at = name.indexOf('@');
  if (at <= 0) return undefined;
  let start = at;
  while (start > 0 && ADDRESS_CHAR.test(name[start - 1] ?? '')) start -= 1;
  let end = at + 1;
  while (end < name.length && ADDRESS_CHAR.test(name[end] ?? '')) end += 1;
  let candidate = name.slice(start, end);
  while (candidate.endsWith('.')) candidate = candidate.slice(0, -1);
  return start < at && candidate.slice(at - start + 1).includes('.') ? candidate : undefined;
}

function displayNameFindings(from: SenderMailbox, claimed: readonly ClaimedOrganisation[], officials: readonly OfficialDomain[]): ScoredFinding[] {
  const domain = domainOf(from.address);
  const findings: ScoredFinding[] = [];
  // A bank has too many domains to list: its name is only contradicted by a free mail address.
  const inName = organisationsInName(from.name).filter(
    (o) => !o.domains.some((d) => isSameOrSubdomain(domain, d)) && (o.domains.length > 0 && o.sendersListed !== false || FREEMAIL_DOMAINS.has(domain)),
  );
  const embedded = addressInName(from.name);
  if (embedded && domainOf(embedded) !== domain) {
    findings.push(technicalFinding({
      ruleId: 'expediteur.adresse-dans-le-nom',
      category: 'expediteur',
      explanation: `Le nom affiché contient l’adresse « ${embedded} », mais le message vient en réalité de « ${from.address} ».`,
      evidence: spansOf(from),
      weight: 50,
    }));
  } else if (inName.length > 0 && !findOfficialDomain(domain, officials)) {
    const organisation = inName[0] as (typeof inName)[number];
    const real = organisation.domains.length > 0 ? ` : ${organisation.label} écrit depuis ${frenchList(organisation.domains)}` : '';
    findings.push(technicalFinding({
      ruleId: 'expediteur.nom-trompeur',
      category: 'expediteur',
      explanation: `Le nom affiché « ${from.name} » se réclame de ${organisation.label}, mais l’adresse réelle est « ${from.address} »${real}.`,
      evidence: spansOf(from),
      weight: FREEMAIL_DOMAINS.has(domain) ? 55 : 50,
      fact: organisation.id === 'andpc' || organisation.id === 'ans' ? ORDRE_FACTS.liens_sites_legitimes : undefined,
    }));
  } else if (FREEMAIL_DOMAINS.has(domain) && claimed.some((c) => c.organisation.publicBody)) {
    const organisation = claimed.find((c) => c.organisation.publicBody)?.organisation;
    findings.push(technicalFinding({
      ruleId: 'expediteur.messagerie-gratuite',
      category: 'expediteur',
      explanation: `Le message parle au nom de ${organisation?.label ?? 'un organisme officiel'} mais vient d’une messagerie gratuite (${domain}) : un organisme public n’écrit jamais depuis une telle adresse.`,
      evidence: spansOf(from),
      weight: 35,
    }));
  }
  const sender = assessHost(domain, officials);
  if (sender.lookalike) {
    findings.push(technicalFinding({
      ruleId: 'expediteur.domaine-sosie',
      category: 'expediteur',
      explanation: `L’adresse de l’expéditeur (${from.address}) utilise un domaine qui imite ${sender.lookalike.imitates.domain} (${sender.lookalike.imitates.organisation}).`,
      evidence: spansOf(from),
      weight: 60,
    }));
  }
  return findings;
}

function authenticationFinding(context: SenderContext, fromOfficial: boolean): ScoredFinding | null {
  const auth = context.authentication;
  const from = context.from;
  if (!auth || !from) return null;
  if (auth.dmarc === 'pass' && fromOfficial) {
    return technicalFinding({
      ruleId: 'prevention.expediteur-authentifie',
      category: 'expediteur',
      explanation: `Le serveur de réception a authentifié l’expéditeur (DMARC réussi) : le message vient bien du domaine officiel ${domainOf(from.address)}.`,
      evidence: spansOf(from),
      weight: -40,
    });
  }
  const failures: string[] = [];
  let weight = 0;
  if (auth.dmarc === 'fail') {
    failures.push('DMARC');
    weight = Math.max(weight, fromOfficial ? 70 : 45);
  }
  if (auth.spf === 'fail' || auth.spf === 'softfail') {
    failures.push(auth.spf === 'fail' ? 'SPF' : 'SPF (échec partiel)');
    weight = Math.max(weight, auth.spf === 'fail' ? (fromOfficial ? 50 : 25) : 10);
  }
  if (auth.dkim === 'fail') {
    failures.push('DKIM');
    weight = Math.max(weight, fromOfficial ? 40 : 15);
  }
  if (failures.length === 0) return null;
  const official = fromOfficial ? ' alors qu’il se présente comme venant d’un domaine officiel : l’adresse est très probablement usurpée' : '';
  return technicalFinding({
    ruleId: 'expediteur.authentification-echouee',
    category: 'expediteur',
    explanation: `Le contrôle d’authenticité de l’expéditeur a échoué (${frenchList(failures)})${official}.`,
    evidence: spansOf(from),
    weight,
  });
}

/** Checks of the sender: display name, look-alike domain, Reply-To and Return-Path, authentication. */
export function checkSender(context: SenderContext, claimed: readonly ClaimedOrganisation[], officials: readonly OfficialDomain[]): ScoredFinding[] {
  const from = context.from;
  if (!from) return [];
  const fromDomain = domainOf(from.address);
  const fromOfficial = findOfficialDomain(fromDomain, officials) !== undefined;
  const findings = displayNameFindings(from, claimed, officials);
  const otherReplyTo = context.replyTo.find((r) => registrable(domainOf(r.address)) !== registrable(fromDomain));
  if (otherReplyTo) {
    const freemail = FREEMAIL_DOMAINS.has(domainOf(otherReplyTo.address));
    findings.push(technicalFinding({
      ruleId: 'expediteur.reponse-detournee',
      category: 'expediteur',
      explanation: `Les réponses partiraient vers « ${otherReplyTo.address} », une autre adresse que celle de l’expéditeur (${from.address})${freemail ? ', de surcroît une messagerie gratuite' : ''}.`,
      evidence: [...spansOf(from), ...spansOf(otherReplyTo)],
      weight: freemail || fromOfficial ? 35 : 25,
    }));
  }
  if (fromOfficial && context.returnPath && context.returnPath.includes('@')) {
    const bounce = domainOf(context.returnPath);
    if (!findOfficialDomain(bounce, officials) && registrable(bounce) !== registrable(fromDomain)) {
      findings.push(technicalFinding({
        ruleId: 'expediteur.retour-different',
        category: 'expediteur',
        explanation: `Le message affiche un expéditeur officiel (${from.address}) mais a été envoyé depuis un autre domaine (${bounce}).`,
        evidence: spansOf(from),
        weight: 20,
      }));
    }
  }
  const authentication = authenticationFinding(context, fromOfficial);
  if (authentication) findings.push(authentication);
  return findings;
}
