import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { startRuntime, type Runtime } from './runtime.js';
import { SchemaNotCurrentError } from './platform/db/migrate.js';
import { issueBootstrapTokenIfNeeded } from './modules/bootstrap/index.js';

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
    throw err;
  }
  await runtime.app.listen({ host: config.host, port: config.port });

  const lines = [
    `Vigie est démarré : ${config.publicUrl}`,
    `Base de données : ${config.databaseUrl ? 'serveur PostgreSQL' : `PostgreSQL embarqué (${config.dataDir}/pg)`}`,
  ];
  if (runtime.catcher) lines.push(`Courriels de développement : enregistrés dans ${config.dataDir}/mail (SMTP local sur le port ${runtime.catcher.port})`);
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
