// Names of the durable job queues, in one place so that a producer in one module and the worker in
// another agree without importing each other.

/** OutgoingMail: one mail for the SMTP worker (platform/mail/outbox.ts). */
export const MAIL_QUEUE = 'mail.send';
/** { reportId }: extract the report's indicators and text signature, then group it into a campaign. */
export const GROUP_REPORT_QUEUE = 'campaigns.group-report';
/** { reportId }: notify agents whose watchlist matches a new (grouped) report. */
export const WATCHLIST_MATCH_QUEUE = 'watchlists.match-report';
/** { extractionVersion }: read every report's indicators again with today's extraction (once per version). */
export const INDICATOR_BACKFILL_QUEUE = 'campaigns.indicator-backfill';
/** { alertId }: send an approved alert's pending deliveries. */
export const ALERT_BROADCAST_QUEUE = 'alerts.broadcast';

/**
 * Every queue the code uses. The migration step creates them (a pg-boss queue is a table partition,
 * which only the owner role may create); the application refuses a queue missing from this list.
 */
export const JOB_QUEUES: readonly string[] = [MAIL_QUEUE, GROUP_REPORT_QUEUE, WATCHLIST_MATCH_QUEUE, ALERT_BROADCAST_QUEUE, INDICATOR_BACKFILL_QUEUE];
