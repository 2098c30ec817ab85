import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { MessageKind } from '../analysis/analysis.types.js';
import { MESSAGE_KINDS } from '../analysis/analysis.types.js';
import { runBatch } from './batch-command.js';
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
  jobs?: number;
  file?: string;
}

/** Most worker threads --jobs accepts: far above the cores of a machine that runs Vigie. */
const MAX_JOBS = 64;

class UsageError extends Error {}

function parseCheckArguments(args: readonly string[]): CheckArguments {
  const parsed: CheckArguments = { json: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--kind' || arg === '--batch' || arg === '--jobs') {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`L’option ${arg} attend une valeur.`);
      i += 1;
      if (arg === '--batch') parsed.batch = value;
      else if (arg === '--jobs') parsed.jobs = parseJobs(value);
      else if ((MESSAGE_KINDS as readonly string[]).includes(value)) parsed.kind = value as MessageKind;
      else throw new UsageError(`Type inconnu « ${value} » : choisissez parmi ${MESSAGE_KINDS.join(', ')}.`);
    } else if (arg.startsWith('--') && arg !== '-') throw new UsageError(`Option inconnue : ${arg}`);
    else if (parsed.file === undefined) parsed.file = arg;
    else throw new UsageError('Un seul fichier à la fois (utilisez --batch pour plusieurs messages).');
  }
  if (parsed.batch === undefined && parsed.file === undefined) throw new UsageError('Indiquez le fichier à analyser, ou « - » pour l’entrée standard.');
  if (parsed.batch !== undefined && parsed.file !== undefined) throw new UsageError('--batch ne se combine pas avec un fichier.');
  if (parsed.jobs !== undefined && parsed.batch === undefined) throw new UsageError('--jobs ne s’emploie qu’avec --batch.');
  return parsed;
}

function parseJobs(value: string): number {
  const jobs = /^[0-9]{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (jobs >= 1 && jobs <= MAX_JOBS) return jobs;
  throw new UsageError(`--jobs attend un nombre entier de 1 à ${MAX_JOBS}, pas « ${value} » (nombre de cœurs de cette machine : ${availableParallelism()}).`);
}

/** An empty input or a folder is a mistake in the command, not a message to refuse: code 64. */
function usageError(io: CliIo, message: string): number {
  io.stderr.write(`${message}\nAide : vigie --help\n`);
  return EXIT.usage;
}

/** What a caller may replace: a test gives its own batch worker. */
export interface CliOptions {
  readonly batchWorker?: URL;
}

/** Runs the command line; returns the exit code (documented in the help). */
export async function main(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
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
    return usageError(io, error.message);
  }
  try {
    const path = args.batch ?? (args.file as string);
    if (path !== '-' && (await stat(path)).isDirectory()) return usageError(io, `« ${path} » est un dossier : indiquez un fichier.`);
    if (args.batch !== undefined) {
      const source = args.batch === '-' ? io.stdin : createReadStream(args.batch);
      const jobs = args.jobs ?? availableParallelism();
      const { messages, errors } = await runBatch(source, io.stdout, { jobs, workerUrl: options.batchWorker });
      if (messages === 0) return usageError(io, `${args.batch === '-' ? 'L’entrée standard' : `Le fichier « ${args.batch} »`} ne contient aucune ligne à analyser.`);
      return errors > 0 ? EXIT.batchWithErrors : EXIT.noSignal;
    }
    // The engine is loaded here, not on start: the help and a batch analysed by workers start without it.
    const { checkFile, EmptyInputError } = await import('./check-command.js');
    try {
      return await checkFile(path, args.kind, args.json, io);
    } catch (error) {
      if (error instanceof EmptyInputError) return usageError(io, `${path === '-' ? 'L’entrée standard est vide' : `Le fichier « ${path} » est vide`} : rien à analyser.`);
      throw error;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES') {
      io.stderr.write(`Impossible de lire le fichier : ${(error as NodeJS.ErrnoException).path ?? ''}\n`);
      return EXIT.unreadableInput;
    }
    io.stderr.write(`Erreur interne : ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}
