import { describe, expect, it } from 'vitest';
import { priorityOf, PRIORITY_FLOORS, screenProgramme, screenSignalement, SCREENING_THRESHOLD } from './index.js';
import { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION } from './drift-lexicon.js';

const CANCER_BY_DECODING =
  'Formation de 3 jours : guérir le cancer par le décodage biologique. Le stagiaire apprend à accompagner le patient qui arrête sa chimiothérapie pour résoudre le conflit biologique à l’origine de la tumeur.';

describe('screenProgramme', () => {
  it('finds the markers of a programme promising to cure cancer by « décodage biologique », with evidence in the text', () => {
    const screening = screenProgramme(CANCER_BY_DECODING);
    expect(screening.lexiconVersion).toBe(DRIFT_LEXICON_VERSION);
    expect(screening.lexiconFingerprint).toBe(DRIFT_LEXICON_FINGERPRINT);
    expect(screening.priority).toBe('haute');
    expect(screening.score).toBeGreaterThanOrEqual(PRIORITY_FLOORS.haute);
    const families = new Set(screening.findings.map((f) => f.family));
    expect(families).toEqual(new Set(['guerison-miraculeuse', 'methode-non-validee', 'rejet-traitements']));
    for (const finding of screening.findings) {
      expect(finding.familyLabel.length).toBeGreaterThan(0);
      expect(finding.explanation.length).toBeGreaterThan(0);
      for (const span of finding.evidence) expect(CANCER_BY_DECODING.slice(span.start, span.end)).toBe(span.text);
    }
    const decoding = screening.findings.find((f) => f.ruleId === 'methode.decodage-biologique');
    expect(decoding?.evidence.map((e) => e.text)).toContain('décodage biologique');
  });

  it('gives a genuine DPC programme no finding', () => {
    const screening = screenProgramme(
      'Antibiothérapie en ville : bon usage et durées courtes. Formation de 7 h pour médecins généralistes : recommandations de la HAS, audit des prescriptions, décision partagée avec le patient.',
    );
    expect(screening).toMatchObject({ score: 0, priority: 'aucune', findings: [], aboutDrift: false });
  });

  it.each([
    ['a promise made in the negative', 'Cette formation ne prétend pas guérir le cancer : elle apprend à soulager la douleur.'],
    ['« aucune promesse de guérison »', 'Aucune promesse de guérison : la sophrologie accompagne, elle ne remplace en aucun cas la chimiothérapie.'],
    ['a limit stated', 'L’hypnose ne se substitue pas aux traitements du cancer ; elle aide à vivre la ponction.'],
  ])('does not score %s', (_case, text) => {
    expect(screenProgramme(text).score).toBeLessThan(SCREENING_THRESHOLD);
  });

  it('does not score a session about recognising drift, which names the markers to warn against them', () => {
    const screening = screenProgramme(
      'Dérives thérapeutiques et sectaires en santé : repérer et signaler. Classe virtuelle de 3 h. Les signaux d’alerte : promesse de guérir le cancer, incitation à arrêter la chimiothérapie, décodage biologique, rupture avec la famille. Orienter vers la MIVILUDES ; perte de chance et emprise.',
    );
    expect(screening.aboutDrift).toBe(true);
    expect(screening.score).toBeLessThan(SCREENING_THRESHOLD);
  });

  it('still scores a drift programme that mentions a warning word far from its markers', () => {
    const screening = screenProgramme(
      `${CANCER_BY_DECODING} Déroulé : accueil, tour de table, pratique en binômes, pratique supervisée sur des patients volontaires, rituel de clôture, questions et réponses, évaluation écrite. Note : vigilance sur les horaires.`,
    );
    expect(screening.score).toBeGreaterThanOrEqual(SCREENING_THRESHOLD);
  });
});

describe('screenSignalement', () => {
  it('reads a relative’s report of a practitioner who made a patient stop treatment', () => {
    const screening = screenSignalement('Mon père a arrêté sa chimiothérapie sur les conseils de sa kinésiologue, il ne voit plus ses enfants.');
    expect(screening.kind).toBe('signalement');
    expect(screening.score).toBeGreaterThanOrEqual(SCREENING_THRESHOLD);
    expect(screening.findings.map((f) => f.family)).toEqual(expect.arrayContaining(['rejet-traitements', 'methode-non-validee', 'emprise']));
  });

  it('reads a negation that belongs to the marker itself (« ne plus voir son médecin ») as part of it', () => {
    const screening = screenSignalement('La psychologue lui a conseillé de ne plus voir son médecin traitant.');
    expect(screening.findings.map((f) => f.ruleId)).toContain('emprise.isolement');
  });

  it('keeps what a reporter warns about: warning words do not cancel a signalement', () => {
    const screening = screenSignalement('Je signale une dérive : le formateur a présenté le décodage biologique comme un traitement du cancer.');
    expect(screening.findings.some((f) => f.ruleId === 'methode.decodage-biologique')).toBe(true);
  });

  it('gives an ordinary complaint no finding', () => {
    expect(screenSignalement('La session du 12 mars a été annulée la veille et l’organisme ne répond pas à mes courriels.').priority).toBe('aucune');
  });

  it('applies rules meant for what people report only to signalements', () => {
    const text = 'Le formateur se comporte en gourou avec les stagiaires.';
    expect(screenSignalement(text).findings.map((f) => f.ruleId)).toContain('emprise.gourou');
    expect(screenProgramme(text).findings.map((f) => f.ruleId)).not.toContain('emprise.gourou');
  });
});

describe('priority bands', () => {
  it.each([
    [0, 'aucune'],
    [1, 'basse'],
    [PRIORITY_FLOORS.moyenne - 1, 'basse'],
    [PRIORITY_FLOORS.moyenne, 'moyenne'],
    [PRIORITY_FLOORS.haute - 1, 'moyenne'],
    [PRIORITY_FLOORS.haute, 'haute'],
    [100, 'haute'],
  ] as const)('score %i is « %s »', (score, priority) => {
    expect(priorityOf(score)).toBe(priority);
  });

  it('puts the screening threshold at the floor of « moyenne »', () => {
    expect(SCREENING_THRESHOLD).toBe(PRIORITY_FLOORS.moyenne);
  });

  it('keeps a single weak marker visible at « basse », below the screening threshold', () => {
    const screening = screenProgramme('Module 4 : initiation à la naturopathie.');
    expect(screening.findings.map((f) => f.ruleId)).toEqual(['methode.pratiques-voisines']);
    expect(screening.priority).toBe('basse');
    expect(screenProgramme('Dépistage : 9 cancers colorectaux sur 10 se guérissent s’ils sont détectés tôt.').score).toBeLessThan(SCREENING_THRESHOLD);
  });
});

describe('screening of subtle drift and of hard negatives (lexicon 1.1.0)', () => {
  it.each([
    ['a rejection suggested, not said', 'Asthme de l’enfant : un protocole pour espacer les bouffées puis ranger l’inhalateur, et que dire au pneumologue.'],
    ['a hold told through the group and the fees', 'Cycle annuel autour de la fondatrice, en trois niveaux ; le contenu reste secret. Coût : 290 € par mois, non remboursable.'],
    ['a non-conventional practice offered for a serious disease', 'Réflexologie plantaire. Public : infirmiers. Jour 2 : accompagner les patients atteints de la maladie de Parkinson.'],
  ])('flags %s', (_case, text) => {
    expect(screenProgramme(text).score).toBeGreaterThanOrEqual(SCREENING_THRESHOLD);
  });

  it('flags a relative describing a change in a person', () => {
    const screening = screenSignalement('Mon frère suit un groupe en ligne : il répète mot pour mot ce qu’on lui dit et ne vient plus aux repas de famille.');
    expect(screening.findings.map((f) => f.family)).toContain('emprise');
    expect(screening.score).toBeGreaterThanOrEqual(SCREENING_THRESHOLD);
  });

  it.each([
    ['a stop decided in palliative care', 'Soins palliatifs à domicile : quand le patient informé choisit d’arrêter les traitements spécifiques, poursuivre les soins de confort.'],
    ['a practice taught without ever stopping a treatment', 'Acupuncture, diplôme interuniversitaire : l’intégrer sans jamais retarder un diagnostic ni interrompre un traitement.'],
    ['support for a refusal of treatment', 'Accompagner le patient qui refuse un traitement : les raisons du refus, dont une influence extérieure, et le repérage d’une emprise.'],
    ['complementary care with evidence', 'Naturopathie et cancer : connaître les interactions des plantes avec la chimiothérapie pour en parler avec le patient.'],
    ['a deprescription', 'Déprescription chez le sujet âgé : réduire et espacer les psychotropes avec le patient, réévaluer à trois mois.'],
  ])('does not flag %s', (_case, text) => {
    expect(screenProgramme(text).score).toBeLessThan(SCREENING_THRESHOLD);
  });
});
