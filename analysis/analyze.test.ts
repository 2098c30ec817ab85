import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzePrepared, analyzeText, extractIndicators, indicatorLookupKeys, indicatorsOf, MessageInputError, prepareMessage } from './analyze.js';

const CALL = "Un homme de la direction régionale de certification périodique a exigé de parler au médecin et a menacé de radiation si la certification n'était pas validée. Il rappellera du 08 99 12 34 56.";

describe('analyzeText', () => {
  it('gives a verdict, a family, findings grounded in the Ordre’s facts, and advice', () => {
    const analysis = analyzeText({ kind: 'call', text: CALL, receivedAt: '2026-01-12T10:00:00Z' });
    expect(analysis.verdict).toBe('fraude_probable');
    expect(analysis.verdictLabel).toBe('Fraude probable');
    expect(analysis.family?.id).toBe('certification_periodique');
    const fake = analysis.findings.find((f) => f.ruleId === 'certification.direction-regionale');
    expect(fake?.fact?.text).toContain('n’existe pas');
    expect(fake?.evidence.map((s) => CALL.slice(s.start, s.end))).toEqual(['régionale de certification']);
    expect(analysis.findings.map((f) => f.ruleId)).toContain('telephone.surtaxe-organisme');
    expect(analysis.advice.map((a) => a.id).slice(0, 3)).toEqual(['raccrocher', 'bloquer', 'signaler_ordre']);
    expect(analysis.rulesetVersion).toMatch(/^messages@\d+\.\d+\.\d+#[0-9a-f]{8}$/);
    expect(analysis.receivedAt).toBe('2026-01-12T10:00:00Z');
    expect(analysis.complete).toBe(true);
    expect(analysis.findings.map((f) => f.weight)).toEqual([...analysis.findings.map((f) => f.weight)].sort((a, b) => b - a));
  });

  it('reassures on a genuine message with official links, and says to stay careful', () => {
    const analysis = analyzeText({ kind: 'email', text: 'Le forfait DPC 2026 est ouvert : inscrivez-vous sur https://www.mondpc.fr.' });
    expect(analysis.verdict).toBe('aucun_signal');
    expect(analysis.family).toBeNull();
    expect(analysis.advice.map((a) => a.id)).toEqual(['prudence', 'verifier_attendu', 'verifier_demande', 'verifier_liens', 'verifier_contact']);
  });

  it('analyses a bare link and a bare number without reading organisations into them', () => {
    const link = analyzeText({ kind: 'link', text: 'https://ameli-remboursement.com/assure' });
    expect(link.findings.map((f) => f.ruleId)).toEqual(['lien.sosie']);
    expect(link.indicators.organisations).toEqual([]);
    const phone = analyzeText({ kind: 'phone', text: '+44 20 7946 0958' });
    expect(phone.indicators.phones[0]).toMatchObject({ e164: '+442079460958', country: 'GB', category: 'etranger' });
  });

  it('reports numbers and sites already reported, without saying by whom', () => {
    const known = new Map([['+33899123456', { reports: 14, campaign: 'Faux contrôle certification – hiver' }]]);
    const analysis = analyzeText({ kind: 'sms', text: 'Rappelez le 08 99 12 34 56.' }, { knownIndicators: known });
    const finding = analysis.findings.find((f) => f.ruleId === 'signalements.deja-signale');
    expect(finding?.explanation).toBe('Ce numéro a déjà été signalé 14 fois à l’Ordre des médecins via Vigie (campagne « Faux contrôle certification – hiver »).');
    expect(analysis.verdict).toBe('fraude_probable');
  });

  it('sees through disguised words and says they were disguised', () => {
    const text = 'СЕRTIFICATION non validée : votre r a d 1 a t i o n est prévue.';
    const analysis = analyzeText({ kind: 'sms', text });
    expect(analysis.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['certification.menace-radiation', 'dissimulation.mots-deguises']));
    const disguise = analysis.findings.find((f) => f.ruleId === 'dissimulation.mots-deguises');
    expect(disguise?.evidence.map((s) => text.slice(s.start, s.end))).toEqual(['СЕRTIFICATION', 'r a d 1 a t i o n']);
    const acronym = analyzeText({ kind: 'sms', text: 'Webinaire de l’A.N.D.P.C. sur la certification le 12 mars.' });
    expect(acronym.findings.map((f) => f.ruleId)).not.toContain('dissimulation.mots-deguises');
  });

  it('stops matching when the injected clock passes the budget, and says so', () => {
    let clock = 0;
    const analysis = analyzeText({ kind: 'sms', text: CALL }, { now: () => (clock += 10), budgetMs: 50 });
    expect(analysis.complete).toBe(false);
    expect(analysis.notices.join(' ')).toContain('Analyse interrompue');
  });

  it('cuts texts over the limit and says so', () => {
    const analysis = analyzeText({ kind: 'sms', text: 'a'.repeat(300) }, { maxTextLength: 100 });
    expect(analysis.shownText).toHaveLength(100);
    expect(analysis.complete).toBe(false);
    expect(analysis.notices[0]).toContain('seul le début');
  });

  it('refuses an unknown kind or an empty message with a French message', () => {
    expect(() => analyzeText({ kind: 'fax' as 'sms', text: 'x' })).toThrow(MessageInputError);
    expect(() => analyzeText({ kind: 'sms' })).toThrow(/vide/);
    for (const text of ['', '   ', '\n\t', '\u200b\u200d\ufeff']) expect(() => analyzeText({ kind: 'sms', text })).toThrow(/Le message est vide/);
  });

  it('keeps every evidence span inside the shown text, whatever the input', () => {
    const pieces = fc.constantFrom('radiation ', 'r a d i a t i o n ', 'СЕRTIFICATION ', 'https://agencedpc-validation.fr/login ', '08 99 12 34 56 ', 'code ', 'transmettez-moi ', '\u200b', 'é', ' ', 'www.ameli.fr ', 'cotisation impayée ');
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 30 }), fc.constantFrom('sms', 'email', 'call', 'link', 'phone'), (parts, kind) => {
        const text = parts.join('');
        if (/^[\s\u200b]*$/.test(text)) {
          expect(() => analyzeText({ kind, text })).toThrow(MessageInputError);
          return;
        }
        const analysis = analyzeText({ kind, text });
        for (const finding of analysis.findings) {
          for (const span of finding.evidence) {
            expect(span.start).toBeGreaterThanOrEqual(0);
            expect(span.end).toBeGreaterThanOrEqual(span.start);
            expect(span.end).toBeLessThanOrEqual(analysis.shownText.length);
          }
        }
        expect(analysis.score).toBeGreaterThanOrEqual(0);
        expect(analysis.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});

describe('extractIndicators', () => {
  it('lists numbers, domains, links, addresses and organisations, and their lookup keys', async () => {
    const indicators = await extractIndicators({
      kind: 'sms',
      text: 'ANDPC : écrivez à droits@andpc-formation.com ou appelez le 06 12 34 56 78 ; https://andpc-formation.com/inscription',
    });
    expect(indicators.phones.map((p) => p.e164)).toEqual(['+33612345678']);
    expect(indicators.domains).toEqual(['andpc-formation.com']);
    expect(indicators.urls).toEqual(['https://andpc-formation.com/inscription']);
    expect(indicators.emailAddresses).toEqual([{ address: 'droits@andpc-formation.com', role: 'text' }]);
    expect(indicators.organisations.map((o) => o.id)).toEqual(['andpc']);
    expect(indicatorLookupKeys(indicators)).toEqual(['+33612345678', 'andpc-formation.com', 'https://andpc-formation.com/inscription', 'droits@andpc-formation.com']);
  });

  it('gives analyze the same indicators, also when the message is prepared once', async () => {
    const input = { kind: 'sms' as const, text: 'Appelez le 08 99 12 34 56 ou allez sur bit.ly/x1' };
    expect((await analyze(input)).indicators).toEqual(await extractIndicators(input));
    const prepared = await prepareMessage(input);
    expect(analyzePrepared(prepared).indicators).toEqual(indicatorsOf(prepared));
  });
});

describe('rules said in the negative', () => {
  it('leaves out a rule whose words are negated, and keeps it when they are not', () => {
    const genuine = analyzeText({ kind: 'sms', text: 'La Poste : votre colis sera livré demain. Aucun frais ne vous sera demandé par SMS.' }, { combiner: null, model: null });
    expect(genuine.findings.map((f) => f.ruleId)).not.toContain('colis.frais');
    const scam = analyzeText({ kind: 'sms', text: 'La Poste : votre colis est en attente, des frais de 1,99 € sont à régler.' }, { combiner: null, model: null });
    expect(scam.findings.map((f) => f.ruleId)).toContain('colis.frais');
  });
});
