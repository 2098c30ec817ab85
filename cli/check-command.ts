import { analyze } from '../analysis/analyze.js';
import type { Analysis, MessageInput, MessageKind } from '../analysis/analysis.types.js';
import { looksLikeMime } from '../analysis/messages/email/parse-email.js';
import { parseLinkCandidate } from '../analysis/messages/links/extract-links.js';
import { EXIT } from './help-text.js';

/** Guesses the kind of a message given without --kind. */
export function guessKind(fileName: string, text: string): MessageKind {
  const trimmed = text.trim();
  if (fileName.toLowerCase().endsWith('.eml') || looksLikeMime(text)) return 'email';
  if (!/\s/.test(trimmed) && parseLinkCandidate(trimmed) !== null) return 'link';
  const digits = trimmed.replace(/[^0-9]/g, '').length;
  if (/^\+?[0-9 ().\-/]{4,30}$/.test(trimmed) && digits >= 4 && digits <= 15) return 'phone';
  return 'sms';
}

/** Builds the analysis input from file bytes: an email file stays bytes (MIME), the rest is text. */
export function toInput(kind: MessageKind, bytes: Uint8Array): MessageInput {
  const text = new TextDecoder().decode(bytes);
  return kind === 'email' && looksLikeMime(text) ? { kind, raw: bytes } : { kind, text };
}

export function exitCodeOf(analysis: Analysis): number {
  if (analysis.verdict === 'fraude_probable') return EXIT.likelyFraud;
  return analysis.verdict === 'suspect' ? EXIT.suspect : EXIT.noSignal;
}

export async function checkMessage(fileName: string, bytes: Uint8Array, kind: MessageKind | undefined): Promise<Analysis> {
  const text = new TextDecoder().decode(bytes);
  const chosen = kind ?? guessKind(fileName, text);
  return analyze(toInput(chosen, bytes));
}
