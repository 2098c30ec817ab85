// What the grouping decision reads and returns (grouping-plan.ts): the batch, what it can link to, and
// what to write. Plain data; the service loads the one and writes the other.

import type { IndicatorKind, IndicatorStatus } from '../../platform/db/schema-reports.js';

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

