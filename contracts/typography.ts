// French typography, applied once at render time to what a person reads (the web app's text nodes,
// mails): a no-break space before « : » and inside « », a narrow no-break space before « ; ! ? », the
// typographic apostrophe, phone numbers that do not break across lines. It only ever turns an existing
// space into a no-break one (it never adds a space, so « https: » and « 10:30 » stay), and it leaves
// alone what is not prose: addresses, links, codes.

export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/** A token that is an address, a link, a path or a code: left exactly as written. */
const VERBATIM = /^(?:\S*@\S+|[a-z][a-z0-9+.-]*:\/\/\S*|www\.\S+|\S*[/\\]\S*|\S*[=<>{}[\]`|]\S*)$/i;

/** « 01 23 45 67 89 », « 01.23.45.67.89 », « +33 1 23 45 67 89 », « 0 800 288 038 » (grouped as written). */
const PHONE = /(?<![\d\p{L}])(?:\+33[ .]?[1-9]|0[1-9])(?:[ .]\d{2}){4}(?![\d\p{L}])|(?<![\d\p{L}])0 ?[89]\d{2} \d{3} \d{3}(?![\d\p{L}])/gu;

function typesetProse(text: string): string {
  return (
    text
      // The apostrophe between two letters (l'Ordre, aujourd'hui), never a quotation mark.
      .replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
      .replace(/« +/g, `«${NBSP}`)
      .replace(/ +»/g, `${NBSP}»`)
      .replace(/ +:(?=\s|$)/g, `${NBSP}:`)
      .replace(/ +([;!?])/g, `${NNBSP}$1`)
  );
}

/** The text with French typography; idempotent, and the identity on text without any of its cases. */
export function frenchTypography(text: string): string {
  if (!/['«»:;!?]|\d \d|\d\.\d/.test(text)) return text;
  // Whitespace-separated tokens keep their separators; verbatim tokens are not touched.
  const parts = text.split(/(\s+)/);
  let out = '';
  let prose = '';
  const flush = () => {
    out += typesetProse(prose);
    prose = '';
  };
  for (const part of parts) {
    if (part !== '' && !/^\s+$/.test(part) && VERBATIM.test(part)) {
      flush();
      out += part;
    } else {
      prose += part;
    }
  }
  flush();
  return out.replace(PHONE, (phone) => phone.replace(/ /g, NBSP));
}
