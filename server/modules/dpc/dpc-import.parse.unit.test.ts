import { describe, expect, it } from 'vitest';
import { parseCatalogue } from './dpc-import.parse.js';

const HEADER = 'Numéro ODPC;Organisme;Référence;Titre;Programme;Format';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8');

describe('reading a catalogue file', () => {
  it('names the file’s own line after a programme spanning several lines', () => {
    const parsed = parseCatalogue(csv('1234;IFMC;A1;Titre;"Objectifs :\r\n- dépister\r\n- orienter";mixte', '1234;IFMC;A2;;Programme;mixte'), 'csv');
    expect(parsed).toMatchObject({ ok: true, errors: [{ line: 5, field: 'Titre', message: 'Ligne 5, colonne « Titre » : Le titre est obligatoire.' }] });
    if (parsed.ok) expect(parsed.rows[0]!.row.programme).toBe('Objectifs :\n- dépister\n- orienter');
  });

  it('accepts « , » separators, headers without accents or case, and blank lines', () => {
    const bytes = Buffer.from('numero odpc,ORGANISME,reference,titre,programme,format\n\n12,IFMC,B1,T,P,Présentiel\n', 'utf8');
    const parsed = parseCatalogue(bytes, 'csv');
    expect(parsed).toMatchObject({ ok: true, errors: [], rows: [{ line: 3, row: { organisationNumber: '12', reference: 'B1', format: 'presentiel' } }] });
  });

  it('refuses a reference twice in the file and an organisation named two ways, naming the first line', () => {
    const parsed = parseCatalogue(csv('1;IFMC;A1;T;P;mixte', '1;IFMC;A1;T;P;mixte', '1;Autre nom;A3;T;P;mixte'), 'csv');
    expect(parsed.ok && parsed.errors.map((e) => e.message)).toEqual([
      'Ligne 3, colonne « Référence » : la référence A1 figure déjà à la ligne 2.',
      'Ligne 4, colonne « Organisme » : l’organisme 1 est nommé « IFMC » à la ligne 2.',
    ]);
  });

  it('says why a file cannot be read', () => {
    expect(parseCatalogue(Buffer.from([0xe9, 0x3b, 0x41]), 'csv')).toMatchObject({ ok: false, message: expect.stringContaining('UTF-8') });
    expect(parseCatalogue(csv('1;IFMC;A1;T;"P ouvert;mixte'), 'csv')).toMatchObject({ ok: false, message: expect.stringContaining('jamais refermé') });
    expect(parseCatalogue(Buffer.from('{"actions": 3}'), 'json')).toMatchObject({ ok: false, message: 'Le JSON doit être une liste d’actions, ou un objet { "actions": [...] }.' });
    expect(parseCatalogue(Buffer.from('[{"reference": "A1", "couleur": "bleu"}]'), 'json')).toMatchObject({
      ok: true,
      errors: expect.arrayContaining([{ line: 1, field: null, message: 'Entrée 1 : champ inconnu « couleur ».' }]),
    });
  });
});
