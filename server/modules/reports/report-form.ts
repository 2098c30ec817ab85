import type { Multipart } from '@fastify/multipart';
import {
  formatByteLimit,
  MAX_DESCRIPTION_CHARS,
  MAX_PASTED_TEXT_CHARS,
  MAX_REPORT_LINKS,
  REPORT_CONSEQUENCES,
  REPORT_FILE_FIELD,
  REPORT_LIST_FIELDS,
} from '../../../contracts/reports.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { stripControlCharacters } from '../../platform/http/control-characters.js';
import { receiveAttachment, removeAttachments, tooManyFiles, type ReceivedAttachment } from './report-attachments.js';

// The multipart/form-data report form: text fields gathered (control characters stripped, a running
// byte budget), files streamed one by one into the store as they arrive. Nothing of a file is held
// whole in memory; on any refusal, every file already stored for the request is removed.

const MAX_FIELD_NAME_BYTES = 100;
/** The longest text field, pastedText, in UTF-8 (at most 3 bytes per UTF-16 unit), plus room to spare. */
const MAX_FIELD_BYTES = MAX_PASTED_TEXT_CHARS * 3 + 1024;
/** Scalar fields of the anonymous form (the largest), then one part per link and per consequence. */
const MAX_FIELDS = 16 + MAX_REPORT_LINKS + REPORT_CONSEQUENCES.length;

/**
 * The text a filing may carry, in bytes: the two long fields at their maximum in UTF-8 plus room for the
 * short ones. It is also the JSON body limit of the report routes (a JSON filing carries no file).
 */
export const REPORT_TEXT_BYTES = (MAX_PASTED_TEXT_CHARS + MAX_DESCRIPTION_CHARS) * 3 + 256 * 1024;

/**
 * The parser limits of the report routes: a hostile request cannot make the server read more than
 * (uploadMaxFiles + 1) × (uploadMaxBytes + 1) bytes of files — the extra file is refused as soon as its
 * part starts, the extra byte as soon as it arrives — plus REPORT_TEXT_BYTES of text fields.
 */
export function multipartLimits(deps: ServiceDeps) {
  return {
    fieldNameSize: MAX_FIELD_NAME_BYTES,
    fieldSize: MAX_FIELD_BYTES,
    fields: MAX_FIELDS,
    fileSize: deps.config.uploadMaxBytes + 1,
    files: deps.config.uploadMaxFiles + 1,
    parts: MAX_FIELDS + deps.config.uploadMaxFiles + 1,
    headerPairs: 10,
  };
}

/** The most a legitimate multipart filing can weigh: every file at its limit, the text, part headers. */
export function multipartBound(deps: ServiceDeps): number {
  return (deps.config.uploadMaxFiles + 1) * (deps.config.uploadMaxBytes + 1) + REPORT_TEXT_BYTES + 64 * 1024;
}

export interface ReceivedForm {
  /** The text fields, shaped for the zod schema (lists as arrays, « true »/« false » as booleans). */
  fields: Record<string, unknown>;
  attachments: ReceivedAttachment[];
}

const MALFORMED = 'Le formulaire envoyé est incomplet ou mal formé (multipart/form-data attendu, fichiers dans des parties « attachments »).';

/** The French error for what the multipart parser refused (limits, broken bodies); null for anything else. */
function multipartError(err: unknown, deps: ServiceDeps): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return tooManyFiles(deps.config.uploadMaxFiles);
    case 'FST_REQ_FILE_TOO_LARGE': {
      // A backstop: the store refuses the extra byte first, naming the file.
      const message = `Un fichier dépasse la taille maximale de ${formatByteLimit(deps.config.uploadMaxBytes)} par fichier.`;
      return new AppError('UPLOAD_REJECTED', { fields: [{ path: 'attachments', message }] }, message);
    }
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('BODY_TOO_LARGE');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('VALIDATION_FAILED', undefined, MALFORMED);
  }
  // Busboy's own refusals (no boundary, broken part headers, body cut short) are plain Errors.
  if (err instanceof Error && !(err instanceof AppError) && /^(Multipart: |Boundary required|Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data)/.test(err.message)) {
    return new AppError('VALIDATION_FAILED', undefined, MALFORMED);
  }
  return null;
}

/**
 * Reads a report's multipart body part by part: text fields into memory (control characters stripped,
 * at most REPORT_TEXT_BYTES in all), each file streamed into the store through receiveAttachment, a file
 * beyond config.uploadMaxFiles refused as its part begins. Throws UPLOAD_REJECTED, BODY_TOO_LARGE or
 * VALIDATION_FAILED; every file stored for the request is removed before it throws.
 */
export async function receiveReportForm(deps: ServiceDeps, parts: () => AsyncIterable<Multipart>): Promise<ReceivedForm> {
  const raw = new Map<string, string[]>();
  const attachments: ReceivedAttachment[] = [];
  let textBytes = 0;
  try {
    for await (const part of parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== REPORT_FILE_FIELD) throw new AppError('VALIDATION_FAILED', { fields: [{ path: stripControlCharacters(part.fieldname), message: `Champ non autorisé : les fichiers se joignent dans des parties « ${REPORT_FILE_FIELD} ».` }] });
        if (attachments.length >= deps.config.uploadMaxFiles) throw tooManyFiles(deps.config.uploadMaxFiles);
        attachments.push(await receiveAttachment(deps, { source: part.file, rawFileName: part.filename, origin: 'televersement', index: attachments.length }));
        continue;
      }
      const name = stripControlCharacters(part.fieldname);
      if (part.fieldnameTruncated || typeof part.value !== 'string') throw new AppError('VALIDATION_FAILED', { fields: [{ path: name, message: 'Valeur texte attendue.' }] });
      textBytes += Buffer.byteLength(part.value);
      if (part.valueTruncated || textBytes > REPORT_TEXT_BYTES) throw new AppError('BODY_TOO_LARGE');
      raw.set(name, [...(raw.get(name) ?? []), stripControlCharacters(part.value)]);
    }
  } catch (err) {
    await removeAttachments(deps, attachments);
    throw multipartError(err, deps) ?? err;
  }
  return { fields: shapeFields(raw), attachments };
}

/** Form values as the zod schema reads them: lists for the repeated fields, booleans, empty as absent. */
function shapeFields(raw: Map<string, string[]>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, values] of raw) {
    if ((REPORT_LIST_FIELDS as readonly string[]).includes(name)) fields[name] = values;
    // A field sent twice stays a list, and the schema refuses it by name.
    else if (values.length > 1) fields[name] = values;
    else if (name === 'pseudonymous') fields[name] = values[0] === 'true' || values[0] === 'on' ? true : values[0] === 'false' ? false : values[0];
    else if (name === 'occurredOn' || name === 'departement') fields[name] = values[0] === '' ? null : values[0];
    else fields[name] = values[0];
  }
  return fields;
}
