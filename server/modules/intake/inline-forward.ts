/**
 * Finds a message forwarded inline in the body of an email: the separator line mail clients write
 * (Gmail « ---------- Forwarded message --------- », Thunderbird « -------- Message transféré -------- »,
 * Apple Mail « Début du message réexpédié : », Outlook « -----Message d'origine----- » or a rule of
 * underscores) or, as Outlook does, a bare « De : … Envoyé : … À : … Objet : » block. Pure: text in,
 * parts out, one left-to-right pass over the lines.
 */

export interface ForwardedHeaders {
  /** The « De » value as written (« ANDPC <contact@andpc.fr> »). */
  readonly from: string | null;
  readonly fromName: string | null;
  /** Lower-case address read from the « De » value. */
  readonly fromAddress: string | null;
  readonly date: string | null;
  readonly subject: string | null;
}

export interface InlineForward extends ForwardedHeaders {
  /** What the person forwarding wrote above the forwarded block, trimmed. */
  readonly comment: string;
  /** The forwarded message's text, below its header block (innermost one when forwarded again). */
  readonly body: string;
}

type Field = 'from' | 'date' | 'subject' | 'to' | 'cc' | 'other';

/** Labels folded (lower case, no accents, no stars); anything else in a header block is skipped. */
const LABELS: Readonly<Record<string, Field>> = {
  de: 'from', from: 'from', expediteur: 'from', von: 'from',
  date: 'date', envoye: 'date', 'envoye le': 'date', sent: 'date', 'date d\'envoi': 'date',
  objet: 'subject', subject: 'subject', sujet: 'subject', betreff: 'subject',
  a: 'to', to: 'to', pour: 'to', destinataire: 'to', destinataires: 'to', an: 'to',
  cc: 'cc', cci: 'cc', bcc: 'cc',
  'repondre a': 'other', 'reply-to': 'other', importance: 'other', 'pieces jointes': 'other', attachments: 'other',
};

const SEPARATOR =
  /^-{2,}\s*(forwarded message|message transf[ée]r[ée]|original message|message d['’]origine|message d['’]orig\.?|forwarded e-?mail)\s*-{2,}\s*$/i;
const APPLE_MARKER = /^(d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message|message transf[ée]r[ée])\s*:?\s*$/i;
const RULE = /^_{8,}\s*$/;
const HEADER_LINE = /^\*?([\p{L}][\p{L}' ’.-]{0,24}?)\*?[ \t\u00a0\u202f]*[:：]\*?[ \t\u00a0\u202f]*(.*)$/u;
const ADDRESS = /[\p{L}\p{N}._%+'!#$&*/=?^`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/** Deepest forward-of-a-forward followed to reach the original. */
const MAX_DEPTH = 5;
/** A header block longer than this is not one. */
const MAX_HEADER_LINES = 15;

function foldLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[*’]/g, (c) => (c === '’' ? "'" : ''))
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function headerField(line: string): { field: Field; value: string } | null {
  const match = HEADER_LINE.exec(line.trim());
  if (!match) return null;
  const field = LABELS[foldLabel(match[1]!)];
  return field ? { field, value: match[2]!.replace(/^\*+|\*+$/g, '').trim() } : null;
}

/** Address and display name of a « De » value: « Name <a@b> », « Name [mailto:a@b] », « a@b ». */
export function readMailbox(value: string): { name: string | null; address: string | null } {
  const bracketed = /<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+)\s*>|\[\s*mailto:([^\]\s]+@[^\]\s]+)\s*\]/i.exec(value);
  const raw = bracketed ? (bracketed[1] ?? bracketed[2]!) : ADDRESS.exec(value)?.[0];
  const address = raw && ADDRESS.test(raw) && raw.length <= 254 ? raw.toLowerCase() : null;
  const name = (bracketed ? value.slice(0, bracketed.index) : raw ? value.replace(raw, '') : value)
    .replace(/["'*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name: name === '' ? null : name.slice(0, 120), address };
}

interface HeaderBlock extends ForwardedHeaders {
  /** Index of the first body line. */
  readonly bodyStart: number;
  readonly fields: number;
  readonly hasTo: boolean;
}

/** Reads the header block starting at `start` (blank lines before it skipped). */
function readHeaderBlock(lines: readonly string[], start: number): HeaderBlock | null {
  let i = start;
  while (i < lines.length && lines[i]!.trim() === '') i += 1;
  const values: Partial<Record<Field, string>> = {};
  let last: Field | null = null;
  let fields = 0;
  let read = 0;
  for (; i < lines.length && read < MAX_HEADER_LINES; i += 1, read += 1) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    const header = headerField(line);
    if (header) {
      if (values[header.field] === undefined) values[header.field] = header.value;
      last = header.field;
      fields += 1;
    } else if (last === 'to' || last === 'cc') {
      // Long recipient lists wrap onto the next lines.
      continue;
    } else if (fields === 0) {
      return null;
    } else {
      break;
    }
  }
  if (fields === 0 || values.from === undefined) return null;
  const mailbox = readMailbox(values.from);
  return {
    from: values.from,
    fromName: mailbox.name,
    fromAddress: mailbox.address,
    date: values.date ?? null,
    subject: values.subject ?? null,
    bodyStart: i,
    fields,
    hasTo: values.to !== undefined,
  };
}

/** Lines of a quoted forward (« > De : … ») lose one level of quoting. */
function unquote(lines: readonly string[]): string[] {
  const quoted = lines.filter((l) => l.trim() !== '');
  if (quoted.length === 0 || !quoted.every((l) => /^\s*>/.test(l))) return [...lines];
  return lines.map((l) => l.replace(/^\s*> ?/, ''));
}

function findForward(lines: readonly string[]): { at: number; block: HeaderBlock } | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.replace(/^\s*(>\s*)+/, '').trim();
    if (line === '') continue;
    if (SEPARATOR.test(line) || APPLE_MARKER.test(line)) {
      const rest = unquote(lines.slice(i + 1));
      const block = readHeaderBlock(rest, 0);
      if (block && (block.subject !== null || block.date !== null || block.fromAddress !== null)) {
        return { at: i, block: { ...block, bodyStart: i + 1 + block.bodyStart } };
      }
      continue;
    }
    if (RULE.test(line)) {
      const block = readHeaderBlock(lines, i + 1);
      if (block && block.subject !== null && (block.date !== null || block.hasTo)) return { at: i, block };
      continue;
    }
    // Outlook without a separator: « De : » then the date, the recipients and the subject.
    const header = headerField(line);
    if (header?.field === 'from') {
      const block = readHeaderBlock(lines, i);
      if (block && block.subject !== null && block.date !== null && block.fields >= 3) return { at: i, block };
    }
  }
  return null;
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The forwarded message in `text`, or null when there is none. When the forwarded text is itself a
 * forward, the innermost message is returned (with the outermost comment).
 */
export function extractInlineForward(text: string): InlineForward | null {
  const lines = normaliseNewlines(text).split('\n');
  const found = findForward(lines);
  if (!found) return null;
  const comment = lines.slice(0, found.at).join('\n').trim();
  let block = found.block;
  let body = unquote(lines.slice(block.bodyStart));
  for (let depth = 1; depth < MAX_DEPTH; depth += 1) {
    const nested = findForward(body);
    if (!nested) break;
    block = nested.block;
    body = unquote(body.slice(block.bodyStart));
  }
  return {
    comment,
    from: block.from,
    fromName: block.fromName,
    fromAddress: block.fromAddress,
    date: block.date,
    subject: block.subject,
    body: body.join('\n').trim(),
  };
}

/**
 * The forwarded message rewritten as a pasted email for the analysis: « De : », « Date : »,
 * « Objet : » lines (the analysis reads the sender from them), a blank line, the body. The « À »
 * line is left out: it holds the doctor's own address, which must never link reports together.
 */
export function forwardedAsPastedEmail(forward: ForwardedHeaders & { body: string }): string {
  const head: string[] = [];
  if (forward.fromAddress) head.push(`De : ${forward.fromName ? `${forward.fromName} ` : ''}<${forward.fromAddress}>`);
  else if (forward.from) head.push(`De : ${forward.from}`);
  if (forward.date) head.push(`Date : ${forward.date}`);
  if (forward.subject) head.push(`Objet : ${forward.subject}`);
  return `${head.join('\n')}\n\n${forward.body}`.trim();
}
