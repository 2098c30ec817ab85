/**
 * Properties of the email path (`prepareMessage` / `analyze` with raw bytes): whatever the bytes,
 * headers, body or MIME structure, the result is a well-formed analysis or a MessageInputError, in
 * bounded time, with every offset inside the shown text (see testing/invariants.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, MessageInputError, prepareMessage } from '../../analyze.js';
import { expectSafeOutcome } from '../../testing/invariants.js';

const encoder = new TextEncoder();
const bytesOf = (text: string): Uint8Array => encoder.encode(text);

const HEADER_NAMES = [
  'From', 'To', 'Cc', 'Subject', 'Date', 'Reply-To', 'Return-Path', 'Sender', 'MIME-Version', 'Content-Type',
  'Content-Transfer-Encoding', 'Content-Disposition', 'Authentication-Results', 'Received-SPF', 'Message-ID',
  'received', 'SUBJECT', 'X-Mailer', 'Bad Header', 'Content-Type ', '',
];

const HEADER_VALUES = [
  '"ANDPC - Service Formation" <andpc.formation@gmail.com>', 'Ordre des médecins <ne-pas-repondre@ordre.medecin.fr>',
  '=?utf-8?B?QU5EUEMg4oCTIGRyb2l0cw==?= <a@b.fr>', '=?iso-8859-1?Q?Caf=E9_cr=E8me?=', '=?utf-8?B?####?=', '=?x-unknown?Q?=ZZ?=',
  'text/plain; charset=utf-8', 'text/html; charset="iso-8859-1"', 'text/plain; charset=x-nonexistent',
  'multipart/mixed; boundary="b1"', 'multipart/alternative; boundary=b2', 'multipart/mixed', 'message/rfc822',
  'base64', 'quoted-printable', '8bit', 'x-unknown', 'attachment; filename="facture.pdf.exe"', 'inline; filename=',
  'mx.example; spf=fail smtp.mailfrom=x.ru; dkim=none; dmarc=fail', 'Fail (domain does not designate)', '<>', 'a@',
  '@b', ';;;', '', 'undisclosed-recipients:;', 'Groupe: a@b.fr, c@d.fr;', '<bounce@mailer.ru>', '1.0',
];

const BODIES = [
  'Docteur, vos droits DPC expirent le 31/12 : https://agencedpc-validation.fr/connexion',
  '<html><body><p>Bonjour</p><a href="https://ameli-remboursement.com/x">www.ameli.fr</a><a href="javascript:alert(1)">ici</a></body></html>',
  '<p><b><i>&eacute;&#233;&#xE9;&bogus;&&&<a href=x>', 'SGVsbG8gd29ybGQ=', '@@@not base64!!!==', '=C3=A9t=C3=A9 =\r\n=ZZ=',
  'Rappelez le 08 99 12 34 56 ou le +44 20 7946 0958.', '--b1\r\nContent-Type: text/plain\r\n\r\nradiation\r\n--b1--', '\u0000\u0001\uffff',
  'r a d i a t i o n СЕRTIFICATION \u200bcode\u200b', '',
];

const text = fc.oneof(fc.constantFrom(...BODIES), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme-ascii', maxLength: 200 }));
const eol = fc.constantFrom('\r\n', '\n');

/** A header block of known and odd header names, with values that parse, half parse or do not. */
const headerBlock = fc
  .tuple(
    fc.array(
      fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.oneof(fc.constantFrom(...HEADER_VALUES), fc.string({ unit: 'binary', maxLength: 60 })), fc.boolean()),
      { maxLength: 14 },
    ),
    eol,
  )
  .map(([headers, end]) => ({
    end,
    block: headers.map(([name, value, folded]) => `${name}: ${folded ? value.replace(/ /, `${end} `) : value}`).join(end),
  }));

/** Always starts with two known headers, so the bytes are read as an email file and parsed. */
const withEnvelope = (block: string, end: string): string => `From: a@b.fr${end}Subject: test${end}${block}`;

interface Leaf {
  readonly type: 'leaf';
  readonly contentType: string;
  readonly encoding: string;
  readonly filename: string | null;
  readonly body: string;
}
interface Multi {
  readonly type: 'multi';
  readonly subtype: string;
  readonly boundary: string;
  readonly parts: readonly Part[];
  readonly closed: boolean;
  readonly preamble: string;
}
interface Message {
  readonly type: 'message';
  readonly subject: string;
  readonly inner: Part;
}
type Part = Leaf | Multi | Message;

const { part } = fc.letrec<{ part: Part; leaf: Leaf; multi: Multi; message: Message }>((tie) => ({
  part: fc.oneof({ maxDepth: 5, depthIdentifier: 'mime' }, tie('leaf'), tie('multi'), tie('message')),
  leaf: fc.record({
    type: fc.constant('leaf' as const),
    contentType: fc.constantFrom('text/plain; charset=utf-8', 'text/html', 'application/pdf', 'application/octet-stream', 'image/svg+xml', 'text/plain; charset=bogus', 'bogus'),
    encoding: fc.constantFrom('7bit', 'base64', 'quoted-printable', '8bit', 'bogus'),
    filename: fc.option(fc.constantFrom('releve.pdf', 'facture.pdf.exe', '=?utf-8?B?w6l0w6kuemlw?=', '', 'a'.repeat(300), 'x"y.iso'), { nil: null }),
    body: text,
  }),
  multi: fc.record({
    type: fc.constant('multi' as const),
    subtype: fc.constantFrom('mixed', 'alternative', 'related', 'digest', 'report'),
    boundary: fc.constantFrom('b', 'b1', '----=_Part_0_1', 'x y', '=?', '"', ''),
    parts: fc.array(tie('part'), { maxLength: 4, depthIdentifier: 'mime' }),
    closed: fc.boolean(),
    preamble: fc.constantFrom('', 'This is a multi-part message in MIME format.', '--b'),
  }),
  message: fc.record({
    type: fc.constant('message' as const),
    subject: fc.constantFrom('Fwd: vos droits', '=?utf-8?Q?Re=3A_cotisation?=', ''),
    inner: tie('part'),
  }),
}));

/** Writes a MIME tree; boundaries are reused on purpose at every depth to mix up the parser. */
function serialize(node: Part, end: string): string {
  switch (node.type) {
    case 'leaf': {
      const disposition = node.filename === null ? '' : `Content-Disposition: attachment; filename="${node.filename}"${end}`;
      return `Content-Type: ${node.contentType}${end}Content-Transfer-Encoding: ${node.encoding}${end}${disposition}${end}${node.body}`;
    }
    case 'multi': {
      const inner = node.parts.map((p) => `--${node.boundary}${end}${serialize(p, end)}${end}`).join('');
      return `Content-Type: multipart/${node.subtype}; boundary="${node.boundary}"${end}${end}${node.preamble}${end}${inner}${node.closed ? `--${node.boundary}--${end}` : ''}`;
    }
    case 'message':
      return `Content-Type: message/rfc822${end}${end}From: c@d.fr${end}Subject: ${node.subject}${end}${serialize(node.inner, end)}`;
  }
}

const RUNS = { numRuns: 150 };

describe('email path properties', () => {
  it('arbitrary bytes give an analysis or a French refusal, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), async (bytes, envelope) => {
        const raw = envelope ? new Uint8Array([...bytesOf('From: a@b.fr\r\nSubject: x\r\n\r\n'), ...bytes]) : bytes;
        await expectSafeOutcome(() => analyze({ kind: 'email', raw }));
      }),
      RUNS,
    );
  });

  it('any mix of headers and body gives an analysis or a French refusal', async () => {
    await fc.assert(
      fc.asyncProperty(headerBlock, text, async ({ block, end }, body) => {
        const message = withEnvelope(block, end) + end + end + body;
        await expectSafeOutcome(() => analyze({ kind: 'email', raw: bytesOf(message) }));
        await expectSafeOutcome(() => analyze({ kind: 'email', text: message }));
      }),
      RUNS,
    );
  });

  it('random multipart structures give an analysis or a French refusal', async () => {
    await fc.assert(
      fc.asyncProperty(part, eol, async (tree, end) => {
        const message = `From: "Ordre des médecins" <x@gmail.com>${end}Subject: test${end}MIME-Version: 1.0${end}${serialize(tree, end)}`;
        const outcome = await expectSafeOutcome(() => analyze({ kind: 'email', raw: bytesOf(message) }));
        if ('analysis' in outcome) expect(outcome.analysis.shownText.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('prepareMessage only ever fails with MessageInputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 500 }), headerBlock.map(({ block, end }) => bytesOf(withEnvelope(block, end)))), async (raw) => {
        try {
          const prepared = await prepareMessage({ kind: 'email', raw });
          expect(prepared.partial || prepared.notices.length === 0).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(MessageInputError);
        }
      }),
      RUNS,
    );
  });
});
