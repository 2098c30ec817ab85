import { describe, expect, it } from 'vitest';
import { REPORT_CONSEQUENCES, reportGuidance, type GuidanceId, type GuidanceInput, type ReportChannelId, type ReportConsequence } from './reports.guidance.js';

const ids = (input: GuidanceInput) => reportGuidance(input).map((i) => i.id);
const ALWAYS: GuidanceId[] = ['changer_mots_de_passe', 'jamais_identifiants'];

describe('reportGuidance: which bodies to alert (truth table)', () => {
  // channel, links, consequences → expected items (order: urgent first, then as listed).
  const table: [ReportChannelId, boolean, ReportConsequence[], GuidanceId[]][] = [
    ['sms', false, [], ['changer_mots_de_passe', '33700_sms', 'pharos', 'jamais_identifiants']],
    ['telephone', false, [], ['changer_mots_de_passe', '33700_appel', 'jamais_identifiants']],
    ['telephone', true, [], ['changer_mots_de_passe', '33700_appel', 'pharos', 'jamais_identifiants']],
    ['courriel', false, [], ['changer_mots_de_passe', 'signal_spam', 'pharos', 'jamais_identifiants']],
    ['courrier', false, [], ['changer_mots_de_passe', 'jamais_identifiants']],
    ['courrier', true, [], ['changer_mots_de_passe', 'pharos', 'jamais_identifiants']],
    ['autre', false, [], ['changer_mots_de_passe', 'jamais_identifiants']],
    ['sms', false, ['argent_verse'], ['banque', 'changer_mots_de_passe', '33700_sms', 'pharos', 'thesee', 'jamais_identifiants']],
    ['telephone', false, ['coordonnees_bancaires'], ['banque', 'changer_mots_de_passe', '33700_appel', 'plainte', 'jamais_identifiants']],
    ['courriel', false, ['identifiants'], ['changer_mots_de_passe', 'cybermalveillance', 'signal_spam', 'pharos', 'thesee', 'jamais_identifiants']],
    ['telephone', false, ['acces_ordinateur'], ['cybermalveillance', 'changer_mots_de_passe', '33700_appel', 'plainte', 'jamais_identifiants']],
    ['courrier', false, ['donnees_personnelles'], ['changer_mots_de_passe', 'plainte', 'jamais_identifiants']],
    ['autre', true, ['donnees_personnelles'], ['changer_mots_de_passe', 'pharos', 'thesee', 'jamais_identifiants']],
    [
      'courriel',
      true,
      ['argent_verse', 'identifiants', 'acces_ordinateur'],
      ['banque', 'changer_mots_de_passe', 'cybermalveillance', 'signal_spam', 'pharos', 'thesee', 'jamais_identifiants'],
    ],
  ];

  it.each(table)('%s, links %s, %j', (channel, hasLinks, consequences, expected) => {
    expect(ids({ channel, hasLinks, consequences })).toEqual(expected);
  });

  it('holds its invariants over every combination', () => {
    const channels: ReportChannelId[] = ['telephone', 'sms', 'courriel', 'courrier', 'autre'];
    for (const channel of channels) {
      for (const hasLinks of [false, true]) {
        for (let mask = 0; mask < 1 << REPORT_CONSEQUENCES.length; mask++) {
          const consequences = REPORT_CONSEQUENCES.filter((_, i) => mask & (1 << i));
          const items = reportGuidance({ channel, hasLinks, consequences });
          const got = items.map((i) => i.id);
          for (const id of ALWAYS) expect(got).toContain(id);
          expect(new Set(got).size).toBe(got.length);
          // Urgent steps come first.
          const firstCalm = items.findIndex((i) => !i.urgent);
          expect(items.slice(firstCalm).every((i) => !i.urgent)).toBe(true);
          expect(got.includes('33700_sms')).toBe(channel === 'sms');
          expect(got.includes('33700_appel')).toBe(channel === 'telephone');
          expect(got.includes('signal_spam')).toBe(channel === 'courriel');
          const victim = consequences.length > 0;
          // A complaint is always offered to a victim, online (THESEE) or not, never both.
          expect(got.includes('thesee') || got.includes('plainte')).toBe(victim);
          expect(got.includes('thesee') && got.includes('plainte')).toBe(false);
          expect(got.includes('banque')).toBe(consequences.includes('argent_verse') || consequences.includes('coordonnees_bancaires'));
          for (const item of items) {
            expect(item.title.length).toBeGreaterThan(5);
            if (item.link) expect(item.link.href).toMatch(/^https:\/\/[a-z0-9.-]+\.(fr|gouv\.fr)\//);
          }
        }
      }
    }
  });

  it('makes the password step urgent only when credentials were given', () => {
    const calm = reportGuidance({ channel: 'sms', hasLinks: false, consequences: [] }).find((i) => i.id === 'changer_mots_de_passe');
    const urgent = reportGuidance({ channel: 'sms', hasLinks: false, consequences: ['identifiants'] }).find((i) => i.id === 'changer_mots_de_passe');
    expect(calm).toMatchObject({ urgent: false, title: 'Si vous avez donné un mot de passe, changez-le' });
    expect(urgent).toMatchObject({ urgent: true, title: 'Changez immédiatement les mots de passe communiqués' });
  });
});
