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
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'attendu : une URL postgres://propriétaire@hôte:port/base' })
    .optional(),
  VIGIE_INSTANCES: z.coerce.number({ error: "attendu : le nombre d'instances de Vigie" }).int().min(1).max(64).default(1),
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
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_STORE: z.enum(['local', 'postgres', 's3'], { error: 'attendu : local, postgres ou s3' }).optional(),
  S3_ENDPOINT: z.url({ error: 'attendu : une URL, par exemple https://s3.ordre.example' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(true),
  UPLOAD_MAX_CONCURRENT_ANONYMOUS: z.coerce.number().int().min(1).max(100).default(4),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(20).default(5),
  CLAMD_URL: z.string().regex(/^(tcp:\/\/[^/]+:[0-9]+|unix:\/.+)$/, { error: 'attendu : tcp://hôte:port ou unix:/chemin/clamd.ctl' }).optional(),
  REPORT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  INTAKE_SMTP_ENABLED: booleanFromEnv.default(true),
  INTAKE_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  INTAKE_SMTP_PORT: z.coerce.number({ error: 'attendu : un numéro de port' }).int().min(0).max(65535).default(2525),
  INTAKE_ADDRESS: z.string().min(3).default('signalement@vigie.localhost'),
  INTAKE_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(25 * 1024 * 1024),
  INTAKE_MAX_MESSAGES_PER_CONNECTION: z.coerce.number().int().min(1).default(20),
  INTAKE_MAX_CONNECTIONS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  CAMPAIGN_LINK_LIMIT: z.coerce.number().int().min(2).default(50),
  INDICATOR_EXPIRY_DAYS: z.coerce.number().int().min(1).default(180),
  ALERT_SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(400),
  ALERT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PASSWORD_RESET_PER_ACCOUNT_PER_HOUR: z.coerce.number().int().min(1).max(100).default(3),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  // The RSA for one person, 646,52 € from 1 April 2025 (server/modules/entraide/reste-a-vivre.ts).
  // The site's identity and contacts (legal notice, personal data, security.txt): the council's own.
  VIGIE_PUBLISHER: z.string().trim().min(3).max(200).default("Conseil national de l'Ordre des médecins"),
  VIGIE_PUBLISHER_ADDRESS: z.string().trim().min(3).max(300).default('4, rue Léon Jost, 75855 Paris Cedex 17'),
  VIGIE_PUBLICATION_DIRECTOR: z.string().trim().min(3).max(200).default("Le président du Conseil national de l'Ordre des médecins"),
  VIGIE_HOSTING: z.string().trim().min(3).max(300).default("Conseil national de l'Ordre des médecins, sur ses propres serveurs"),
  VIGIE_CONTACT_EMAIL: z.email({ error: 'attendu : une adresse électronique, par exemple contact@vigie.ordre.example' }).default('contact@vigie.localhost'),
  VIGIE_DPO_CONTACT: z.email({ error: 'attendu : l’adresse électronique du délégué à la protection des données' }).default('dpo@vigie.localhost'),
  VIGIE_SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, { error: 'attendu : mailto:adresse ou une URL https:// (RFC 9116)' })
    .optional(),
  ENTRAIDE_RSA_FLOOR_CENTS: z.coerce.number({ error: 'attendu : le montant forfaitaire du RSA pour une personne seule, en centimes' }).int().min(1).max(1_000_000).default(64_652),
});

export type Env = z.infer<typeof ZEnv>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /**
   * Owner role's connection (PostgreSQL server): `npm run db:migrate` uses it, and a start applies
   * migrations only when it is set. The application role (DATABASE_URL) never runs DDL.
   */
  migrationDatabaseUrl: string | undefined;
  /** How many instances the operator declares behind the load balancer (a local upload folder needs 1). */
  instances: number;
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
  /** Where uploaded copies of exchanges are kept, outside the web root (default: <dataDir>/uploads). */
  uploadDir: string;
  /** Where upload bytes live: local folder, PostgreSQL (default with DATABASE_URL) or S3-compatible storage. */
  uploadStore: UploadStoreConfig;
  uploadMaxBytes: number;
  uploadMaxFiles: number;
  /** Anonymous report filings with files processed at once per instance; others wait their turn or get 503. */
  uploadMaxConcurrentAnonymous: number;
  /** clamd socket (production antivirus); undefined = no scanner, files recorded as not scanned. */
  clamdUrl: string | undefined;
  reportRateLimitPerMinute: number;
  intakeSmtp: {
    enabled: boolean;
    host: string;
    /** 0 = any free port (tests). */
    port: number;
    /** The council's reporting address doctors forward suspicious emails to. */
    address: string;
    maxMessageBytes: number;
    maxMessagesPerConnection: number;
    maxConnectionsPerIpPerMinute: number;
  };
  /** An indicator that would link more unrelated reports than this is held for an agent's decision. */
  campaignLinkLimit: number;
  indicatorExpiryDays: number;
  alertSendRatePerSecond: number;
  /** How long a worker holds a claimed delivery before another may take it over (crash recovery). */
  alertLeaseSeconds: number;
  /** Password-reset emails per account per hour, whatever address asks. */
  passwordResetPerAccountPerHour: number;
  /** Signed audit-chain checkpoints written outside the database; intervalMinutes 0 = none. */
  auditCheckpoint: { dir: string; intervalMinutes: number };
  /** The reste à vivre per consumption unit is compared with this (revalued each April). */
  entraideRsaFloorCents: number;
  /** Who publishes the service and how to reach them: legal notice, personal data page, security.txt. */
  site: SiteConfig;
}

export interface SiteConfig {
  publisher: string;
  publisherAddress: string;
  publicationDirector: string;
  hosting: string;
  contactEmail: string;
  dpoContact: string;
  /** A mailto: or https: URI for security.txt (default: mailto: the contact address). */
  securityContact: string;
}

export type UploadStoreConfig =
  | { kind: 'local' }
  | { kind: 'postgres' }
  | { kind: 's3'; endpoint: string; region: string; bucket: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };

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
  const uploadStore = uploadStoreOf(e);
  if (e.VIGIE_INSTANCES > 1 && uploadStore.kind === 'local') {
    throw new ConfigError(
      "Configuration invalide :\n  - UPLOAD_STORE : avec plusieurs instances (VIGIE_INSTANCES > 1), les fichiers déposés doivent être partagés : choisissez UPLOAD_STORE=postgres ou UPLOAD_STORE=s3 (un dossier local n'est vu que par son instance).",
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    instances: e.VIGIE_INSTANCES,
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
    uploadDir: e.UPLOAD_DIR ?? `${e.VIGIE_DATA_DIR.replace(/\/$/, '')}/uploads`,
    uploadStore,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadMaxConcurrentAnonymous: e.UPLOAD_MAX_CONCURRENT_ANONYMOUS,
    uploadMaxFiles: e.UPLOAD_MAX_FILES,
    clamdUrl: e.CLAMD_URL,
    reportRateLimitPerMinute: e.REPORT_RATE_LIMIT_PER_MINUTE,
    intakeSmtp: {
      enabled: e.INTAKE_SMTP_ENABLED,
      host: e.INTAKE_SMTP_HOST,
      port: e.INTAKE_SMTP_PORT,
      address: e.INTAKE_ADDRESS.toLowerCase(),
      maxMessageBytes: e.INTAKE_MAX_MESSAGE_BYTES,
      maxMessagesPerConnection: e.INTAKE_MAX_MESSAGES_PER_CONNECTION,
      maxConnectionsPerIpPerMinute: e.INTAKE_MAX_CONNECTIONS_PER_IP_PER_MINUTE,
    },
    campaignLinkLimit: e.CAMPAIGN_LINK_LIMIT,
    indicatorExpiryDays: e.INDICATOR_EXPIRY_DAYS,
    alertSendRatePerSecond: e.ALERT_SEND_RATE_PER_SECOND,
    alertLeaseSeconds: e.ALERT_LEASE_SECONDS,
    passwordResetPerAccountPerHour: e.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR,
    auditCheckpoint: {
      dir: e.AUDIT_CHECKPOINT_DIR ?? `${e.VIGIE_DATA_DIR.replace(/\/$/, '')}/audit-checkpoints`,
      intervalMinutes: e.AUDIT_CHECKPOINT_INTERVAL_MINUTES,
    },
    entraideRsaFloorCents: e.ENTRAIDE_RSA_FLOOR_CENTS,
    site: {
      publisher: e.VIGIE_PUBLISHER,
      publisherAddress: e.VIGIE_PUBLISHER_ADDRESS,
      publicationDirector: e.VIGIE_PUBLICATION_DIRECTOR,
      hosting: e.VIGIE_HOSTING,
      contactEmail: e.VIGIE_CONTACT_EMAIL,
      dpoContact: e.VIGIE_DPO_CONTACT,
      securityContact: e.VIGIE_SECURITY_CONTACT ?? `mailto:${e.VIGIE_CONTACT_EMAIL}`,
    },
  };
}

// A PostgreSQL server is shared by every instance, so it is the zero-configuration store once
// DATABASE_URL points to one; the embedded database is single-process, so a local folder goes with it.
function uploadStoreOf(e: Env): UploadStoreConfig {
  const kind = e.UPLOAD_STORE ?? (e.DATABASE_URL ? 'postgres' : 'local');
  if (kind !== 's3') return { kind };
  const missing: string[] = [];
  if (!e.S3_ENDPOINT) missing.push("  - S3_ENDPOINT : obligatoire avec UPLOAD_STORE=s3 (l'adresse du stockage objet de l'Ordre, par exemple https://s3.ordre.example)");
  if (!e.S3_BUCKET) missing.push('  - S3_BUCKET : obligatoire avec UPLOAD_STORE=s3');
  if (!e.S3_ENDPOINT || !e.S3_BUCKET) throw new ConfigError(`Configuration invalide :\n${missing.join('\n')}`);
  return {
    kind,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}
