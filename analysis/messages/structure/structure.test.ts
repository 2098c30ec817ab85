import { describe, expect, it } from 'vitest';
import { analyzePreparedWith, analyzeText, prepareTextMessage } from '../../analyze.js';
import { prepareText } from '../../engine/match.js';
import { VERDICT_THRESHOLDS } from '../rules/message-ruleset.js';
import { ACTIONS, MEANS, PRESSURES, PRETEXTS, PROTECTIVE_PHRASES } from './lexicon.js';
import type { MeansContext, StructureReading } from './structure.js';
import { assessCoherence, extractActions, extractMeans, extractPressure, extractPretexts, extractProtective, readStructure } from './structure.js';
import { combineWithStructure, DEFAULT_STRUCTURE_PARAMS, PROTECTIVE_RULE_ID, STRUCTURE_RULE_ID, structureOpinion } from './structure-finding.js';

const ids = (elements: readonly { id: string }[]): string[] => elements.map((e) => e.id);
const read = (text: string) => prepareText(text);

const NO_MEANS: MeansContext = { kind: 'sms', links: [], phones: [], addresses: 0, attachments: 0, senderOfficial: null, claimsOfficialBody: false };

describe('structure extractors', () => {
  it('pretext: who the message claims to be', () => {
    expect(ids(extractPretexts(read('CPAM de votre département : un avoir vous attend')))).toContain('assurance_maladie');
    expect(ids(extractPretexts(read('Votre déclaration de revenus : écart constaté par la DGFIP')))).toContain('impots');
    expect(ids(extractPretexts(read('Le transporteur n’a pas pu déposer votre colis ce matin')))).toContain('colis');
    expect(ids(extractPretexts(read('Le greffe du tribunal vous informe d’une audience')))).toContain('police_justice');
    expect(ids(extractPretexts(read('Votre heure de DPC manquante doit être justifiée')))).toContain('sante_pro');
    expect(ids(extractPretexts(read('Coucou maman, je t’écris d’un autre appareil')))).toContain('proche');
    // must not: an ordinary note names no pretext.
    expect(extractPretexts(read('Je serai en retard de dix minutes pour le déjeuner.'))).toEqual([]);
    // « ANS » must be written in capitals: « dix ans » is not the agency.
    expect(ids(extractPretexts(read('Mon fils a dix ans demain')))).not.toContain('sante_pro');
  });

  it('requested action: click, call back, pay, bank details, code, install, sign, update, reply', () => {
    expect(ids(extractActions(read('Pour finaliser, cliquez ici')))).toContain('click');
    expect(ids(extractActions(read('Merci de rappeler notre service au plus tôt')))).toContain('call_back');
    expect(ids(extractActions(read('Il reste 3 euros à régler pour la réexpédition')))).toContain('pay');
    expect(ids(extractActions(read('Indiquez votre IBAN pour recevoir la somme')))).toContain('bank_details');
    expect(ids(extractActions(read('Lisez-moi le code reçu par SMS s’il vous plaît')))).toContain('code_credentials');
    expect(ids(extractActions(read('Installez AnyDesk pour que je vérifie votre poste')))).toContain('install');
    expect(ids(extractActions(read('Signez le bon pour accord et retournez-le par fax')))).toContain('sign_form');
    expect(ids(extractActions(read('Mettez à jour votre profil avant vendredi')))).toContain('update');
    expect(ids(extractActions(read('Répondez OUI pour confirmer')))).toContain('reply');
    // must not: a request under « ne … jamais » or « ne … pas » is not a request.
    expect(ids(extractActions(read('Ne cliquez jamais sur un lien reçu par SMS')))).not.toContain('click');
    expect(ids(extractActions(read('Nous ne vous demanderons jamais votre mot de passe')))).not.toContain('code_credentials');
    expect(ids(extractActions(read('Vous n’avez pas à payer quoi que ce soit')))).not.toContain('pay');
    // …but a negation on another verb does not cancel the request that follows.
    expect(ids(extractActions(read('Si vous n’êtes pas l’auteur de ce retrait, appelez le service opposition')))).toContain('call_back');
    expect(extractActions(read('Le match de samedi est reporté à dimanche.'))).toEqual([]);
  });

  it('means named in words: link, QR code, attachment, number, reply', () => {
    expect(ids(extractMeans(read('Flashez le QR code au dos du courrier')))).toContain('qr');
    expect(ids(extractMeans(read('Vous trouverez le bordereau en pièce jointe')))).toContain('piece_jointe');
    expect(ids(extractMeans(read('Contactez-nous via le lien ci-dessous')))).toContain('lien');
    expect(ids(extractMeans(read('Écrivez-moi sur WhatsApp')))).toContain('messagerie');
    expect(extractMeans(read('Bonne soirée et à demain.'))).toEqual([]);
  });

  it('pressure: deadline, threat, loss, gain', () => {
    expect(ids(extractPressure(read('Dernier délai : sous 48h')))).toContain('delai');
    expect(ids(extractPressure(read('À défaut, votre accès sera suspendu')))).toContain('menace');
    expect(ids(extractPressure(read('Vos droits seront perdus au 31 décembre')))).toContain('perte');
    expect(ids(extractPressure(read('Un trop-perçu de 212 euros vous est dû')))).toContain('gain');
    expect(extractPressure(read('Merci pour votre accueil chaleureux.'))).toEqual([]);
  });

  it('protective framing: warnings and what the body never asks', () => {
    expect(extractProtective(read('Des tentatives d’escroquerie circulent : soyez vigilants.'))).not.toBeNull();
    expect(extractProtective(read('Votre caisse ne vous demandera jamais vos coordonnées bancaires par SMS.'))).not.toBeNull();
    expect(extractProtective(read('Signalez les messages douteux au 33700.'))).not.toBeNull();
    // must not: a scam's own negation (« ne tardez pas ») or a plain request.
    expect(extractProtective(read('Ne tardez pas, réglez les frais aujourd’hui.'))).toBeNull();
    expect(extractProtective(read('Aucun frais à avancer, rappelez ce numéro.'))).toBeNull();
  });

  it('coherence: a claimed body with a means that is not its own', () => {
    const pretexts = extractPretexts(read('Assurance Maladie : remboursement en attente'));
    const link = { span: { start: 0, end: 1 }, official: false, tracking: false, lookalike: false };
    expect(assessCoherence(pretexts, { ...NO_MEANS, links: [link] }).incoherent).toHaveLength(1);
    expect(assessCoherence(pretexts, { ...NO_MEANS, links: [{ ...link, official: true }] })).toEqual({ incoherent: [], officialMeansOnly: true });
    const mobile = { span: { start: 0, end: 1 }, category: 'mobile', official: false };
    expect(assessCoherence(pretexts, { ...NO_MEANS, phones: [mobile] }).incoherent).toHaveLength(1);
    // A supplier or a friend with a mobile number is not incoherent: no public body is claimed.
    expect(assessCoherence(extractPretexts(read('Votre fournisseur de gants')), { ...NO_MEANS, phones: [mobile] }).incoherent).toHaveLength(0);
    // A premium number is incoherent whoever speaks.
    expect(assessCoherence([], { ...NO_MEANS, phones: [{ ...mobile, category: 'surtaxe' }] }).incoherent).toHaveLength(1);
  });

  it('writes only phrases: no regular expression, so the cost stays linear', () => {
    const all = [...PRETEXTS, ...ACTIONS, ...MEANS, ...PRESSURES].flatMap((e) => e.phrases).concat(PROTECTIVE_PHRASES);
    expect(all.every((e) => typeof e === 'string')).toBe(true);
    const text = `${'payez vite colis ameli cliquez '.repeat(20_000)}`;
    const start = performance.now();
    const reading = readStructure(prepareText(text), { ...NO_MEANS, kind: 'email' });
    expect(reading.actions.length).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});

describe('structural scorer and its combination', () => {
  const reading = (text: string, context: Partial<MeansContext> = {}): StructureReading => readStructure(prepareText(text), { ...NO_MEANS, ...context });

  it('names what the message wants', () => {
    const link = { span: { start: 0, end: 1 }, official: false, tracking: false, lookalike: false };
    const opinion = structureOpinion(reading('Assurance Maladie : réglez les frais d’envoi de votre carte sous 24h', { links: [link] }));
    expect(opinion.scheme?.finding.ruleId).toBe(STRUCTURE_RULE_ID);
    expect(opinion.scheme?.finding.explanation).toContain('Le message se présente comme l’Assurance Maladie, vous demande de payer via un lien qui n’appartient pas à l’organisme, sous un délai');
    expect(opinion.incoherent).toBe(true);
  });

  it('is no scheme without a pretext, a request, or pressure', () => {
    expect(structureOpinion(reading('Réglez la somme sous 24h', { addresses: 1 })).scheme).toBeNull();
    expect(structureOpinion(reading('Assurance Maladie : votre attestation est disponible', { addresses: 1 })).scheme).toBeNull();
    expect(structureOpinion(reading('Assurance Maladie : mettez à jour votre carte', { addresses: 1 })).scheme).toBeNull();
  });

  it('reads a prevention notice as protective, not as a scheme', () => {
    const opinion = structureOpinion(reading('Votre caisse ne vous demandera jamais de payer par SMS. Des faux messages circulent en ce moment, ne cliquez pas.'));
    expect(opinion.scheme).toBeNull();
    expect(opinion.protective?.finding.ruleId).toBe(PROTECTIVE_RULE_ID);
    expect(opinion.protective?.finding.weight).toBeLessThan(0);
  });

  it('never makes « fraude probable » alone without an incoherent means', () => {
    const opinion = structureOpinion(reading('Assurance Maladie : réglez les frais d’envoi sous 24h, sinon suspension', { addresses: 1 }));
    expect(opinion.scheme).not.toBeNull();
    expect(opinion.incoherent).toBe(false);
    for (const rulesScore of [0, 10, 29]) {
      expect(combineWithStructure(rulesScore, rulesScore, 100, opinion, VERDICT_THRESHOLDS)).toBeLessThan(VERDICT_THRESHOLDS.fraudeProbable);
    }
    // With rules already at « suspect », or an incoherent means, it may.
    expect(combineWithStructure(40, 40, 70, opinion, VERDICT_THRESHOLDS)).toBe(70);
    const link = { span: { start: 0, end: 1 }, official: false, tracking: false, lookalike: false };
    const incoherent = structureOpinion(reading('Assurance Maladie : réglez les frais d’envoi sous 24h', { links: [link] }));
    expect(combineWithStructure(0, 0, 70, incoherent, VERDICT_THRESHOLDS)).toBe(70);
    // Never lowers the score.
    expect(combineWithStructure(50, 50, 20, opinion, VERDICT_THRESHOLDS)).toBe(50);
  });

  it('in analyze: a new wording with an off-site link is caught; the same text with structure off is weaker', () => {
    const text = 'Assurance Maladie — il reste 2,10 € d’affranchissement pour l’expédition de votre nouvelle carte. Acquittez-les via https://envoi-carte-assure.net sous 48 heures.';
    const withStructure = analyzeText({ kind: 'sms', text }, { model: null });
    const without = analyzePreparedWith(prepareTextMessage({ kind: 'sms', text }), { model: null }, { ...DEFAULT_STRUCTURE_PARAMS, enabled: false });
    expect(withStructure.findings.map((f) => f.ruleId)).toContain(STRUCTURE_RULE_ID);
    expect(withStructure.score).toBeGreaterThanOrEqual(without.score);
    expect(withStructure.verdict).not.toBe('aucun_signal');
  });

  it('in analyze: structure alone, without an incoherent means or rule support, stops at « suspect »', () => {
    // No link, no number, no rule expected to see much: only the structure (and no model).
    const text = 'Bonjour, ici le greffe du tribunal. Merci de transmettre la copie demandée par retour avant ce soir, sinon poursuites.';
    const result = analyzeText({ kind: 'sms', text }, { model: null });
    const rulesOnly = analyzePreparedWith(prepareTextMessage({ kind: 'sms', text }), { model: null }, { ...DEFAULT_STRUCTURE_PARAMS, enabled: false });
    if (rulesOnly.score < VERDICT_THRESHOLDS.suspect) expect(result.verdict).not.toBe('fraude_probable');
  });

  it('in analyze: a prevention notice is not flagged', () => {
    const text = 'Message de votre caisse : nous ne vous demanderons jamais vos coordonnées bancaires ni vos codes par SMS ou par téléphone. Des campagnes d’hameçonnage sont en cours, soyez vigilants et signalez-les au 33700.';
    expect(analyzeText({ kind: 'sms', text }).verdict).toBe('aucun_signal');
  });
});
