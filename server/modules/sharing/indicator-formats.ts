import { createHash, randomUUID } from 'node:crypto';
import { TLP_LABELS, type TlpLevel } from '../../../contracts/sharing.schemas.js';
import type { CampaignStatus, IndicatorStatus } from '../../platform/db/schema-reports.js';

// The three shapes a campaign's indicators leave Vigie in: a CSV for a spreadsheet, a STIX 2.1 bundle
// and a MISP event for threat-sharing platforms. Pure functions: the service loads, scopes and audits.

/** Indicator kinds that are shared. Organisation names are the bodies the scammers impersonate, not theirs. */
export type SharedIndicatorKind = 'phone' | 'domain' | 'url' | 'email';

export interface ExportIndicator {
  kind: SharedIndicatorKind;
  value: string;
  status: IndicatorStatus;
  /** The indicator's life as Vigie saw it, across every report. */
  firstSeen: Date;
  lastSeen: Date;
  /** How many of this campaign's reports carry it. */
  reports: number;
}

export interface ExportCampaign {
  id: string;
  reference: string;
  label: string;
  status: CampaignStatus;
  scamFamily: string | null;
  firstReportAt: Date | null;
  lastReportAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Namespace of every UUIDv5 Vigie derives: the same value always gets the same identifier. */
export const VIGIE_UUID_NAMESPACE = '4f8ec67f-43ad-4229-9d6b-f0d31b7e02f0';

/** RFC 4122 name-based UUID (version 5, SHA-1). */
export function uuidv5(name: string, namespace: string = VIGIE_UUID_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ORDRE_NAME = "Conseil national de l'Ordre des médecins";
/** The Ordre as a STIX identity and a MISP organisation: fixed, so every export names the same producer. */
export const ORDRE_UUID = uuidv5('identity:ordre-des-medecins');
const ORDRE_IDENTITY_ID = `identity--${ORDRE_UUID}`;
const ORDRE_IDENTITY_CREATED = '2026-01-01T00:00:00.000Z';

// ---------------------------------------------------------------------------------------------- CSV

const CSV_TYPE_LABELS: Record<SharedIndicatorKind, string> = { phone: 'telephone', domain: 'domaine', url: 'url', email: 'courriel' };
export const INDICATOR_CSV_COLUMNS = ['type', 'valeur', 'premiere_observation', 'derniere_observation', 'nombre_signalements', 'statut', 'campagne'] as const;

/**
 * One cell for French Excel (« ; » separator). A value a spreadsheet would read as a formula (= + - @,
 * tab, carriage return first) gets a leading apostrophe; anything that could break the line is quoted.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** UTF-8 with a byte-order mark (so Excel reads the accents), CRLF line ends. */
export function indicatorsToCsv(campaign: ExportCampaign, indicators: readonly ExportIndicator[]): string {
  const lines = indicators.map((i) =>
    [CSV_TYPE_LABELS[i.kind], i.value, isoSeconds(i.firstSeen), isoSeconds(i.lastSeen), String(i.reports), i.status, campaign.reference].map(csvCell).join(';'),
  );
  return `\ufeff${[INDICATOR_CSV_COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`;
}

// -------------------------------------------------------------------------------------------- STIX

/** TLP 2.0 marking definitions (OASIS TLP 2.0 extension): fixed identifiers every STIX consumer knows. */
const TLP_MARKINGS: Record<TlpLevel, { id: string; level: string }> = {
  clear: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', level: 'clear' },
  green: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', level: 'green' },
  amber: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', level: 'amber' },
};
const TLP_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** A string literal of the STIX patterning language: single quotes, with \ and ' escaped. */
export function stixString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The STIX pattern of an indicator. STIX 2.1 has no phone-number cyber observable: phones use the custom
 * object `x-phone-number` (value in E.164), as documented in docs/sharing.md.
 */
export function stixPattern(kind: SharedIndicatorKind, value: string): string {
  const object = { phone: 'x-phone-number', domain: 'domain-name', url: 'url', email: 'email-addr' }[kind];
  return `[${object}:value = ${stixString(value)}]`;
}

export function stixIndicatorId(kind: SharedIndicatorKind, value: string): string {
  return `indicator--${uuidv5(`indicator:${kind}:${value}`)}`;
}

export function stixCampaignId(campaignId: string): string {
  return `campaign--${uuidv5(`campaign:${campaignId}`)}`;
}

const STIX_KIND_LABELS: Record<SharedIndicatorKind, string> = {
  phone: 'Numéro de téléphone',
  domain: 'Nom de domaine',
  url: 'Adresse web',
  email: 'Adresse électronique',
};

const stixTime = (d: Date) => d.toISOString();
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

export type StixObject = Record<string, unknown> & { type: string; id: string };
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/**
 * A STIX 2.1 bundle: the Ordre's identity, the TLP marking, the campaign, one indicator per value and an
 * « indicates » relationship from each to the campaign. Identifiers are UUIDv5 of the values, so a
 * re-export updates the same objects instead of creating new ones; only the bundle id is fresh.
 */
export function indicatorsToStix(campaign: ExportCampaign, indicators: readonly ExportIndicator[], tlp: TlpLevel): StixBundle {
  const marking = TLP_MARKINGS[tlp];
  const common = { spec_version: '2.1', created_by_ref: ORDRE_IDENTITY_ID, object_marking_refs: [marking.id] };
  const campaignId = stixCampaignId(campaign.id);
  const objects: StixObject[] = [
    {
      type: 'identity',
      spec_version: '2.1',
      id: ORDRE_IDENTITY_ID,
      created: ORDRE_IDENTITY_CREATED,
      modified: ORDRE_IDENTITY_CREATED,
      name: ORDRE_NAME,
      identity_class: 'organization',
      sectors: ['healthcare'],
    },
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: marking.id,
      created: '2022-10-01T00:00:00.000Z',
      name: TLP_LABELS[tlp],
      extensions: { [TLP_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: marking.level } },
    },
    {
      type: 'campaign',
      ...common,
      id: campaignId,
      created: stixTime(campaign.createdAt),
      modified: stixTime(later(campaign.updatedAt, campaign.createdAt)),
      name: `${campaign.reference} — ${campaign.label}`,
      description: "Campagne d'escroquerie visant des médecins, constituée à partir des signalements reçus par l'Ordre des médecins.",
      ...(campaign.firstReportAt ? { first_seen: stixTime(campaign.firstReportAt) } : {}),
      ...(campaign.lastReportAt ? { last_seen: stixTime(campaign.lastReportAt) } : {}),
      ...(campaign.scamFamily ? { labels: [campaign.scamFamily] } : {}),
    },
  ];
  const relationships: StixObject[] = [];
  for (const indicator of indicators) {
    const id = stixIndicatorId(indicator.kind, indicator.value);
    const created = stixTime(indicator.firstSeen);
    const modified = stixTime(later(indicator.lastSeen, indicator.firstSeen));
    objects.push({
      type: 'indicator',
      ...common,
      id,
      created,
      modified,
      name: indicator.value,
      description: `${STIX_KIND_LABELS[indicator.kind]} utilisé dans des escroqueries visant des médecins, signalé à l'Ordre des médecins.`,
      indicator_types: ['malicious-activity'],
      pattern: stixPattern(indicator.kind, indicator.value),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: created,
    });
    relationships.push({
      type: 'relationship',
      ...common,
      id: `relationship--${uuidv5(`indicates:${id}:${campaignId}`)}`,
      created,
      modified,
      relationship_type: 'indicates',
      description: `Présent dans ${indicator.reports} signalement${indicator.reports > 1 ? 's' : ''} de la campagne ${campaign.reference}.`,
      source_ref: id,
      target_ref: campaignId,
    });
  }
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...objects, ...relationships] };
}

// -------------------------------------------------------------------------------------------- MISP

const MISP_ATTRIBUTES: Record<SharedIndicatorKind, { type: string; category: string; toIds: boolean }> = {
  // MISP allows phone-number only in Financial fraud, Person and Other: these numbers serve frauds.
  phone: { type: 'phone-number', category: 'Financial fraud', toIds: false },
  domain: { type: 'domain', category: 'Network activity', toIds: true },
  url: { type: 'url', category: 'Network activity', toIds: true },
  email: { type: 'email-src', category: 'Payload delivery', toIds: true },
};

/** MISP distribution for each TLP: AMBER your organisation only, GREEN this community, CLEAR all communities. */
const MISP_DISTRIBUTION: Record<TlpLevel, string> = { amber: '0', green: '1', clear: '3' };
const epochSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

export interface MispEvent {
  Event: Record<string, unknown> & { Attribute: Record<string, unknown>[]; Tag: { name: string }[] };
}

/**
 * A MISP event (the JSON MISP imports): info, date, threat level « medium », analysis « ongoing » while the
 * campaign is open and « completed » after, the TLP as tag and distribution, one attribute per indicator.
 */
export function indicatorsToMisp(campaign: ExportCampaign, indicators: readonly ExportIndicator[], tlp: TlpLevel): MispEvent {
  const lastChange = indicators.reduce((max, i) => later(i.lastSeen, max), later(campaign.updatedAt, campaign.createdAt));
  return {
    Event: {
      uuid: uuidv5(`misp-event:${campaign.id}`),
      info: `Vigie — ${campaign.reference} — ${campaign.label}`,
      date: (campaign.firstReportAt ?? campaign.createdAt).toISOString().slice(0, 10),
      threat_level_id: '2',
      analysis: campaign.status === 'ouverte' ? '1' : '2',
      distribution: MISP_DISTRIBUTION[tlp],
      published: false,
      timestamp: epochSeconds(lastChange),
      Orgc: { name: ORDRE_NAME, uuid: ORDRE_UUID },
      Tag: [{ name: TLP_LABELS[tlp].toLowerCase() }, ...(campaign.scamFamily ? [{ name: `vigie:famille="${campaign.scamFamily}"` }] : [])],
      Attribute: indicators.map((i) => {
        const kind = MISP_ATTRIBUTES[i.kind];
        return {
          // Per campaign: MISP refuses one attribute uuid in two events.
          uuid: uuidv5(`misp-attribute:${campaign.id}:${i.kind}:${i.value}`),
          type: kind.type,
          category: kind.category,
          value: i.value,
          to_ids: kind.toIds,
          distribution: '5',
          comment: `Présent dans ${i.reports} signalement${i.reports > 1 ? 's' : ''} de la campagne ${campaign.reference}.`,
          first_seen: i.firstSeen.toISOString(),
          last_seen: later(i.lastSeen, i.firstSeen).toISOString(),
          timestamp: epochSeconds(later(i.lastSeen, i.firstSeen)),
        };
      }),
    },
  };
}
