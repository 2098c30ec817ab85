import { describe, expect, it } from 'vitest';
import { analyze, analyzeText } from '../../analyze.js';

// Issue 10: two genuine official domains were called « fraude probable » (a sender domain of the ANTAI,
// a domain of the URSSAF). The register of official sources is what the engine now reads.

function eml(from: string, subject: string, body: string): Uint8Array {
  return new TextEncoder().encode(
    [`From: ${from}`, 'To: dr.martin@example.fr', `Subject: ${subject}`, 'Date: Mon, 2 Nov 2026 09:00:00 +0100', 'Content-Type: text/plain; charset=utf-8', '', body].join('\r\n'),
  );
}

const TECHNICAL = new Set(['lien.sosie', 'expediteur.domaine-sosie', 'expediteur.nom-trompeur']);

describe('register of official sources in the engine', () => {
  it.each([
    ['ANTAI <nepasrepondre_noreply@antai.fr>', 'Avis de contravention', 'Votre avis est consultable sur https://www.antai.fr/ et sur https://www.usagers.antai.gouv.fr/fr/consultation.'],
    ['Urssaf <no-reply@acoss.fr>', 'Votre attestation', 'Votre attestation de vigilance est disponible sur https://www.urssaf.org/ et dans votre espace urssaf.fr.'],
    ['Mon espace santé <assurance-maladie@info.ameli.fr>', 'Votre profil', 'Activez votre profil sur https://www.monespacesante.fr.'],
  ])('does not call a genuine official sender or site a look-alike: %s', async (from, subject, body) => {
    const analysis = await analyze({ kind: 'email', raw: eml(from, subject, body) });
    expect(analysis.findings.filter((f) => TECHNICAL.has(f.ruleId))).toEqual([]);
    expect(analysis.verdict).not.toBe('fraude_probable');
  });

  it('reports an unlisted host under gouv.fr as « inconnu — à vérifier », without weight enough to matter', () => {
    const analysis = analyzeText({ kind: 'sms', text: 'Informations sur votre titre : https://ants.gouv.fr/' });
    const finding = analysis.findings.find((f) => f.ruleId === 'lien.domaine-reserve-inconnu');
    expect(finding?.explanation).toMatch(/^Inconnu — à vérifier/);
    expect(finding?.weight).toBeLessThanOrEqual(1);
    expect(analysis.findings.some((f) => f.ruleId === 'lien.sosie')).toBe(false);
    expect(analysis.verdict).toBe('aucun_signal');
  });

  it('still flags imitations of the registered domains', () => {
    for (const link of ['https://antai-amende.com/payer', 'https://urssaf-regularisation.net', 'https://ameli-remboursement.info']) {
      expect(analyzeText({ kind: 'sms', text: `Régularisez : ${link}` }).findings.map((f) => f.ruleId)).toContain('lien.sosie');
    }
  });

  it('no longer treats every sante.fr or medecin.fr host as official', () => {
    const analysis = analyzeText({ kind: 'sms', text: 'Voir https://formation-dpc.medecin.fr et https://promo.sante.fr' });
    expect(analysis.findings.some((f) => f.ruleId === 'prevention.liens-officiels')).toBe(false);
  });
});
