// The standard PDF fonts (no font file to ship) encode WinAnsi: Latin-1 plus the Windows-1252 extras
// (œ, €, curly quotes, dashes). Anything else would print as garbage, so it is replaced, and said so.
// (Node's TextDecoder reads windows-1252 as Latin-1, so the extras are listed: bytes 0x80 to 0x9f, '' unused.)
export const WIN_ANSI_0X80 = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];
const WIN_ANSI_EXTRAS = new Set(WIN_ANSI_0X80.filter((c) => c !== ''));
const isWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRAS.has(ch);
};

/** Text the standard fonts can print: NFC, tabs as spaces, no control characters, others approximated or « ? ». */
export function toPrintable(text: string): { text: string; replaced: boolean } {
  let replaced = false;
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const code = ch.codePointAt(0)!;
    // Control and zero-width characters carry nothing to print.
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) continue;
    const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (stripped !== '' && [...stripped].every(isWinAnsi)) out += stripped;
    else {
      out += '?';
      replaced = true;
    }
  }
  return { text: out, replaced };
}
