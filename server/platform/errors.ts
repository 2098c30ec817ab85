import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '../../contracts/errors.js';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 413,
  EML_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  ACCOUNT_DISABLED: 403,
  SECOND_FACTOR_REQUIRED: 403,
  OUT_OF_SCOPE: 403,
  CANNOT_CHANGE_OWN_ACCOUNT: 403,
  RATE_LIMITED: 429,
  LOGIN_THROTTLED: 429,
  EMAIL_TAKEN: 409,
  INVALID_STATE: 409,
  FOUR_EYES_REQUIRED: 403,
  IN_PERSON_CHECK_REQUIRED: 403,
  STEP_UP_REQUIRED: 403,
  SELF_SERVICE_REQUIRES_2FA: 403,
  NO_REGISTRY_RECORD: 404,
  RECORD_FROZEN: 409,
  STALE_VERSION: 409,
  UPLOADS_BUSY: 503,
  CAMPAIGN_SHARED: 403,
  IDENTITY_DOCUMENT_INVALID: 400,
  IDENTITY_DOCUMENT_MISMATCH: 409,
  IDENTITY_DOCUMENT_EXPIRED: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

type Details = ApiErrorBody['error']['details'];

/** The one error type of Vigie: a stable code, a French message for the user, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: Details;

  constructor(code: ErrorCode, details?: Details, message: string = ERROR_MESSAGES[code]) {
    super(message);
    this.code = code;
    this.statusCode = STATUS_BY_CODE[code] ?? 400;
    this.details = details;
  }
}

/** Validation error for one field, shaped like a schema failure so the UI shows it by the field. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001']);

function isDatabaseUnavailable(err: unknown): boolean {
  // Drizzle wraps driver errors: look down the cause chain.
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return true;
    if (/Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(e.message ?? '')) return true;
  }
  return false;
}

type ErrorLike = { name?: string; code?: unknown; message?: string; stack?: string; cause?: unknown } & Record<string, unknown>;

/** The error and the errors it wraps (Drizzle puts the driver's error in `cause`), outermost first. */
function causeChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as ErrorLike).cause, depth++) chain.push(e as ErrorLike);
  return chain;
}

/** An error PostgreSQL sent back (pg and PGlite alike): a five-character SQLSTATE and where it was raised. */
function isDriverError(e: ErrorLike): boolean {
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && ('severity' in e || 'routine' in e);
}

/** Drizzle's wrapper (and PGlite's own errors) carry the query text and every parameter bound to it. */
function carriesQuery(e: ErrorLike): boolean {
  return e.name === 'DrizzleQueryError' || 'query' in e || 'params' in e || /^Failed query:/.test(e.message ?? '');
}

/** What names where a query failed, never what it carried: the message and detail quote the values. */
const SAFE_DATABASE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;

/** The stack's frames without its first line, which repeats the message. */
function stackFrames(e: ErrorLike): string | undefined {
  return e.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
}

/**
 * What of an unexpected error may reach the log. A database error (or any error wrapping one) is
 * summarised by its SQLSTATE, constraint, table and column: its message, detail, query and parameters
 * quote the values of the row (addresses, report text, names, token hashes) and never leave the process.
 * Other errors keep their message, written by our code or a library, not by a user.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  const chain = causeChain(err);
  const top = chain[0] ?? {};
  const summary: Record<string, unknown> = { type: chain.map((e) => e.name ?? typeof e).join(' < '), stack: stackFrames(top) };
  const driver = chain.find(isDriverError);
  if (!driver && !chain.some(carriesQuery)) return { ...summary, code: top.code, message: top.message };
  const database: Record<string, unknown> = {};
  for (const field of SAFE_DATABASE_FIELDS) if (typeof driver?.[field] === 'string') database[field] = driver[field];
  // A connection failure has a Node code (ECONNREFUSED) and no SQLSTATE.
  return { ...summary, code: chain.find((e) => typeof e.code === 'string')?.code, database };
}

function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return new AppError('VALIDATION_FAILED', {
      fields: err.validation.flatMap((v) => {
        const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const unknownKeys = (v.params as { keys?: string[] }).keys;
        if (v.keyword === 'unrecognized_keys' && unknownKeys) {
          return unknownKeys.map((k) => ({ path: base ? `${base}.${k}` : k, message: 'Champ non autorisé.' }));
        }
        return [{ path: base || (err.validationContext ?? ''), message: v.message ?? 'Valeur invalide.' }];
      }),
    });
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe.statusCode === 400 && err instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (isDatabaseUnavailable(err)) return new AppError('SERVICE_UNAVAILABLE');
  return new AppError('INTERNAL');
}

/** One handler, one envelope: `{ error: { code, message, details, requestId } }`, never a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL' || appError.code === 'SERVICE_UNAVAILABLE') {
      req.log.error({ error: loggableError(err) }, 'request failed');
    }
    const body: ApiErrorBody = {
      error: { code: appError.code, message: appError.message, requestId: String(req.id) },
    };
    if (appError.details) body.error.details = appError.details;
    if (appError.code === 'RATE_LIMITED' || appError.code === 'LOGIN_THROTTLED') {
      const retry = appError.details?.retryAfterSeconds;
      if (retry) void reply.header('retry-after', String(retry));
    }
    void reply.status(appError.statusCode).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    const body: ApiErrorBody = {
      error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND, requestId: String(req.id) },
    };
    void reply.status(404).send(body);
  });
}
