import type { ClaimedOrganisation } from '../organisations.js';
import type { ScoredFinding } from '../scored-finding.js';
import { technicalFinding } from '../scored-finding.js';
import type { FoundPhone } from './extract-phones.js';

const regionNames = new Intl.DisplayNames(['fr'], { type: 'region' });

/** Names already asked of Intl (a few dozen countries at most): each call of `of` showed in profiles. */
const countryNames = new Map<string, string>();

function countryName(code: string | undefined): string {
  if (!code) return 'un pays étranger';
  let name = countryNames.get(code);
  if (name === undefined) {
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      name = code;
    }
    countryNames.set(code, name);
  }
  return name;
}

/**
 * Premium-rate numbers, unknown short numbers, foreign or mobile numbers given by a « public body ».
 * A number of the register of official sources is never flagged, whatever its kind (the ANTAI's 0806,
 * a carrier's 0825, the 3237 of the pharmacies on duty).
 */
export function assessPhones(phones: readonly FoundPhone[], claimed: readonly ClaimedOrganisation[]): ScoredFinding[] {
  const findings: ScoredFinding[] = [];
  const publicBody = claimed.find((c) => c.organisation.publicBody)?.organisation;
  const seen = new Set<string>();
  for (const phone of phones) {
    if (seen.has(phone.e164) || phone.officialBody !== undefined) continue;
    seen.add(phone.e164);
    const base = { category: 'telephone' as const, evidence: [phone.evidence] };
    if (phone.category === 'surtaxe' && publicBody) {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.surtaxe-organisme', weight: 60, explanation: `Le message se réclame de ${publicBody.label} mais donne un numéro surtaxé (08 9x) : aucun organisme public n’utilise ces numéros, et vous rappeler rapporte de l’argent à l’escroc.` }));
    } else if (phone.category === 'surtaxe') {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.surtaxe', weight: 45, explanation: 'Le numéro donné est surtaxé (08 9x) : vous rappeler rapporte de l’argent à l’escroc. Aucun organisme public n’utilise ces numéros.' }));
    } else if (phone.category === 'majore') {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.majore', weight: 10, explanation: 'Le numéro donné est à tarification majorée (08 1x, 08 2x) : vérifiez-le sur le site officiel de l’organisme avant d’appeler.' }));
    } else if (phone.category === 'court') {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.numero-court-inconnu', weight: 15, explanation: `Le numéro court ${phone.e164} n’est pas un numéro de service public connu ; les numéros courts peuvent être surtaxés.` }));
    } else if (phone.category === 'etranger' && publicBody) {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.etranger-organisme', weight: 35, explanation: `Le message se réclame de ${publicBody.label} mais donne un numéro étranger (${countryName(phone.country)}) : un organisme public français n’appelle pas depuis l’étranger.` }));
    } else if (phone.category === 'etranger') {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.etranger', weight: 10, explanation: `Le numéro est étranger (${countryName(phone.country)}) : méfiance si l’appelant prétend représenter un organisme français.` }));
    } else if (phone.category === 'mobile' && publicBody) {
      findings.push(technicalFinding({ ...base, ruleId: 'telephone.mobile-organisme', weight: 20, explanation: `Le message se réclame de ${publicBody.label} mais donne un numéro de portable : un organisme public communique ses numéros officiels, pas des portables.` }));
    }
  }
  return findings;
}
