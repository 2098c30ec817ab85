import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { attachmentRisk } from './attachments.js';
import { parseAuthenticationResults } from './auth-results.js';
import { looksLikeMime, parseEmail } from './parse-email.js';
import { readPastedHeaders } from './pasted-headers.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const ruleIds = (analysis: Awaited<ReturnType<typeof analyze>>) => analysis.findings.map((f) => f.ruleId);

describe('parseEmail', () => {
  it('decodes multipart, quoted-printable, base64 and encoded headers', async () => {
    const parsed = await parseEmail(fixture('faux-andpc-droits.eml'));
    expect(parsed.context.from).toMatchObject({ name: 'ANDPC - Service Formation', address: 'andpc.formation@gmail.com' });
    expect(parsed.shownText).toContain('Objet : Vos droits DPC 2025 expirent : dernière relance');
    expect(parsed.shownText).toContain('31\u00a0décembre');
    expect(parsed.context.attachments.map((a) => a.filename)).toEqual(['Attestation_DPC.pdf.html', 'formulaire déclaratif.zip']);
    expect(parsed.context.authentication).toEqual({ spf: 'softfail', dkim: 'none', dmarc: 'fail' });
    expect(parsed.context.returnPath).toBe('bounce-88231@mailer-campagnes.ru');
    const link = parsed.context.htmlLinks[0]!;
    expect(link.host).toBe('agencedpc-validation.fr');
    expect(parsed.shownText.slice(link.evidence.start, link.evidence.end)).toBe('https://www.agencedpc.fr/professionnel/');
    const from = parsed.context.from!;
    expect(parsed.shownText.slice(from.addressSpan!.start, from.addressSpan!.end)).toBe('andpc.formation@gmail.com');
  });

  it('decodes a Latin-1 quoted-printable body', async () => {
    const parsed = await parseEmail(fixture('faux-ameli-iso.eml'));
    expect(parsed.shownText).toContain('Cher assuré');
    expect(parsed.shownText).toContain('relevé joint');
  });

  it('tells raw messages from copied bodies', () => {
    expect(looksLikeMime('From: a@b.fr\nSubject: x\n\ncorps')).toBe(true);
    expect(looksLikeMime('Objet : rappel\nBonjour Docteur')).toBe(false);
    expect(looksLikeMime('From the desk of Dr Martin: hello\nSubject: x')).toBe(false);
  });

  it('decodes a file that starts with the « From sender date » line of a mailbox', async () => {
    const mbox = new TextDecoder().decode(fixture('faux-andpc-droits.eml')).replace(/^/, 'From andpc.formation@gmail.com  Mon Jan 12 10:00:00 2026\n');
    expect(looksLikeMime(mbox)).toBe(true);
    const analysis = await analyze({ kind: 'email', raw: new TextEncoder().encode(mbox) });
    expect(analysis.shownText.startsWith('De : ANDPC')).toBe(true);
    expect(analysis.verdict).toBe('fraude_probable');
  });
});

describe('analyze on email files', () => {
  it('finds every trick of the fake ANDPC email', async () => {
    const analysis = await analyze({ kind: 'email', raw: fixture('faux-andpc-droits.eml') });
    expect(analysis.verdict).toBe('fraude_probable');
    expect(analysis.family?.id).toBe('formation_droits');
    expect(ruleIds(analysis)).toEqual(expect.arrayContaining([
      'lien.sosie', 'lien.texte-trompeur', 'expediteur.nom-trompeur', 'expediteur.reponse-detournee',
      'expediteur.authentification-echouee', 'piece-jointe.risquee', 'formation.droits-expirent',
    ]));
    for (const finding of analysis.findings) {
      for (const span of finding.evidence) expect(span.end).toBeLessThanOrEqual(analysis.shownText.length);
    }
    expect(analysis.advice.map((a) => a.id)).toEqual(expect.arrayContaining(['signaler_ordre', 'ne_pas_cliquer', 'pieces_jointes', 'signaler_spam']));
  });

  it('flags a look-alike sender, a new RIB and an executable disguised as a PDF', async () => {
    const analysis = await analyze({ kind: 'email', raw: fixture('faux-cotisation-rib.eml') });
    expect(analysis.verdict).toBe('fraude_probable');
    expect(analysis.family?.id).toBe('cotisation_ordre');
    expect(ruleIds(analysis)).toEqual(expect.arrayContaining(['expediteur.domaine-sosie', 'paiement.changement-de-rib', 'piece-jointe.risquee']));
    expect(analysis.findings.find((f) => f.ruleId === 'piece-jointe.risquee')?.explanation).toContain('fausse extension');
  });

  it('flags the fake ameli email with a disk image', async () => {
    const analysis = await analyze({ kind: 'email', raw: fixture('faux-ameli-iso.eml') });
    expect(analysis.verdict).toBe('fraude_probable');
    expect(analysis.family?.id).toBe('assurance_maladie');
  });

  it.each(['andpc-lettre-officielle.eml', 'reinitialisation-demandee.eml'])('leaves the genuine %s alone', async (name) => {
    const analysis = await analyze({ kind: 'email', raw: fixture(name) });
    expect(analysis.verdict).toBe('aucun_signal');
    expect(ruleIds(analysis)).toContain('prevention.expediteur-authentifie');
  });

  it('reads a file without headers as the body of the email', async () => {
    const analysis = await analyze({ kind: 'email', raw: new TextEncoder().encode('Bonjour Docteur,\n\nj’ai perdu mon mot de passe.') });
    expect(analysis.shownText).toBe('Bonjour Docteur,\n\nj’ai perdu mon mot de passe.');
    expect(analysis.findings.map((f) => f.ruleId)).toContain('mot-de-passe.perdu');
  });

  it('parses a raw message pasted as text', async () => {
    const text = new TextDecoder().decode(fixture('faux-andpc-droits.eml'));
    const analysis = await analyze({ kind: 'email', text });
    expect(analysis.shownText.startsWith('De : ANDPC')).toBe(true);
  });

  it('checks the sender lines of a copied email', async () => {
    const text = 'De : ANDPC <andpc.dpc@gmail.com>\nObjet : vos droits\n\nDocteur, vos droits DPC expirent.';
    const analysis = await analyze({ kind: 'email', text });
    const finding = analysis.findings.find((f) => f.ruleId === 'expediteur.nom-trompeur');
    expect(finding).toBeDefined();
    expect(finding!.evidence.map((s) => text.slice(s.start, s.end))).toEqual(['ANDPC', 'andpc.dpc@gmail.com']);
  });
});

describe('sender helpers', () => {
  it('reads the topmost authentication verdicts and Received-SPF', () => {
    expect(parseAuthenticationResults('mx; spf=pass smtp.mailfrom=a.fr; dkim=pass; dkim=fail; dmarc=pass (p=none)')).toEqual({ spf: 'pass', dkim: 'fail', dmarc: 'pass' });
    expect(parseAuthenticationResults(undefined, 'Fail (domain does not designate)')).toEqual({ spf: 'fail' });
    expect(parseAuthenticationResults(undefined)).toBeNull();
  });

  it('reads pasted From and Reply-To lines', () => {
    const pasted = readPastedHeaders('De : "Ameli" <remboursement@ameli-info.com>\nRépondre à : x@gmail.com\n\nBonjour');
    expect(pasted.from?.address).toBe('remboursement@ameli-info.com');
    expect(pasted.replyTo.map((r) => r.address)).toEqual(['x@gmail.com']);
  });

  it.each([
    ['facture.pdf.exe', 'double-extension'],
    ['releve.iso', 'image-disque'],
    ['page.HTML', 'page-web'],
    ['dossier.zip', 'archive'],
    ['tableau.xlsm', 'macro'],
    ['compte-rendu.pdf', null],
  ])('classifies %s', (filename, risk) => {
    expect(attachmentRisk({ filename, mimeType: 'application/octet-stream' })).toBe(risk);
  });
});
