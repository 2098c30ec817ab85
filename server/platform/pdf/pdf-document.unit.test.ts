import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../modules/sharing/pdf-text.testing.js';
import { finishPdf, openPdfDocument, writeField, writeFingerprintedFile, writeHeading, writeParagraph, writeTitleBlock, writeVerbatimParagraph } from './pdf-document.js';

const NBSP = '\u00A0';

// The shared layout of Vigie's PDF documents: the same content and date give the same bytes (a DPC
// package is checked against the fingerprint kept when it was sent), and every page carries its footer.

async function render(createdAt: Date, paragraphs: number): Promise<Buffer> {
  const pdf = openPdfDocument({ title: 'Dossier D-1', author: 'Ordre des médecins — Vigie', subject: 'Essai', createdAt });
  writeTitleBlock(pdf, { issuer: 'ORDRE DES MÉDECINS', title: 'Dossier d’essai', titleSize: 18, subtitle: 'Référence D-1', note: 'Établi pour le test.' });
  writeHeading(pdf, '1. Les faits');
  writeField(pdf, 'Organisme', '');
  writeField(pdf, 'Département', '75');
  for (let i = 0; i < paragraphs; i += 1) writeParagraph(pdf, `Paragraphe ${i + 1} : ${'texte '.repeat(60)}`);
  return finishPdf(pdf, (page, pages) => `Dossier D-1 — page ${page} / ${pages}`);
}

describe('the PDF layout', () => {
  it('gives the same bytes for the same content and date, other bytes for another date', async () => {
    const createdAt = new Date('2026-03-01T10:00:00Z');
    const first = await render(createdAt, 3);
    expect((await render(createdAt, 3)).equals(first)).toBe(true);
    expect((await render(new Date('2026-03-02T10:00:00Z'), 3)).equals(first)).toBe(false);
  });

  it('writes the title block, « — » for an empty value, and the footer numbered on every page', async () => {
    const text = extractPdfText(await render(new Date('2026-03-01T10:00:00Z'), 40));
    expect(text).toContain('Dossier d’essai');
    expect(text).toMatch(new RegExp(`Organisme${NBSP}: \\s*—`));
    const footers = text.split('\n').filter((line) => line.startsWith('Dossier D-1 — page'));
    expect(footers.length).toBeGreaterThan(1);
    expect(footers).toEqual(footers.map((_, i) => `Dossier D-1 — page ${i + 1} / ${footers.length}`));
  });

  it('prints French typography with the standard fonts: no-break spaces before « : » and « ? », links and pasted text as written', async () => {
    const pdf = openPdfDocument({ title: 't', author: 'a', subject: 's', createdAt: new Date('2026-03-01T10:00:00Z') });
    writeHeading(pdf, "2. L'analyse de Vigie");
    writeField(pdf, 'Adresse électronique', 'jean.dupont@exemple.fr');
    writeParagraph(pdf, "Que faire ? Ne répondez pas ; rappelez l'Ordre au 01 23 45 67 89 à 10:30 ! Voir « Mes signalements » : https://vigie.ordre.fr/a?b=1");
    writeVerbatimParagraph(pdf, "Message collé : l'arnaque ? oui", 'Courier', 8.5);
    writeFingerprintedFile(pdf, '1. capture.png', 'ab'.repeat(32));
    const bytes = await finishPdf(pdf, (page, pages) => `Essai : page ${page} / ${pages}`);
    expect(pdf.replacedAny()).toBe(false);

    const text = extractPdfText(bytes);
    // The standard fonts have no narrow no-break space: the no-break space (WinAnsi 0xA0) stands for it.
    expect(text).not.toContain('\u202F');
    expect(text).toContain('2. L’analyse de Vigie');
    // One line per text operator (a field's value, a wrapped line): joined back with plain spaces only.
    const flat = text.replace(/\n/g, ' ').replace(/ {2,}/g, ' ');
    expect(flat).toContain(`Adresse électronique${NBSP}: jean.dupont@exemple.fr`);
    expect(flat).toContain(`Que faire${NBSP}? Ne répondez pas${NBSP}; rappelez l’Ordre au 01${NBSP}23${NBSP}45${NBSP}67${NBSP}89 à 10:30${NBSP}!`);
    expect(flat).toContain(`«${NBSP}Mes signalements${NBSP}»${NBSP}: https://vigie.ordre.fr/a?b=1`);
    expect(text).toContain("Message collé : l'arnaque ? oui");
    expect(text).toContain(`SHA-256${NBSP}: ${'ab'.repeat(32)}`);
    expect(text).toContain(`Essai${NBSP}: page 1 / 1`);
  });

  it('remembers that a character had to be replaced, so that the document can say so', () => {
    const pdf = openPdfDocument({ title: 't', author: 'a', subject: 's', createdAt: new Date(0) });
    expect(pdf.print('Café « œuvre » — 12 €')).toBe(`Café «${NBSP}œuvre${NBSP}» — 12 €`);
    expect(pdf.replacedAny()).toBe(false);
    expect(pdf.print('Appel \u200bsuspect 😀')).toBe('Appel suspect ?');
    expect(pdf.replacedAny()).toBe(true);
  });
});
