// The grouping decision for one batch of reports, in memory and pure: the service loads what the batch
// can link to (campaigns carrying its indicators, single reports carrying them, reports sharing a text
// band), this module decides report by report, in filing order, and returns what to write.
//
// Rules (docs/campaigns.md):
// - a report links to every group (campaign, or single report) with which it shares a linking
//   indicator (status actif or approuve) or a near-duplicate text;
// - linked to nothing: it stays alone; linked to single reports only: a new campaign holds them all;
//   linked to campaigns: it joins the oldest (earliest first report), and the others are merged into it,
//   except campaigns holding a report an agent placed by hand: never merged, and joined only when no
//   other campaign is linked (the agent's choice stands);
// - over-correlation guard: each time an indicator alone ties the report to a group nothing else of
//   the report reaches, its solo count grows; past the link limit it is held (en_attente) and stops
//   linking until an agent decides. Approved indicators are exempt.
// - near-duplicate index: a text at least COVERED_SIMILARITY-similar to a report already in the LSH
//   buckets opens no bucket of its own; that report stands for it.

import { LINKING_INDICATOR_STATUSES } from '../../../contracts/campaigns.schemas.js';
import type { IndicatorStatus } from '../../platform/db/schema-reports.js';
import { buildCampaignLabel, strongestIndicator, type LabelCandidate } from './campaign-label.js';
import { COVERED_SIMILARITY, SIMILARITY_THRESHOLD, estimatedSimilarity } from './minhash.js';
import type { BatchReport, CampaignGrowth, GroupingInput, GroupingPlan, NewCampaign, PlanIndicator } from './grouping-plan.types.js';

/** Reports kept per LSH bucket in memory: any one of them leads to its group. */
const MAX_PER_BUCKET = 8;

const LINKING: ReadonlySet<IndicatorStatus> = new Set(LINKING_INDICATOR_STATUSES);

export function isLinkingStatus(status: IndicatorStatus): boolean {
  return LINKING.has(status);
}

interface CampaignNode {
  id: string;
  since: Date;
  hasPinned: boolean;
  isNew: boolean;
  order: number;
}

/**
 * The groups as they stand after each report of the batch. A group is a campaign (`c:<root id>`) or a
 * single report (`r:<id>`); campaigns merged during the batch point to their target (`parent`).
 */
interface PlanState {
  readonly input: GroupingInput;
  /** Copies: the over-correlation guard changes their solo count and status as the batch goes. */
  readonly indicators: Map<string, PlanIndicator>;
  readonly changed: Map<string, { soloLinks: number; status: IndicatorStatus }>;
  readonly held: string[];
  readonly nodes: Map<string, CampaignNode>;
  readonly parent: Map<string, string>;
  readonly campaignOf: Map<string, string | null>;
  /** Single reports an agent placed by hand out of any campaign: the grouping never takes them. */
  readonly pinnedLone: ReadonlySet<string>;
  readonly carrierCampaigns: Map<string, Set<string>>;
  readonly carrierLone: Map<string, Set<string>>;
  readonly bandIndex: Map<string, string[]>;
  readonly signatures: Map<string, ArrayLike<number>>;
  readonly indicatorsOf: Map<string, readonly string[]>;
  readonly createdAtOf: Map<string, Date>;
  readonly familyOf: Map<string, string | null>;
  /** Report → the campaign it joined during the batch (its root at that time). */
  readonly attached: Map<string, string>;
  readonly indexed: Set<string>;
  readonly merges: { from: string; into: string }[];
  newOrder: number;
}

/** Decides the batch; see the rules above. Deterministic for a given input and id generator. */
export function planGrouping(input: GroupingInput): GroupingPlan {
  const state = initialState(input);
  for (const report of input.batch) placeReport(state, report);
  return summarise(state);
}

function initialState(input: GroupingInput): PlanState {
  const known = [...input.knownReports.values()];
  const pinnedLone = new Set(known.filter((r) => r.pinned && r.campaignId === null).map((r) => r.id));
  const state: PlanState = {
    input,
    indicators: new Map([...input.indicators].map(([id, i]) => [id, { ...i }])),
    changed: new Map(),
    held: [],
    nodes: new Map(),
    parent: new Map(),
    campaignOf: new Map(),
    pinnedLone,
    carrierCampaigns: new Map(),
    carrierLone: new Map(),
    bandIndex: new Map(),
    signatures: new Map(),
    indicatorsOf: new Map(),
    createdAtOf: new Map(),
    familyOf: new Map(),
    attached: new Map(),
    indexed: new Set(),
    merges: [],
    newOrder: 0,
  };
  for (const c of input.campaigns.values()) state.nodes.set(c.id, { id: c.id, since: c.since, hasPinned: c.hasPinned, isNew: false, order: 0 });
  for (const r of known) state.campaignOf.set(r.id, r.campaignId);
  for (const [id, list] of input.indicatorCampaigns) state.carrierCampaigns.set(id, new Set(list));
  for (const [id, list] of input.loneCarriers) state.carrierLone.set(id, new Set(list.filter((r) => !pinnedLone.has(r))));
  for (const [key, list] of input.bandCandidates) state.bandIndex.set(key, [...list]);
  for (const r of known) if (r.signature) state.signatures.set(r.id, r.signature);
  for (const r of known) state.indicatorsOf.set(r.id, r.indicatorIds);
  for (const r of known) {
    state.createdAtOf.set(r.id, r.createdAt);
    state.familyOf.set(r.id, r.scamFamily);
  }
  return state;
}

/** The campaign a campaign ended in, after the merges of the batch so far. */
function rootOf(state: PlanState, id: string): string {
  const { parent } = state;
  let root = id;
  while (parent.has(root)) root = parent.get(root)!;
  // Path compression keeps chains of merges short.
  let at = id;
  while (at !== root) {
    const next = parent.get(at)!;
    parent.set(at, root);
    at = next;
  }
  return root;
}

function groupOf(state: PlanState, reportId: string): string {
  const c = state.campaignOf.get(reportId) ?? null;
  return c === null ? `r:${reportId}` : `c:${rootOf(state, c)}`;
}

function addToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** One report of the batch, in filing order: what it links to, the guard, then where it goes. */
function placeReport(state: PlanState, report: BatchReport): void {
  registerReport(state, report);
  const evidence = indicatorEvidence(state, report);
  const text = textEvidence(state, report);
  if (text.groups.size > 0) evidence.set('text', text.groups);
  guardOverCorrelation(state, evidence);
  const linked = linkedGroups(state, report, evidence);
  if (linked.size > 0) joinGroups(state, report, linked);
  else for (const indId of report.indicatorIds) addToSet(state.carrierLone, indId, report.id);
  // A text covered by an indexed near-duplicate is not indexed itself (see COVERED_SIMILARITY).
  if (report.signature && text.coveredBy === null) indexText(state, report, report.signature);
}

function registerReport(state: PlanState, report: BatchReport): void {
  state.indicatorsOf.set(report.id, report.indicatorIds);
  state.createdAtOf.set(report.id, report.createdAt);
  state.familyOf.set(report.id, report.scamFamily);
  state.campaignOf.set(report.id, null);
}

/** Linking indicator → the groups that carry it (besides the report itself). */
function indicatorEvidence(state: PlanState, report: BatchReport): Map<string, Set<string>> {
  const evidence = new Map<string, Set<string>>();
  for (const indId of report.indicatorIds) {
    const ind = state.indicators.get(indId);
    if (!ind || !LINKING.has(ind.status)) continue;
    const groups = new Set<string>();
    for (const c of state.carrierCampaigns.get(indId) ?? []) groups.add(`c:${rootOf(state, c)}`);
    for (const r of state.carrierLone.get(indId) ?? []) if (r !== report.id) groups.add(groupOf(state, r));
    if (groups.size > 0) evidence.set(indId, groups);
  }
  return evidence;
}

/** The groups holding a near-duplicate of the report's text, and the indexed report covering it, if any. */
function textEvidence(state: PlanState, report: BatchReport): { groups: Set<string>; coveredBy: string | null } {
  const groups = new Set<string>();
  let coveredBy: string | null = null;
  if (!report.signature) return { groups, coveredBy };
  const checked = new Set<string>();
  for (const key of report.bandKeys) {
    for (const candidate of state.bandIndex.get(String(key)) ?? []) {
      if (candidate === report.id || checked.has(candidate) || state.pinnedLone.has(candidate)) continue;
      checked.add(candidate);
      // One near-duplicate per group is enough, once the text is known to be covered.
      const group = groupOf(state, candidate);
      if (groups.has(group) && coveredBy !== null) continue;
      const other = state.signatures.get(candidate);
      if (!other) continue;
      const similarity = estimatedSimilarity(report.signature, other);
      if (similarity >= SIMILARITY_THRESHOLD) groups.add(group);
      if (similarity >= COVERED_SIMILARITY && coveredBy === null) coveredBy = candidate;
    }
  }
  return { groups, coveredBy };
}

/**
 * Over-correlation guard, on what each indicator alone brings: its solo count grows by the groups only
 * it reaches; past the link limit it is held and its evidence dropped.
 */
function guardOverCorrelation(state: PlanState, evidence: Map<string, Set<string>>): void {
  for (const [source, groups] of [...evidence]) {
    const ind = state.indicators.get(source);
    if (!ind || ind.status !== 'actif') continue;
    const others = new Set<string>();
    for (const [s, g] of evidence) if (s !== source) for (const x of g) others.add(x);
    const solo = [...groups].filter((g) => !others.has(g)).length;
    if (solo === 0) continue;
    ind.soloLinks += solo;
    if (ind.soloLinks > state.input.linkLimit) {
      ind.status = 'en_attente';
      state.held.push(ind.id);
      evidence.delete(source);
    }
    state.changed.set(ind.id, { soloLinks: ind.soloLinks, status: ind.status });
  }
}

function linkedGroups(state: PlanState, report: BatchReport, evidence: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const linked = new Set<string>();
  for (const groups of evidence.values()) for (const g of groups) linked.add(g);
  if (report.campaignId) linked.add(`c:${rootOf(state, report.campaignId)}`);
  return linked;
}

/** The report and the single reports it links to join the target campaign (new when none is linked). */
function joinGroups(state: PlanState, report: BatchReport, linked: ReadonlySet<string>): void {
  const campaignKeys = [...linked].filter((g) => g.startsWith('c:')).map((g) => g.slice(2));
  const lone = [...linked].filter((g) => g.startsWith('r:')).map((g) => g.slice(2));
  const target = campaignKeys.length === 0 ? openCampaign(state, report) : mergeIntoOldest(state, campaignKeys);
  for (const r of lone) attach(state, r, target);
  attach(state, report.id, target);
}

function openCampaign(state: PlanState, report: BatchReport): string {
  const id = state.input.newCampaignId();
  state.nodes.set(id, { id, since: report.createdAt, hasPinned: false, isNew: true, order: ++state.newOrder });
  return id;
}

/** The oldest linked campaign absorbs the others, except campaigns shaped by hand; returns it. */
function mergeIntoOldest(state: PlanState, campaignKeys: readonly string[]): string {
  // Campaigns shaped by hand come last: an agent's campaign holds what the agent put there.
  const sorted = campaignKeys.map((k) => state.nodes.get(k)!).sort((a, b) => Number(a.hasPinned) - Number(b.hasPinned) || olderFirst(a, b));
  const target = sorted[0]!.id;
  for (const other of sorted.slice(1)) {
    if (other.hasPinned || state.nodes.get(target)!.hasPinned) continue;
    state.parent.set(other.id, target);
    if (!other.isNew) state.merges.push({ from: other.id, into: target });
  }
  return target;
}

function attach(state: PlanState, reportId: string, campaign: string): void {
  state.campaignOf.set(reportId, campaign);
  state.attached.set(reportId, campaign);
  for (const ind of state.indicatorsOf.get(reportId) ?? []) {
    state.carrierLone.get(ind)?.delete(reportId);
    addToSet(state.carrierCampaigns, ind, campaign);
  }
}

/** The report's text opens its LSH buckets for the reports after it (MAX_PER_BUCKET each). */
function indexText(state: PlanState, report: BatchReport, signature: ArrayLike<number>): void {
  state.indexed.add(report.id);
  state.signatures.set(report.id, signature);
  for (const key of report.bandKeys) {
    const list = state.bandIndex.get(String(key));
    if (!list) state.bandIndex.set(String(key), [report.id]);
    else if (list.length < MAX_PER_BUCKET) list.push(report.id);
  }
}

/** What to write: each report's final campaign, the new campaigns, the growth of existing ones, the merges. */
function summarise(state: PlanState): GroupingPlan {
  const { input, attached } = state;
  const batchCampaign = new Map<string, string | null>();
  for (const r of input.batch) {
    const c = attached.get(r.id);
    batchCampaign.set(r.id, c === undefined ? null : rootOf(state, c));
  }
  const pickedUp = new Map<string, string>();
  for (const [reportId, c] of attached) if (input.knownReports.has(reportId)) pickedUp.set(reportId, rootOf(state, c));

  const indicatorCounts = new Map<string, Map<string, number>>();
  const newCampaigns: NewCampaign[] = [];
  const growth = new Map<string, CampaignGrowth>();
  for (const [campaign, members] of membersByCampaign(state)) {
    const counts = indicatorCountsOf(state, members);
    indicatorCounts.set(campaign, counts);
    const { firstReportAt, lastReportAt } = filingSpan(state, members);
    if (state.nodes.get(campaign)!.isNew) {
      const family = mostFrequent(members.map((r) => state.familyOf.get(r) ?? null));
      newCampaigns.push({ id: campaign, label: buildCampaignLabel(family, labelIndicator(state, counts)), scamFamily: family, members, firstReportAt, lastReportAt });
    } else {
      growth.set(campaign, { added: members, firstReportAt, lastReportAt });
    }
  }
  for (const m of state.merges) m.into = rootOf(state, m.into);
  return { batchCampaign, pickedUp, newCampaigns, merges: state.merges, growth, indicatorCounts, indicatorChanges: state.changed, held: state.held, indexed: state.indexed };
}

/** Final campaign → the reports that joined it during the batch, in joining order. */
function membersByCampaign(state: PlanState): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const [reportId, c] of state.attached) {
    const final = rootOf(state, c);
    const list = members.get(final);
    if (list) list.push(reportId);
    else members.set(final, [reportId]);
  }
  return members;
}

function indicatorCountsOf(state: PlanState, members: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of members) for (const ind of state.indicatorsOf.get(r) ?? []) counts.set(ind, (counts.get(ind) ?? 0) + 1);
  return counts;
}

function filingSpan(state: PlanState, members: readonly string[]): { firstReportAt: Date; lastReportAt: Date } {
  let first = Infinity;
  let last = -Infinity;
  for (const r of members) {
    const t = state.createdAtOf.get(r)!.getTime();
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return { firstReportAt: new Date(first), lastReportAt: new Date(last) };
}

function labelIndicator(state: PlanState, counts: ReadonlyMap<string, number>): LabelCandidate | null {
  // Indicators held during the batch did link these reports before: they may still name the campaign.
  const linking = [...counts]
    .map(([id, reports]) => ({ ind: state.indicators.get(id), reports }))
    .filter((x): x is { ind: PlanIndicator; reports: number } => x.ind !== undefined && (LINKING.has(x.ind.status) || x.ind.status === 'en_attente'));
  const shared = linking.filter((x) => x.reports >= 2);
  return strongestIndicator((shared.length > 0 ? shared : linking).map((x) => ({ kind: x.ind.kind, value: x.ind.value, reports: x.reports })));
}

function olderFirst(a: CampaignNode, b: CampaignNode): number {
  if (a.isNew !== b.isNew) return a.isNew ? 1 : -1;
  if (a.isNew) return a.order - b.order;
  return a.since.getTime() - b.since.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function mostFrequent(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
}
