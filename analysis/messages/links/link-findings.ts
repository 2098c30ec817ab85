import type { Finding } from '../../analysis.types.js';
import type { TimeBudget } from '../../engine/budget.js';
import { ORDRE_FACTS } from '../facts.js';
import type { ClaimedOrganisation } from '../organisations.js';
import type { ScoredFinding } from '../scored-finding.js';
import { frenchList, technicalFinding, wordingFinding } from '../scored-finding.js';
import type { FoundLink } from './extract-links.js';
import { MAX_LINKS, parseLinkCandidate } from './extract-links.js';
import type { HostAssessment, LookalikeReason } from './lookalike.js';
import { assessHost } from './lookalike.js';
import type { OfficialDomain } from './official-domains.js';
import { isSameOrSubdomain, TRACKING_DOMAINS } from './official-domains.js';

export const LOOKALIKE_REASON_LABELS: Readonly<Record<LookalikeReason, string>> = {
  'sous-domaine': 'le nom officiel est placé au début d’une adresse qui appartient à un autre site',
  homoglyphe: 'des caractères spéciaux ou d’un autre alphabet imitent les lettres de l’adresse officielle',
  'lettres-ressemblantes': 'des lettres qui se ressemblent remplacent les vraies (rn pour m, 1 pour l, 0 pour o…)',
  'autre-extension': 'même nom, mais une autre extension que celle du site officiel',
  'nom-accole': 'le nom officiel est accolé à d’autres mots pour faire illusion',
  inversion: 'deux lettres sont inversées',
  'faute-de-frappe': 'une lettre est changée, ajoutée ou retirée',
  'sosie-signale': 'ce domaine a été signalé publiquement comme un faux site de l’organisme',
};

/**
 * Weight of a link to an unlisted host under gouv.fr: shown to the reader (« inconnu — à vérifier »),
 * never fraud by itself, and too light to move a verdict (at most one point of score).
 */
export const UNLISTED_RESTRICTED_WEIGHT = 1;

/**
 * Words of a web path that mean « prove who you are here ». Words any genuine service uses in its
 * paths (« compte », « paiement », « reset ») are left out on purpose.
 */
const CREDENTIAL_PATH_WORDS: ReadonlySet<string> = new Set([
  'login', 'signin', 'logon', 'connexion', 'auth', 'authentification', 'verify', 'verification', 'verif', 'validation',
  'valider', 'update', 'maj', 'secure', 'securite', 'identifiant', 'identification', 'password', 'motdepasse', 'confirm',
  'confirmation', 'wp',
]);

export interface AssessedLink {
  readonly link: FoundLink;
  readonly assessment: HostAssessment;
}

export interface LinkReport {
  readonly links: readonly AssessedLink[];
  readonly findings: readonly ScoredFinding[];
}

function isTrackingHost(assessment: HostAssessment): boolean {
  return assessment.registrableDomain !== null && TRACKING_DOMAINS.has(assessment.registrableDomain);
}

function credentialWord(path: string): string | undefined {
  return path.toLowerCase().split(/[^a-z0-9]{1,100}/).find((word) => CREDENTIAL_PATH_WORDS.has(word));
}

/** Several links can trip the same check: one finding per check, naming the first link, all highlighted. */
function grouped(ruleId: string, weight: number, items: readonly AssessedLink[], explain: (first: AssessedLink) => string, extra: Partial<Finding> = {}): ScoredFinding[] {
  const first = items[0];
  if (!first) return [];
  const others = items.length > 1 ? ` (et ${items.length - 1} autre${items.length > 2 ? 's' : ''} lien${items.length > 2 ? 's' : ''})` : '';
  return [technicalFinding({
    ruleId,
    category: 'lien',
    explanation: `${explain(first)}${others}`,
    evidence: items.map((item) => item.link.evidence),
    weight,
    ...extra,
  })];
}

function displayedHostMismatch(item: AssessedLink): string | null {
  const shown = item.link.displayedText;
  if (!shown || item.link.unusualScheme) return null;
  const parsed = parseLinkCandidate(shown.trim().split(/\s/, 1)[0] ?? '');
  if (!parsed) return null;
  const shownHost = parsed.host;
  const target = item.assessment.registrableDomain ?? item.assessment.host;
  return isSameOrSubdomain(item.assessment.host, shownHost) || isSameOrSubdomain(shownHost, target) ? null : shownHost;
}

/** Assesses every link and turns what is wrong into findings; all links official is reassuring. */
export function assessLinks(
  found: readonly FoundLink[],
  claimed: readonly ClaimedOrganisation[],
  officials: readonly OfficialDomain[],
  budget: TimeBudget,
): LinkReport {
  // Most messages (SMS, call notes) have no link: nothing to check, nothing to say.
  if (found.length === 0) return { links: [], findings: [] };
  const links: AssessedLink[] = [];
  // A newsletter links to the same few hosts many times: each is assessed once.
  const assessed = new Map<string, HostAssessment>();
  for (const link of found.slice(0, MAX_LINKS)) {
    if (budget.exceeded()) break;
    const host = link.unusualScheme ? '' : link.host;
    let assessment = assessed.get(host);
    if (assessment === undefined) {
      assessment = assessHost(host, officials);
      assessed.set(host, assessment);
    }
    links.push({ link, assessment });
  }
  const web = links.filter((l) => !l.link.unusualScheme);
  const unofficial = web.filter((l) => !l.assessment.official);
  const lookalikes = unofficial.filter((l) => l.assessment.lookalike);
  const tracked = unofficial.filter((l) => isTrackingHost(l.assessment));
  // An unlisted host under gouv.fr belongs to some public body: not a look-alike, not « outside the official sites ».
  const unlistedRestricted = unofficial.filter((l) => l.assessment.unlistedRestricted !== undefined);
  const plain = unofficial.filter((l) => !l.assessment.lookalike && !isTrackingHost(l.assessment) && l.assessment.unlistedRestricted === undefined);
  const mismatches = web.filter((l) => !isTrackingHost(l.assessment) && displayedHostMismatch(l) !== null);
  const claimedWithSites = claimed.filter((c) => c.organisation.domains.length > 0);
  const findings: ScoredFinding[] = [
    ...grouped('lien.sosie', 60, lookalikes, ({ assessment: a }) => {
      const imitated = a.lookalike?.imitates;
      return `Le lien mène à ${a.displayHost}, qui imite ${imitated?.domain} (${imitated?.organisation}) : ${LOOKALIKE_REASON_LABELS[a.lookalike?.reason ?? 'nom-accole']}.`;
    }, { fact: ORDRE_FACTS.liens_sites_legitimes }),
    ...grouped('lien.texte-trompeur', 50, mismatches, (first) =>
      `Le lien affiche « ${displayedHostMismatch(first)} » mais mène en réalité à ${first.assessment.displayHost}.`),
    ...grouped('lien.suivi-envoi', 10, tracked, ({ assessment: a }) =>
      `Le lien passe par un service d’envoi en nombre (${a.registrableDomain ?? a.host}) : sa destination finale n’est pas visible ; tapez plutôt vous-même l’adresse du site officiel.`),
    ...grouped('lien.code-cache', 50, links.filter((l) => l.link.unusualScheme), ({ link }) =>
      `Le lien contient du code (${link.unusualScheme}:) au lieu d’une adresse de site : ne cliquez pas.`),
    ...grouped('lien.adresse-ip', 45, unofficial.filter((l) => l.assessment.isIp), ({ assessment: a }) =>
      `Le lien mène à une adresse IP (${a.host}) au lieu d’un nom de site : aucun organisme officiel ne fait cela.`),
    ...grouped('lien.raccourci', 30, plain.filter((l) => l.assessment.shortener), ({ assessment: a }) =>
      `Le lien passe par un raccourcisseur d’adresse (${a.host}) : sa vraie destination est cachée.`),
    ...grouped('lien.caracteres-internationaux', 20, plain.filter((l) => l.assessment.internationalized), ({ assessment: a }) =>
      `L’adresse du lien contient des caractères internationaux (${a.displayHost}), procédé utilisé pour imiter des sites connus.`),
    ...grouped('lien.page-de-connexion', 25, plain.filter((l) => credentialWord(l.link.path) !== undefined), ({ link, assessment: a }) =>
      `Le lien mène à une page « ${credentialWord(link.path)} » (connexion ou vérification) sur ${a.displayHost}, qui n’est pas un site officiel.`),
    ...grouped('lien.domaine-reserve-inconnu', UNLISTED_RESTRICTED_WEIGHT, unlistedRestricted, ({ assessment: a }) =>
      `Inconnu — à vérifier : le lien mène à ${a.displayHost}, une adresse en .${a.unlistedRestricted} réservée aux services de l’État, mais absente du registre des sources officielles de Vigie. Ce n’est pas un signe de fraude en soi ; en cas de doute, retrouvez ce site depuis service-public.fr ou le site de l’organisme plutôt que par le lien.`),
    ...grouped('lien.extension-risquee', 10, plain.filter((l) => l.assessment.riskyTld), ({ assessment: a }) =>
      `Le site ${a.displayHost} utilise une extension souvent achetée pour des sites éphémères.`),
  ];
  const outside = plain.filter((l) => !l.assessment.shortener && !l.assessment.isIp);
  const speaker = claimedWithSites.find((c) => c.speaksFor) ?? claimedWithSites[0];
  if (speaker && outside.length > 0) {
    const organisation = speaker.organisation;
    // Wording evidence: a genuine training organisation may name the ANDPC and link to its own site.
    const [finding] = grouped('lien.hors-site-officiel', speaker.speaksFor ? 35 : 20, outside, ({ assessment: a }) =>
      `Le message ${speaker.speaksFor ? 'se présente comme venant de' : 'mentionne'} ${organisation.label} mais le lien mène à ${a.displayHost}, qui n’est pas un site officiel (${organisation.label} : ${frenchList(organisation.domains)}).`,
    { fact: ORDRE_FACTS.liens_sites_legitimes });
    if (finding) findings.push(wordingFinding(finding.finding));
  }
  // A host under gouv.fr has a public owner even when the register does not name it: still reassuring.
  if (web.length > 0 && unofficial.length === unlistedRestricted.length && mismatches.length === 0 && links.length === web.length) {
    const hosts = [...new Set(web.map((l) => l.assessment.registrableDomain ?? l.assessment.host))];
    findings.push(technicalFinding({
      ruleId: 'prevention.liens-officiels',
      category: 'lien',
      explanation: unlistedRestricted.length === 0
        ? `Tous les liens mènent à des sites officiels (${frenchList(hosts.slice(0, 4))}).`
        : `Tous les liens mènent à des sites officiels ou à des adresses en .gouv.fr, réservées aux services de l’État (${frenchList(hosts.slice(0, 4))}).`,
      evidence: web.map((l) => l.link.evidence),
      weight: -25,
    }));
  }
  return { links, findings };
}
