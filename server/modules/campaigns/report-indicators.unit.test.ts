import { describe, expect, it } from 'vitest';
import { analyze, analyzeText, extractTextIndicators, indicatorLookupKeys } from '../../../analysis/analyze.js';
import { isCommonValue, normaliseOrganisation } from './common-values.js';
import {
  currentReportIndicators,
  extractReportIndicators,
  filingText,
  normalisePhone,
  reportSourceOf,
  type ReportIndicatorSource,
  type ReportSourceRow,
} from './report-indicators.js';
import { buildCampaignLabel, displayValue, strongestIndicator } from './campaign-label.js';

const source = (over: Partial<ReportIndicatorSource> = {}): ReportIndicatorSource => ({
  channel: 'sms',
  callerNumber: '',
  sender: '',
  links: [],
  organisationName: '',
  pastedText: '',
  description: '',
  analysis: null,
  reporterAddresses: [],
  ...over,
});
const values = (s: ReportIndicatorSource) => extractReportIndicators(s).map((i) => `${i.kind}:${i.value}`).sort();

describe('report indicators', () => {
  it('normalises the structured fields as the analysis engine does', () => {
    expect(values(source({ callerNumber: '09 70 12 34 56' }))).toEqual(['phone:+33970123456']);
    expect(values(source({ callerNumber: '+33 (0)9.70.12.34.56' }))).toEqual(['phone:+33970123456']);
    expect(values(source({ callerNumber: '3646' }))).toEqual(['phone:3646']);
    expect(values(source({ sender: 'Service <Contact@Dossier.Certif-Medecins.FR>' }))).toEqual(['domain:certif-medecins.fr', 'email:contact@dossier.certif-medecins.fr']);
    expect(values(source({ sender: '07 55 50 12 34' }))).toEqual(['phone:+33755501234']);
    expect(values(source({ links: ['www.certif-medecins.fr/dossier?id=3', 'javascript:alert(1)'] }))).toEqual(['domain:certif-medecins.fr', 'url:http://www.certif-medecins.fr/dossier?id=3']);
    expect(values(source({ organisationName: "  La Direction régionale de l'Certification " }))).toEqual(['organisation:direction regionale certification']);
    expect(normalisePhone('pas un numéro')).toBeNull();
  });

  it('finds in the copy of the exchanges exactly the keys a later analysis looks up', () => {
    const sms = 'Dr Martin, votre dossier est incomplet. Appelez le 09 70 12 34 56 ou allez sur https://certif-medecins.fr/d/81 (contact@certif-medecins.fr)';
    const keys = indicatorLookupKeys(extractTextIndicators({ kind: 'sms', text: sms }));
    const fromReport = extractReportIndicators(source({ pastedText: sms })).map((i) => i.value);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) expect(fromReport).toContain(key);
    // The same values come out of a stored analysis, without reading the text again.
    const stored = analyzeText({ kind: 'sms', text: sms });
    expect(values(source({ analysis: JSON.parse(JSON.stringify(stored)) }))).toEqual(values(source({ pastedText: sms })));
  });

  it('publishes no reference as a phone, and one indicator per link or sender however it is written (issue 14)', () => {
    const sms = 'ameli : remboursement de 149,90 € (dossier CP2025-88412). Validez sur https:\\\\ameli-rembourse.info\\valider?ref=CP2025-88412 ou appelez le 09 70 12 34 56.';
    const typedLink = 'https://ameli-rembourse.info/valider?ref=CP2025-88412).';
    expect(values(source({ pastedText: sms, links: [typedLink], sender: 'CP2025-88412' }))).toEqual([
      'domain:ameli-rembourse.info',
      'phone:+33970123456',
      'url:https://ameli-rembourse.info/valider?ref=CP2025-88412',
    ]);
    const copy = 'De : support@andpc-gouv.fr.\nObjet : Relance\n\nBonjour';
    expect(values(source({ channel: 'courriel', sender: 'ANDPC <support@andpc-gouv.fr>.', pastedText: copy }))).toEqual(['domain:andpc-gouv.fr', 'email:support@andpc-gouv.fr']);
    // An overseas number typed in a field is the one the engine reads in a message.
    expect(normalisePhone('0692 12 34 56')).toBe('+262692123456');
  });

  it('reads the description too when no analysis was stored', () => {
    expect(values(source({ description: "Un homme m'a appelé depuis le 01 84 80 12 34 en se disant de l'URSSAF" }))).toEqual(['phone:+33184801234']);
  });

  it("never takes the reporter's own number for an indicator, nor their account of events beside a copy", () => {
    const words = "J'ai reçu ce SMS, rappelez-moi au 06 12 34 56 78 si besoin.";
    expect(values(source({ pastedText: 'Rappelez le 09 70 12 34 56 pour votre radiation.', description: words }))).toEqual(['phone:+33970123456']);
    expect(values(source({ description: "L'appel venait de mon cabinet, le 01 84 80 12 34, transféré.", reporterPhones: ['+33184801234'] }))).toEqual([]);
    expect(values(source({ callerNumber: '01 84 80 12 34', reporterPhones: ['+33184801234'] }))).toEqual([]);
  });

  it("never takes the reporter's own address or domain for an indicator", () => {
    const forwarded = 'De : Dr Dupont <dr.dupont@cabinet-dupont.fr>\nÀ : victime\nObjet : TR: urgent\nRépondez à faux.ordre@proton.me';
    const found = values(source({ channel: 'courriel', pastedText: forwarded, reporterAddresses: ['Dr.Dupont@cabinet-dupont.fr'] }));
    expect(found).toContain('email:faux.ordre@proton.me');
    expect(found.join(' ')).not.toContain('cabinet-dupont');
  });

  it("leaves out, from a stored report, both the address it was filed with and the reporter's account address and numbers", () => {
    const row: ReportSourceRow = {
      channel: 'courriel',
      caller_number: '',
      sender: 'Faux Ordre <faux.ordre@proton.me>',
      links: [],
      organisation_name: '',
      pasted_text: 'De : Dr Dupont <dr.dupont@cabinet-dupont.fr>\nCc : secretariat@maison-medicale.fr\nRappelez le 01 84 80 12 34 ou le 09 70 12 34 56.',
      description: '',
      reporter_email: 'dr.dupont@cabinet-dupont.fr',
      reporter_user_email: 'secretariat@maison-medicale.fr',
      reporter_phones: ['+33184801234'],
    };
    const found = values(reportSourceOf(row, null));
    expect(found).toEqual(['domain:proton.me', 'email:faux.ordre@proton.me', 'phone:+33970123456']);
    // A reporter with no account and no register entry: their numbers are unknown, every number stays.
    const anonymous = values(reportSourceOf({ ...row, reporter_user_email: null, reporter_phones: null }, null));
    expect(anonymous).toEqual(expect.arrayContaining(['phone:+33184801234', 'email:secretariat@maison-medicale.fr']));
  });
});

describe('common values', () => {
  it('marks free mail, shorteners, official domains, the Ordre numbers and real bodies as common', () => {
    for (const domain of ['gmail.com', 'outlook.fr', 'hotmail.be', 'yahoo.co.uk', 'orange.fr', 'laposte.net', 'bit.ly', 't.co', 'ameli.fr', 'medecin.fr', 'esante.gouv.fr', 'impots.gouv.fr', 'wixsite.com']) {
      expect(isCommonValue('domain', domain), domain).toBe(true);
    }
    expect(isCommonValue('url', 'https://www.ameli.fr/medecin/exercice-liberal')).toBe(true);
    expect(isCommonValue('email', 'noreply@conseil75.medecin.fr')).toBe(true);
    expect(isCommonValue('phone', '+33153893200')).toBe(true);
    expect(isCommonValue('phone', '3646')).toBe(true);
    expect(isCommonValue('organisation', normaliseOrganisation('Assurance Maladie'))).toBe(true);
    expect(isCommonValue('organisation', normaliseOrganisation("L'Ordre des médecins"))).toBe(true);
    expect(isCommonValue('organisation', normaliseOrganisation('CPAM'))).toBe(true);
  });

  it('lets a scam-specific value link: its own site, a free-mail address, a short link, an invented body', () => {
    expect(isCommonValue('domain', 'certif-medecins.fr')).toBe(false);
    expect(isCommonValue('email', 'ordre.medecins.france@gmail.com')).toBe(false);
    expect(isCommonValue('url', 'https://bit.ly/3xYzAb')).toBe(false);
    expect(isCommonValue('phone', '+33970123456')).toBe(false);
    expect(isCommonValue('organisation', normaliseOrganisation('Direction régionale de la certification'))).toBe(false);
  });
});

describe('campaign labels', () => {
  it('names a campaign by its family and strongest indicator, a French number in national format', () => {
    const best = strongestIndicator([
      { kind: 'domain', value: 'certif-medecins.fr', reports: 9 },
      { kind: 'phone', value: '+33970123456', reports: 3 },
      { kind: 'url', value: 'http://certif-medecins.fr/d1', reports: 2 },
    ]);
    expect(buildCampaignLabel('certification_periodique', best)).toBe('Faux contrôle de certification — 09 70 12 34 56');
    expect(buildCampaignLabel(null, null)).toBe('Signalements liés — textes similaires');
    expect(displayValue('phone', '+442079460958')).toBe('+44 20 7946 0958');
    expect(buildCampaignLabel('hameconnage', { kind: 'url', value: `https://x.fr/${'a'.repeat(300)}`, reports: 2 }).length).toBeLessThanOrEqual(200);
  });
});

// Reports filed before the extraction was fixed are read again (indicator-backfill.service.ts): what
// the old rules stored is never trusted; the text the engine showed is read again with today's rules.
describe('a stored analysis read again with today’s extraction', () => {
  const current = (s: ReportIndicatorSource) => currentReportIndicators(s).map((i) => `${i.kind}:${i.value}`).sort();

  it('reads a typed or pasted message again, whatever indicators the old rules stored with it', () => {
    const sms = 'ameli : remboursement (dossier CP2025-88412). Validez sur https:\\\\ameli-rembourse.info\\valider ou appelez le 09 70 12 34 56.';
    const stored = analyzeText({ kind: 'sms', text: filingText(source({ pastedText: sms })) });
    const old = { ...stored, indicators: { ...stored.indicators, phones: [{ e164: '+33202588412', category: 'fixe', evidence: { start: 0, end: 1 } }], urls: ['http://ameli-rembourse.info/'] } };
    expect(current(source({ pastedText: sms, analysis: old }))).toEqual(['domain:ameli-rembourse.info', 'phone:+33970123456', 'url:https://ameli-rembourse.info/valider']);
    // As filing reads a new report: the same values from the stored analysis as from the text.
    expect(current(source({ pastedText: sms, analysis: old }))).toEqual(values(source({ pastedText: sms, analysis: stored })));
  });

  it('keeps, from an email file, the links of its HTML part and the Return-Path its shown text does not carry', async () => {
    const raw = new TextEncoder().encode(
      [
        'Return-Path: <bounce@envoi-relance.fr>',
        'From: "ANDPC" <support@andpc-gouv.fr.>',
        'To: cabinet@exemple.fr',
        'Subject: Relance',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Votre dossier CP2025-88412 est incomplet. <a href="https://andpc-validation.fr/connexion">Cliquez ici</a>.</p>',
        '',
      ].join('\r\n'),
    );
    const stored = await analyze({ kind: 'email', raw });
    expect(stored.indicators.urls).toContain('https://andpc-validation.fr/connexion');
    const report = source({ channel: 'courriel', analysis: JSON.parse(JSON.stringify(stored)) });
    expect(current(report)).toEqual(expect.arrayContaining(['email:bounce@envoi-relance.fr', 'email:support@andpc-gouv.fr', 'url:https://andpc-validation.fr/connexion', 'domain:andpc-validation.fr']));
    expect(current(report).some((v) => v.startsWith('phone:'))).toBe(false);
    expect(current(report)).toEqual(values(report));
  });

  it('reads the copy and the description again when no analysis was stored', () => {
    expect(current(source({ description: 'Appel du 01 84 80 12 34, référence CP2025-88412' }))).toEqual(['phone:+33184801234']);
  });
});
