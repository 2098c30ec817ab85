import type { Occurrence, PreparedText } from '../engine/match.js';
import { findExpression, mayHoldHead, mergeSpans } from '../engine/match.js';
import type { Span } from '../engine/normalize.js';
import { toOriginalSpan } from '../engine/normalize.js';
import type { CompiledExpression, Expression } from '../engine/ruleset.js';
import { compileExpression, headCodesOf } from '../engine/ruleset.js';

/**
 * Organisations a message may claim to come from, how they are named, and the domains they really
 * use. A message speaking for one of them while linking or writing from elsewhere is suspicious.
 */
export interface Organisation {
  readonly id: string;
  readonly label: string;
  readonly names: readonly Expression[];
  /** Domains the organisation writes from and links to; empty when too many to list (any bank). */
  readonly domains: readonly string[];
  /** A French public body: it never calls from abroad nor from a mobile number. */
  readonly publicBody: boolean;
  /**
   * False when the organisation also writes from domains not listed (regional banks): then only a
   * free mail sender contradicts its name, while links are still expected on the listed domains.
   */
  readonly sendersListed?: boolean;
}

export const ORGANISATIONS: readonly Organisation[] = [
  {
    id: 'ordre',
    label: 'Ordre des médecins',
    names: ['ordre des médecins', 'ordre national des médecins', "conseil national de l'ordre", "conseil départemental de l'ordre", "conseil de l'ordre", '"CNOM"', '"CDOM"', 'ordre des medecins'],
    domains: ['medecin.fr'],
    publicBody: true,
  },
  {
    id: 'andpc',
    label: 'ANDPC (Agence nationale du DPC)',
    names: ['andpc', 'agence nationale du dpc', 'agence nationale du développement professionnel continu', 'agence du dpc', 'agence dpc', 'mondpc', 'agencedpc'],
    domains: ['agencedpc.fr', 'mondpc.fr'],
    publicBody: true,
  },
  {
    id: 'ans',
    label: 'Agence du Numérique en Santé (ANS)',
    names: ['"ANS"', 'agence du numérique en santé', 'agence numérique en santé', 'esante', 'pro santé connect', 'prosanteconnect'],
    domains: ['esante.gouv.fr', 'sante.fr'],
    publicBody: true,
  },
  {
    id: 'direction_regionale_certification',
    label: '« Direction régionale de certification périodique » (n’existe pas)',
    names: ['direction régionale de certification', 'direction régionale de la certification', 'direction régionale certification'],
    domains: [],
    publicBody: true,
  },
  {
    id: 'assurance_maladie',
    label: 'Assurance Maladie (ameli)',
    names: ['assurance maladie', 'ameli', '"CPAM"', 'caisse primaire', '"CNAM"'],
    domains: ['ameli.fr', 'assurance-maladie.fr'],
    publicBody: true,
  },
  { id: 'urssaf', label: 'URSSAF', names: ['urssaf'], domains: ['urssaf.fr', 'net-entreprises.fr'], publicBody: true },
  {
    id: 'antai',
    label: 'ANTAI (amendes)',
    names: ['antai', 'agence nationale de traitement automatisé des infractions'],
    domains: ['antai.gouv.fr'],
    publicBody: true,
  },
  {
    id: 'finances_publiques',
    label: 'Finances publiques (impots.gouv.fr)',
    names: ['impots.gouv', 'finances publiques', '"DGFIP"', 'centre des impôts', 'trésor public'],
    domains: ['impots.gouv.fr'],
    publicBody: true,
  },
  {
    id: 'mon_compte_formation',
    label: 'Mon Compte Formation (CPF)',
    names: ['mon compte formation', 'moncompteformation', 'caisse des dépôts'],
    domains: ['moncompteformation.gouv.fr', 'caissedesdepots.fr'],
    publicBody: true,
  },
  {
    id: 'la_poste',
    label: 'La Poste (Colissimo, Chronopost)',
    names: ['laposte', 'colissimo', 'chronopost', 'bureau de poste'],
    domains: ['laposte.fr', 'colissimo.fr', 'chronopost.fr'],
    publicBody: false,
  },
  {
    id: 'transporteur',
    label: 'Transporteur de colis',
    names: ['"DHL"', '"UPS"', 'fedex', 'mondial relay', '"DPD"', '"GLS"'],
    domains: ['dhl.com', 'dhl.fr', 'ups.com', 'fedex.com', 'mondialrelay.fr', 'dpd.fr', 'gls-france.com'],
    publicBody: false,
  },
  {
    id: 'banque',
    label: 'Banque',
    names: ['conseiller bancaire', 'conseillère bancaire', 'service fraude', 'service des fraudes', 'crédit agricole', 'société générale', '"BNP"', '"LCL"', "caisse d'épargne", 'banque populaire', 'crédit mutuel', 'banque postale', 'boursorama'],
    domains: [
      'credit-agricole.fr', 'societegenerale.fr', 'bnpparibas', 'bnpparibas.com', 'bnpparibas.net', 'lcl.fr', 'caisse-epargne.fr',
      'banquepopulaire.fr', 'creditmutuel.fr', 'cic.fr', 'labanquepostale.fr', 'boursorama.com', 'boursobank.com',
    ],
    publicBody: false,
    sendersListed: false,
  },
  {
    id: 'forces_de_l_ordre',
    label: 'Police, gendarmerie ou justice',
    names: ['gendarmerie', 'police nationale', 'commissariat', 'officier de police', 'procureur', 'tribunal'],
    domains: ['interieur.gouv.fr', 'justice.fr'],
    publicBody: true,
  },
  {
    id: 'haute_autorite_sante',
    label: 'Haute Autorité de santé',
    names: ['haute autorité de santé'],
    domains: ['has-sante.fr'],
    publicBody: true,
  },
  {
    id: 'ars',
    label: 'Agence régionale de santé',
    names: ['agence régionale de santé', '"ARS"'],
    domains: ['sante.fr'],
    publicBody: true,
  },
];

export interface ClaimedOrganisation {
  readonly organisation: Organisation;
  readonly evidence: readonly Span[];
  /**
   * Named at the very top of the text (« ANDPC : vos droits… », the sender line of an email): the
   * message presents itself as coming from it, rather than merely mentioning it.
   */
  readonly speaksFor: boolean;
}

/** How far into the shown text a name still reads as the sender's signature line. */
const SPEAKER_ZONE = 100;

const COMPILED = ORGANISATIONS.map((organisation) => {
  const expressions = organisation.names.map(compileExpression);
  return { organisation, expressions, heads: headCodesOf(expressions) };
});

function spansOf(text: PreparedText, expressions: readonly CompiledExpression[], heads: Int32Array): Span[] {
  // Most organisations are not named: nothing is allocated for them, and their names are passed over
  // by their first words (headCodesOf).
  let occurrences: Occurrence[] | null = null;
  for (let e = 0; e < expressions.length; e += 1) {
    if (!mayHoldHead(text, heads[e] as number)) continue;
    const found = findExpression(text, expressions[e] as CompiledExpression);
    for (let i = 0; i < found.length; i += 1) (occurrences ??= []).push(found[i] as Occurrence);
  }
  if (occurrences === null) return [];
  occurrences.sort((a, b) => a.start - b.start);
  return mergeSpans(occurrences.slice(0, 5).map((o) => toOriginalSpan(text.normalized, o.start, o.end)));
}

/** Organisations named in the text, in the order of the list above. */
export function detectOrganisations(text: PreparedText): ClaimedOrganisation[] {
  const claimed: ClaimedOrganisation[] = [];
  for (const { organisation, expressions, heads } of COMPILED) {
    const evidence = spansOf(text, expressions, heads);
    if (evidence.length > 0) claimed.push({ organisation, evidence, speaksFor: (evidence[0]?.start ?? SPEAKER_ZONE) < SPEAKER_ZONE });
  }
  return claimed;
}
