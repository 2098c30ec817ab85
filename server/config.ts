import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'], { error: 'attendu : true ou false' })
  .transform((v) => v === 'true' || v === '1');

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'attendu : un numéro de port' }).int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url({ error: 'attendu : une URL complète, par exemple https://vigie.ordre.example' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'attendu : une URL postgres://utilisateur@hôte:port/base' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  VIGIE_DATA_DIR: z.string().min(1).default('./data'),
  VIGIE_SECRET: z.string().min(32, { error: 'attendu : au moins 32 caractères aléatoires' }).optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  COOKIE_SECURE: booleanFromEnv.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  CHECK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: 'attendu : une URL smtp://utilisateur:motdepasse@hôte:port ou smtps://…' })
    .optional(),
  SMTP_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  MAIL_FROM: z.string().min(3).default('Vigie — Ordre des médecins <no-reply@vigie.localhost>'),
  JOBS_ENABLED: booleanFromEnv.default(true),
  REGISTRY_COOLING_HOURS: z.coerce.number({ error: 'attendu : un nombre d’heures' }).int().min(0).max(24 * 60).default(72),
});

export type Env = z.infer<typeof ZEnv>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  /** Undefined until main.ts supplies one (generated and kept under the data dir in development). */
  secret: string | undefined;
  trustProxy: boolean;
  cookieSecure: boolean;
  logLevel: Env['LOG_LEVEL'];
  bodyLimitBytes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  checkRateLimitPerMinute: number;
  /** Undefined = development catcher on smtpCatcherPort (refused in production). */
  smtpUrl: string | undefined;
  smtpCatcherPort: number;
  mailFrom: string;
  jobsEnabled: boolean;
  /** Hours before new contact details count for sensitive operations (card issuance exports). */
  registryCoolingHours: number;
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once, at boot. Throws ConfigError naming every bad variable and
 * what it expects; main.ts prints it and exits.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const missing: string[] = [];
    if (!e.VIGIE_SECRET) missing.push('  - VIGIE_SECRET : obligatoire en production (au moins 32 caractères aléatoires)');
    if (!e.SMTP_URL) missing.push('  - SMTP_URL : obligatoire en production (serveur de messagerie sortant)');
    if (!e.PUBLIC_URL) missing.push("  - PUBLIC_URL : obligatoire en production (adresse publique de Vigie, pour les liens des courriels)");
    if (missing.length) throw new ConfigError(`Configuration invalide :\n${missing.join('\n')}`);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.VIGIE_DATA_DIR,
    secret: e.VIGIE_SECRET,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    checkRateLimitPerMinute: e.CHECK_RATE_LIMIT_PER_MINUTE,
    smtpUrl: e.SMTP_URL,
    smtpCatcherPort: e.SMTP_CATCHER_PORT,
    mailFrom: e.MAIL_FROM,
    jobsEnabled: e.JOBS_ENABLED,
    registryCoolingHours: e.REGISTRY_COOLING_HOURS,
  };
}
