import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { MessageInputError } from '../analysis/analyze.js';
import type { MessageKind } from '../analysis/analysis.types.js';
import { emlTooLargeMessage, MAX_EML_BYTES } from '../analysis/messages/email/email-limits.js';
import { MESSAGE_KINDS } from '../analysis/analysis.types.js';
import { runBatch } from './batch-command.js';
import { checkMessage, exitCodeOf } from './check-command.js';
import { formatAnalysis } from './format-analysis.js';
import { EXIT, HELP_TEXT } from './help-text.js';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

interface CheckArguments {
  kind?: MessageKind;
  json: boolean;
  batch?: string;
  file?: string;
}

class UsageError extends Error {}

function parseCheckArguments(args: readonly string[]): CheckArguments {
  const parsed: CheckArguments = { json: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--kind' || arg === '--batch') {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`L’option ${arg} attend une valeur.`);
      i += 1;
      if (arg === '--batch') parsed.batch = value;
      else if ((MESSAGE_KINDS as readonly string[]).includes(value)) parsed.kind = value as MessageKind;
      else throw new UsageError(`Type inconnu « ${value} » : choisissez parmi ${MESSAGE_KINDS.join(', ')}.`);
    } else if (arg.startsWith('--') && arg !== '-') throw new UsageError(`Option inconnue : ${arg}`);
    else if (parsed.file === undefined) parsed.file = arg;
    else throw new UsageError('Un seul fichier à la fois (utilisez --batch pour plusieurs messages).');
  }
  if (parsed.batch === undefined && parsed.file === undefined) throw new UsageError('Indiquez le fichier à analyser, ou « - » pour l’entrée standard.');
  if (parsed.batch !== undefined && parsed.file !== undefined) throw new UsageError('--batch ne se combine pas avec un fichier.');
  return parsed;
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Runs the command line; returns the exit code (documented in the help). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help')) {
    (command === undefined ? io.stderr : io.stdout).write(HELP_TEXT);
    return command === undefined ? EXIT.usage : EXIT.noSignal;
  }
  if (command !== 'check') {
    io.stderr.write(`Commande inconnue : ${command}\n\n${HELP_TEXT}`);
    return EXIT.usage;
  }
  let args: CheckArguments;
  try {
    args = parseCheckArguments(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\nAide : vigie --help\n`);
    return EXIT.usage;
  }
  try {
    if (args.batch !== undefined) {
      const source = args.batch === '-' ? io.stdin : createReadStream(args.batch);
      const errors = await runBatch(source, io.stdout);
      return errors > 0 ? EXIT.batchWithErrors : EXIT.noSignal;
    }
    const file = args.file as string;
    // A file over the limit is refused before it is read (an email of 25 Mo is the most analysed).
    const size = file === '-' ? 0 : (await stat(file)).size;
    if (size > MAX_EML_BYTES) throw new MessageInputError(emlTooLargeMessage(size));
    const bytes = file === '-' ? await readAll(io.stdin) : await readFile(file);
    const analysis = await checkMessage(file, bytes, args.kind);
    io.stdout.write(args.json ? `${JSON.stringify(analysis, null, 2)}\n` : formatAnalysis(analysis));
    return exitCodeOf(analysis);
  } catch (error) {
    if (error instanceof MessageInputError) {
      io.stderr.write(`Message refusé : ${error.message}\n`);
      return EXIT.refusedInput;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      io.stderr.write(`Impossible de lire le fichier : ${(error as NodeJS.ErrnoException).path ?? ''}\n`);
      return EXIT.unreadableInput;
    }
    io.stderr.write(`Erreur interne : ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}
