import { DEFAULT_QUEUE_STATUSES, NO_DEPARTEMENT, RECEIPT_NUMBER_PATTERN, type TTriageQueuePage, type TTriageQueueQuery } from '../../../contracts/triage.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/authz/policy.js';
import { fieldError } from '../../platform/errors.js';
import { foldForSearch } from '../../platform/text/fold.js';
import * as repo from './triage.repo.js';

/** Shorter words have no trigram to look up; they are left out of the search. */
const MIN_WORD_LENGTH = 3;
const MAX_WORDS = 8;
const EXCERPT_CHARS = 160;

function excerptOf(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : flat;
}

function toItem(row: repo.QueueRow): TTriageQueuePage['items'][number] {
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    createdAt: row.createdAt.toISOString(),
    source: row.source,
    channel: row.channel,
    verdict: row.verdict,
    organisationName: row.organisationName,
    departement: row.departement,
    status: row.status,
    assignee: row.assigneeId ? { id: row.assigneeId, displayName: row.assigneeName ?? '' } : null,
    campaign: row.campaignId ? { id: row.campaignId, reference: row.campaignReference ?? '' } : null,
    excerpt: excerptOf(row.excerpt),
  };
}

/**
 * The queue of signalements the actor may see, newest first: a departmental account sees its own
 * département's reports only; reports attached to no département are for national accounts. Unconfirmed
 * reports are left out unless asked for. Lines carry neither the reporter nor the copy of the exchanges.
 * Throws VALIDATION_FAILED (a search of only very short words).
 */
export async function listQueue(deps: Pick<ServiceDeps, 'database'>, actor: Actor, query: TTriageQueueQuery): Promise<TTriageQueuePage> {
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  let departement: string | null | undefined;
  if (actor.departement !== null) {
    // Another département, or « none », is simply nothing the actor can see.
    if (query.departement !== undefined && query.departement !== actor.departement) return empty;
    departement = actor.departement;
  } else if (query.departement !== undefined) {
    departement = query.departement === NO_DEPARTEMENT ? null : query.departement;
  }

  const filters: repo.QueueFilters = {
    departement,
    statuses: query.status ?? DEFAULT_QUEUE_STATUSES,
    channel: query.channel,
    verdict: query.verdict,
    from: query.from,
    to: query.to,
    assignedTo: query.assigned === 'me' ? actor.userId : query.assigned === 'none' ? null : undefined,
    campaignId: query.campaignId,
  };
  const q = query.q ?? '';
  if (RECEIPT_NUMBER_PATTERN.test(q.toUpperCase())) {
    filters.receiptNumber = q.toUpperCase();
  } else if (q) {
    const words = [...new Set(foldForSearch(q).split(' '))].filter((w) => w.length >= MIN_WORD_LENGTH).slice(0, MAX_WORDS);
    if (words.length === 0) throw fieldError('q', 'Saisissez au moins un mot de 3 lettres ou chiffres, ou un numéro de signalement.');
    filters.words = words;
  }

  const where = repo.queueConditions(filters);
  const db = deps.database.db;
  const [rows, total] = await Promise.all([repo.findQueuePage(db, where, (query.page - 1) * query.pageSize, query.pageSize), repo.countQueue(db, filters, where)]);
  return { items: rows.map(toItem), total, page: query.page, pageSize: query.pageSize };
}
