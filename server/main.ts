import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startRuntime, type Runtime } from './runtime.js';
import { SchemaNotCurrentError } from './platform/db/migrate.js';
import { issueBootstrapTokenIfNeeded } from './modules/bootstrap/index.js';

/**
 * A port another program holds (or a privileged one) is the operator's to change: name the variable to
 * set instead of printing a stack trace. Null for any other error.
 */
function portProblem(err: unknown, config: Config): string | null {
  const { code, port } = (err ?? {}) as { code?: string; port?: number };
  if ((code !== 'EADDRINUSE' && code !== 'EACCES') || port === undefined) return null;
  const variable = port === config.port ? 'PORT' : port === config.intakeSmtp.port ? 'INTAKE_SMTP_PORT' : port === config.smtpCatcherPort ? 'SMTP_CATCHER_PORT' : null;
  if (variable === null) return null;
  const why = code === 'EADDRINUSE' ? 'est déjà utilisé par un autre programme' : 'est réservé (port inférieur à 1024)';
  return `Vigie ne peut pas démarrer : le port ${port} ${why}. Choisissez-en un autre avec la variable ${variable} (par exemple ${variable}=${port + 1000} npm start), ou arrêtez le programme qui l'occupe.`;
}

// Reads the configuration, starts Vigie and stops it cleanly on SIGTERM/SIGINT (load balancer drain).
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // Development SMS go to a local log; a gateway adapter replaces the sink in production.
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, { smsLogDir: path.join(config.dataDir, 'sms') });
  } catch (err) {
    // An outdated (or newer) schema is the operator's to fix with `npm run db:migrate`: say so and stop.
    if (err instanceof SchemaNotCurrentError) {
      console.error(err.message);
      process.exit(1);
    }
    const problem = portProblem(err, config);
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
    throw err;
  }
  try {
    await runtime.app.listen({ host: config.host, port: config.port });
  } catch (err) {
    const problem = portProblem(err, config);
    if (!problem) throw err;
    console.error(problem);
    await runtime.close();
    process.exit(1);
  }

  const lines = [
    `Vigie est démarré : ${config.publicUrl}`,
    `Base de données : ${config.databaseUrl ? 'serveur PostgreSQL' : `PostgreSQL embarqué (${config.dataDir}/pg)`}`,
  ];
  if (runtime.catcher) lines.push(`Courriels de développement : enregistrés dans ${config.dataDir}/mail (SMTP local sur le port ${runtime.catcher.port}, variable SMTP_CATCHER_PORT)`);
  if (runtime.intake) lines.push(`Réception des courriels transférés : SMTP sur ${config.intakeSmtp.host}:${runtime.intake.port} (variable INTAKE_SMTP_PORT), adresse ${config.intakeSmtp.address}`);
  const bootstrapToken = await issueBootstrapTokenIfNeeded(runtime.database);
  if (bootstrapToken) {
    lines.push(
      '',
      'Aucun administrateur n’existe encore. Pour créer le premier, ouvrez ce lien (valable 24 heures, une seule fois) :',
      `  ${config.publicUrl}/premier-administrateur?jeton=${bootstrapToken}`,
      'ou, pour des comptes de démonstration : arrêtez Vigie, lancez « npm run seed:demo », puis « npm start ».',
    );
  }
  console.warn(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
