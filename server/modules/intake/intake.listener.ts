import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { loggableError } from '../../platform/errors.js';
import { countIntakeConnection } from './intake.repo.js';
import { IntakeRejection, receiveEmail, type RejectionReason } from './intake.service.js';

export interface EmailIntake {
  port: number;
  close(): Promise<void>;
}

/** Recipients refused on one connection before it is cut: a client probing for addresses. */
const MAX_REFUSED_RECIPIENTS = 3;
/** Concurrent connections per instance; each may hold one message in memory. */
const MAX_CLIENTS = 20;
const SOCKET_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5_000;
const WINDOW_MS = 60_000;

interface ConnectionState {
  transactions: number;
  refusedRecipients: number;
}

// SMTP replies are read by mail servers and shown in bounces: French, in plain ASCII (no SMTPUTF8).
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

function clientIp(session: SMTPServerSession): string {
  return session.remoteAddress.replace(/^::ffff:/, '');
}

/**
 * Starts the inbound SMTP listener of the reporting address: only that recipient, SIZE-limited, no
 * AUTH (it sits behind the council's MX, which checks SPF/DMARC), no STARTTLS. A client is throttled
 * per IP across instances (rate_limits) and cut off past the messages allowed on one connection.
 * Each accepted message is filed as a report before the 250 reply, so a 250 means it is stored.
 */
export async function startEmailIntake(services: ServiceDeps): Promise<EmailIntake> {
  const settings = services.config.intakeSmtp;
  const logger = pino({ level: services.config.logLevel }).child({ module: 'intake' });
  const connections = new Map<string, ConnectionState>();
  const inFlight = new Set<Promise<unknown>>();

  const ctxOf = (session: SMTPServerSession): AuditContext => ({ actorId: null, actorRole: 'system', ip: clientIp(session), requestId: `smtp-${session.id}` });

  /** Audits a refusal, then replies: the entry exists once the client has its answer. */
  const refuse = (session: SMTPServerSession, reason: RejectionReason | null, reply: () => void): void => {
    if (reason === null) return reply();
    logger.info({ reason, session: session.id }, 'intake message refused');
    const job = recordAudit(services.database.db, ctxOf(session), { action: 'intake.email.rejected', entityType: 'intake_email', details: { reason } })
      .catch((err: Error) => logger.warn({ err: { name: err.name } }, 'intake audit failed'))
      .finally(reply);
    track(job);
  };

  function track(job: Promise<unknown>): void {
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }

  function stateOf(session: SMTPServerSession): ConnectionState {
    let state = connections.get(session.id);
    if (!state) {
      state = { transactions: 0, refusedRecipients: 0 };
      connections.set(session.id, state);
    }
    return state;
  }

  const server = new SMTPServer({
    name: settings.address.split('@')[1] || 'vigie',
    banner: 'Vigie - signalements a l Ordre des medecins',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxMessageBytes,
    rejectOversized: true,
    maxRecipients: 1,
    maxClients: MAX_CLIENTS,
    disableReverseLookup: true,
    socketTimeout: SOCKET_TIMEOUT_MS,
    closeTimeout: CLOSE_TIMEOUT_MS,
    logger: false,

    onConnect(session, callback) {
      const job = countIntakeConnection(services.database, clientIp(session), WINDOW_MS).then(
        (hits) => {
          if (hits <= settings.maxConnectionsPerIpPerMinute) return callback();
          // Audited once per window, so a flood does not flood the audit log too.
          refuse(session, hits === settings.maxConnectionsPerIpPerMinute + 1 ? 'trop_de_connexions' : null, () =>
            callback(smtpError(421, 'Trop de connexions depuis cette adresse : reessayez plus tard.')),
          );
        },
        (err: Error) => {
          logger.warn({ err: { name: err.name } }, 'intake rate limit unavailable');
          callback(smtpError(421, 'Service momentanement indisponible : reessayez plus tard.'));
        },
      );
      track(job);
    },

    onMailFrom(_address, session, callback) {
      const state = stateOf(session);
      state.transactions += 1;
      if (state.transactions > settings.maxMessagesPerConnection) {
        return refuse(session, 'trop_de_messages', () => callback(smtpError(421, 'Trop de messages sur cette connexion : reconnectez-vous plus tard.')));
      }
      callback();
    },

    onRcptTo(address, session, callback) {
      if (address.address.toLowerCase() === settings.address) return callback();
      const state = stateOf(session);
      state.refusedRecipients += 1;
      // Audited once per connection, not once per probe.
      refuse(session, state.refusedRecipients === 1 ? 'destinataire_inconnu' : null, () =>
        callback(
          state.refusedRecipients >= MAX_REFUSED_RECIPIENTS
            ? smtpError(421, 'Trop de destinataires refuses : connexion fermee.')
            : smtpError(550, "Destinataire inconnu : cette adresse ne recoit que les signalements a l'Ordre."),
        ),
      );
    },

    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read and dropped: nothing over the limit is held or stored.
        if (size <= settings.maxMessageBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) return refuse(session, 'trop_volumineux', () => callback(smtpError(552, 'Message trop volumineux.')));
        const envelope = { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null, ctx: ctxOf(session) };
        const job = receiveEmail(services, envelope, Buffer.concat(chunks)).then(
          (outcome) => {
            logger.info({ reportId: outcome.reportId, forwarded: outcome.kind, sizeBytes: size, acknowledged: outcome.acknowledged }, 'intake message filed');
            callback(null, `Signalement enregistre : ${outcome.receiptNumber}`);
          },
          (err: unknown) => {
            if (err instanceof IntakeRejection) return refuse(session, err.reason, () => callback(smtpError(err.responseCode, err.message)));
            // Nothing was stored (one transaction): the sending server keeps the message and retries.
            logger.error({ error: loggableError(err) }, 'intake message failed');
            callback(smtpError(451, 'Erreur temporaire : reessayez plus tard.'));
          },
        );
        track(job);
      });
    },

    onClose(session) {
      connections.delete(session.id);
    },
  });
  server.on('error', (err: Error) => logger.warn({ err: { name: err.name, message: err.message } }, 'intake listener error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ port }, 'email intake listening');

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Messages being filed finish before the database closes.
      await Promise.allSettled([...inFlight]);
    },
  };
}
