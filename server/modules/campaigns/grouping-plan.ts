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

import type { IndicatorKind, IndicatorStatus } from '../../platform/db/schema-reports.js';
import { buildCampaignLabel, strongestIndicator, type LabelCandidate } from './campaign-label.js';
import { COVERED_SIMILARITY, SIMILARITY_THRESHOLD, estimatedSimilarity } from './minhash.js';

/** Reports kept per LSH bucket in memory: any one of them leads to its group. */
const MAX_PER_BUCKET = 8;

export interface PlanIndicator {
  id: string;
  kind: IndicatorKind;
  value: string;
  status: IndicatorStatus;
  soloLinks: number;
}

/** A report of the batch, not grouped yet. */
export interface BatchReport {
  id: string;
  createdAt: Date;
  /** A (live) campaign it was put in before being grouped: it stays linked to it. */
  campaignId: string | null;
  scamFamily: string | null;
  indicatorIds: readonly string[];
  signature: ArrayLike<number> | null;
  /** LSH band keys, one per band (empty without signature). */
  bandKeys: readonly number[];
}

/** A report grouped earlier that the batch may link to. */
export interface KnownReport {
  id: string;
  createdAt: Date;
  campaignId: string | null;
  pinned: boolean;
  scamFamily: string | null;
  signature: ArrayLike<number> | null;
  /** Its indicators; needed only when it stands alone (it may join a campaign now). */
  indicatorIds: readonly string[];
}

export interface KnownCampaign {
  id: string;
  /** Its first report's filing date: the oldest campaign absorbs the others. */
  since: Date;
  /** Holds a report an agent placed by hand: never merged automatically. */
  hasPinned: boolean;
}

export interface GroupingInput {
  batch: readonly BatchReport[];
  indicators: ReadonlyMap<string, PlanIndicator>;
  /** Indicator id → campaigns whose reports carry it. */
  indicatorCampaigns: ReadonlyMap<string, readonly string[]>;
  /** Indicator id → single (campaign-less, unpinned) reports carrying it. */
  loneCarriers: ReadonlyMap<string, readonly string[]>;
  /** LSH band key → grouped reports that fell into that bucket. */
  bandCandidates: ReadonlyMap<string, readonly string[]>;
  knownReports: ReadonlyMap<string, KnownReport>;
  campaigns: ReadonlyMap<string, KnownCampaign>;
  linkLimit: number;
  newCampaignId: () => string;
}

export interface NewCampaign {
  id: string;
  label: string;
  scamFamily: string | null;
  members: string[];
  firstReportAt: Date;
  lastReportAt: Date;
}

export interface CampaignGrowth {
  /** Reports joining (batch reports and single reports picked up). */
  added: string[];
  firstReportAt: Date;
  lastReportAt: Date;
}

export interface GroupingPlan {
  /** Final campaign of every batch report (null: alone for now). */
  batchCampaign: Map<string, string | null>;
  /** Single reports grouped earlier that now join a campaign. */
  pickedUp: Map<string, string>;
  newCampaigns: NewCampaign[];
  /** Existing campaigns absorbed, each into its final target (an existing campaign). */
  merges: { from: string; into: string }[];
  /** Existing campaigns receiving reports (absorbed campaigns' own counts are added by the merge). */
  growth: Map<string, CampaignGrowth>;
  /** (campaign, indicator) → reports added carrying it, for every final campaign. */
  indicatorCounts: Map<string, Map<string, number>>;
  /** Indicators whose solo count or status changed. */
  indicatorChanges: Map<string, { soloLinks: number; status: IndicatorStatus }>;
  held: string[];
  /** Batch reports whose band keys open LSH buckets (those not covered by an indexed near-duplicate). */
  indexed: Set<string>;
}

const LINKING: ReadonlySet<IndicatorStatus> = new Set(['actif', 'approuve']);

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

/** Decides the batch; see the rules above. Deterministic for a given input and id generator. */
export function planGrouping(input: GroupingInput): GroupingPlan {
  const indicators = new Map([...input.indicators].map(([id, i]) => [id, { ...i }]));
  const changed = new Map<string, { soloLinks: number; status: IndicatorStatus }>();
  const held: string[] = [];

  const nodes = new Map<string, CampaignNode>();
  for (const c of input.campaigns.values()) nodes.set(c.id, { id: c.id, since: c.since, hasPinned: c.hasPinned, isNew: false, order: 0 });
  const parent = new Map<string, string>();
  const find = (id: string): string => {
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
  };

  const campaignOf = new Map<string, string | null>();
  for (const r of input.knownReports.values()) campaignOf.set(r.id, r.campaignId);
  const pinnedLone = new Set([...input.knownReports.values()].filter((r) => r.pinned && r.campaignId === null).map((r) => r.id));

  const carrierCampaigns = new Map<string, Set<string>>();
  for (const [id, list] of input.indicatorCampaigns) carrierCampaigns.set(id, new Set(list));
  const carrierLone = new Map<string, Set<string>>();
  for (const [id, list] of input.loneCarriers) carrierLone.set(id, new Set(list.filter((r) => !pinnedLone.has(r))));
  const bandIndex = new Map<string, string[]>();
  for (const [key, list] of input.bandCandidates) bandIndex.set(key, [...list]);
  const signatures = new Map<string, ArrayLike<number>>();
  for (const r of input.knownReports.values()) if (r.signature) signatures.set(r.id, r.signature);
  const indicatorsOf = new Map<string, readonly string[]>();
  for (const r of input.knownReports.values()) indicatorsOf.set(r.id, r.indicatorIds);
  const createdAtOf = new Map<string, Date>();
  const familyOf = new Map<string, string | null>();
  for (const r of input.knownReports.values()) {
    createdAtOf.set(r.id, r.createdAt);
    familyOf.set(r.id, r.scamFamily);
  }

  const attached = new Map<string, string>(); // report → campaign key at attach time
  const indexed = new Set<string>();
  const merges: { from: string; into: string }[] = [];
  let newOrder = 0;

  const groupOf = (reportId: string): string => {
    const c = campaignOf.get(reportId) ?? null;
    return c === null ? `r:${reportId}` : `c:${find(c)}`;
  };
  const addSet = <K, V>(map: Map<K, Set<V>>, key: K, value: V) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  const attach = (reportId: string, campaign: string) => {
    campaignOf.set(reportId, campaign);
    attached.set(reportId, campaign);
    for (const ind of indicatorsOf.get(reportId) ?? []) {
      carrierLone.get(ind)?.delete(reportId);
      addSet(carrierCampaigns, ind, campaign);
    }
  };

  for (const report of input.batch) {
    indicatorsOf.set(report.id, report.indicatorIds);
    createdAtOf.set(report.id, report.createdAt);
    familyOf.set(report.id, report.scamFamily);
    campaignOf.set(report.id, null);

    const evidence = new Map<string, Set<string>>();
    for (const indId of report.indicatorIds) {
      const ind = indicators.get(indId);
      if (!ind || !LINKING.has(ind.status)) continue;
      const groups = new Set<string>();
      for (const c of carrierCampaigns.get(indId) ?? []) groups.add(`c:${find(c)}`);
      for (const r of carrierLone.get(indId) ?? []) if (r !== report.id) groups.add(groupOf(r));
      if (groups.size > 0) evidence.set(indId, groups);
    }
    let coveredBy: string | null = null;
    if (report.signature) {
      const textGroups = new Set<string>();
      const checked = new Set<string>();
      for (const key of report.bandKeys) {
        for (const candidate of bandIndex.get(String(key)) ?? []) {
          if (candidate === report.id || checked.has(candidate) || pinnedLone.has(candidate)) continue;
          checked.add(candidate);
          // One near-duplicate per group is enough, once the text is known to be covered.
          const group = groupOf(candidate);
          if (textGroups.has(group) && coveredBy !== null) continue;
          const other = signatures.get(candidate);
          if (!other) continue;
          const similarity = estimatedSimilarity(report.signature, other);
          if (similarity >= SIMILARITY_THRESHOLD) textGroups.add(group);
          if (similarity >= COVERED_SIMILARITY && coveredBy === null) coveredBy = candidate;
        }
      }
      if (textGroups.size > 0) evidence.set('text', textGroups);
    }

    // Over-correlation guard, on what each indicator alone brings.
    for (const [source, groups] of [...evidence]) {
      const ind = indicators.get(source);
      if (!ind || ind.status !== 'actif') continue;
      const others = new Set<string>();
      for (const [s, g] of evidence) if (s !== source) for (const x of g) others.add(x);
      const solo = [...groups].filter((g) => !others.has(g)).length;
      if (solo === 0) continue;
      ind.soloLinks += solo;
      if (ind.soloLinks > input.linkLimit) {
        ind.status = 'en_attente';
        held.push(ind.id);
        evidence.delete(source);
      }
      changed.set(ind.id, { soloLinks: ind.soloLinks, status: ind.status });
    }

    const linked = new Set<string>();
    for (const groups of evidence.values()) for (const g of groups) linked.add(g);
    if (report.campaignId) linked.add(`c:${find(report.campaignId)}`);
    if (linked.size > 0) {
      const campaignKeys = [...linked].filter((g) => g.startsWith('c:')).map((g) => g.slice(2));
      const lone = [...linked].filter((g) => g.startsWith('r:')).map((g) => g.slice(2));
      let target: string;
      if (campaignKeys.length === 0) {
        target = input.newCampaignId();
        nodes.set(target, { id: target, since: report.createdAt, hasPinned: false, isNew: true, order: ++newOrder });
      } else {
        // Campaigns shaped by hand come last: an agent's campaign holds what the agent put there.
        const sorted = campaignKeys.map((k) => nodes.get(k)!).sort((a, b) => Number(a.hasPinned) - Number(b.hasPinned) || olderFirst(a, b));
        target = sorted[0]!.id;
        for (const other of sorted.slice(1)) {
          if (other.hasPinned || nodes.get(target)!.hasPinned) continue;
          parent.set(other.id, target);
          if (!other.isNew) merges.push({ from: other.id, into: target });
        }
      }
      for (const r of lone) attach(r, target);
      attach(report.id, target);
    } else {
      for (const indId of report.indicatorIds) addSet(carrierLone, indId, report.id);
    }
    // A text covered by an indexed near-duplicate is not indexed itself (see COVERED_SIMILARITY).
    if (report.signature && coveredBy === null) {
      indexed.add(report.id);
      signatures.set(report.id, report.signature);
      for (const key of report.bandKeys) {
        const list = bandIndex.get(String(key));
        if (!list) bandIndex.set(String(key), [report.id]);
        else if (list.length < MAX_PER_BUCKET) list.push(report.id);
      }
    }
  }

  return summarise();

  function summarise(): GroupingPlan {
    const batchCampaign = new Map<string, string | null>();
    for (const r of input.batch) {
      const c = attached.get(r.id);
      batchCampaign.set(r.id, c === undefined ? null : find(c));
    }
    const pickedUp = new Map<string, string>();
    for (const [reportId, c] of attached) if (input.knownReports.has(reportId)) pickedUp.set(reportId, find(c));

    const members = new Map<string, string[]>();
    for (const [reportId, c] of attached) {
      const final = find(c);
      const list = members.get(final);
      if (list) list.push(reportId);
      else members.set(final, [reportId]);
    }
    const indicatorCounts = new Map<string, Map<string, number>>();
    const newCampaigns: NewCampaign[] = [];
    const growth = new Map<string, CampaignGrowth>();
    for (const [campaign, list] of members) {
      const counts = new Map<string, number>();
      for (const r of list) for (const ind of indicatorsOf.get(r) ?? []) counts.set(ind, (counts.get(ind) ?? 0) + 1);
      indicatorCounts.set(campaign, counts);
      let first = Infinity;
      let last = -Infinity;
      for (const r of list) {
        const t = createdAtOf.get(r)!.getTime();
        if (t < first) first = t;
        if (t > last) last = t;
      }
      if (nodes.get(campaign)!.isNew) {
        const family = mostFrequent(list.map((r) => familyOf.get(r) ?? null));
        newCampaigns.push({ id: campaign, label: buildCampaignLabel(family, labelIndicator(counts)), scamFamily: family, members: list, firstReportAt: new Date(first), lastReportAt: new Date(last) });
      } else {
        growth.set(campaign, { added: list, firstReportAt: new Date(first), lastReportAt: new Date(last) });
      }
    }
    for (const m of merges) m.into = find(m.into);
    return { batchCampaign, pickedUp, newCampaigns, merges, growth, indicatorCounts, indicatorChanges: changed, held, indexed };
  }

  function labelIndicator(counts: Map<string, number>): LabelCandidate | null {
    // Indicators held during the batch did link these reports before: they may still name the campaign.
    const linking = [...counts]
      .map(([id, reports]) => ({ ind: indicators.get(id), reports }))
      .filter((x): x is { ind: PlanIndicator; reports: number } => x.ind !== undefined && (LINKING.has(x.ind.status) || x.ind.status === 'en_attente'));
    const shared = linking.filter((x) => x.reports >= 2);
    return strongestIndicator((shared.length > 0 ? shared : linking).map((x) => ({ kind: x.ind.kind, value: x.ind.value, reports: x.reports })));
  }
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
