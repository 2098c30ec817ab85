import { describe, expect, it } from 'vitest';
import { analyze, analyzeText } from '../../analyze.js';
import { cleanAddress, extractAddresses } from './extract-addresses.js';

// Issue 14: a sender gives one clean indicator, whatever surrounds its address.
describe('addresses in running text', () => {
  it.each([
    ['Écrivez à <Contact@Exemple.FR>.', 'contact@exemple.fr'],
    ['mailto:contact@exemple.fr', 'contact@exemple.fr'],
    ['voir...contact@exemple.fr', 'contact@exemple.fr'],
    ['«contact@exemple.fr»,', 'contact@exemple.fr'],
    ['contact@exemple.fr- merci', 'contact@exemple.fr'],
    ['(contact@exemple.fr);', 'contact@exemple.fr'],
  ])('%s', (text, address) => {
    expect(extractAddresses(text).map((a) => a.address)).toEqual([address]);
  });

  it('finds nothing where there is no address on a real domain', () => {
    expect(extractAddresses('Rendez-vous @ 14h, ou @cabinet, ou a@b')).toEqual([]);
    expect(cleanAddress('ANDPC')).toBeNull();
  });
});

describe('sender addresses', () => {
  const senders = (text: string) => analyzeText({ kind: 'email', text }).indicators.emailAddresses.map((a) => [a.address, a.role]);

  it.each([
    ['De : support@andpc-gouv.fr.\nObjet : Relance\n\nBonjour, écrivez à support@andpc-gouv.fr.', 'from'],
    ['De : <support@andpc-gouv.fr>,\nObjet : Relance\n\nBonjour', 'from'],
    ['De : support@andpc-gouv.fr>\nObjet : Relance\n\nBonjour', 'from'],
    ['From: ANDPC <Support@ANDPC-gouv.FR>;\n\nBonjour', 'from'],
    ["Répondre à : 'support@andpc-gouv.fr'\n\nBonjour", 'reply_to'],
  ])('one clean indicator from %j', (text, role) => {
    expect(senders(text)).toEqual([['support@andpc-gouv.fr', role]]);
    expect(analyzeText({ kind: 'email', text }).indicators.domains).toEqual(['andpc-gouv.fr']);
  });

  it('reads the address of a raw header without its final dot, and shows where it is', async () => {
    const raw = new TextEncoder().encode('From: "ANDPC" <support@andpc-gouv.fr.>\r\nTo: a@b.fr\r\nSubject: x\r\n\r\nBonjour, support@andpc-gouv.fr.\r\n');
    const analysis = await analyze({ kind: 'email', raw });
    expect(analysis.indicators.emailAddresses.map((a) => a.address)).toEqual(['support@andpc-gouv.fr']);
    expect(analysis.shownText).toContain('De : ANDPC <support@andpc-gouv.fr.>');
  });
});
