import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '../../contracts/errors.js';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 413,
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
      req.log.error({ err: { type: err.name, code: (err as FastifyError).code, message: err.message, stack: err.stack } }, 'request failed');
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
