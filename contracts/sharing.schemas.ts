import { z, zUuid } from './zod.js';

/**
 * Sharing a campaign's indicators (CSV, STIX 2.1, MISP) with partners, and a report's dossier as a PDF.
 * TLP 2.0 levels offered to the agent; AMBER by default (limited disclosure to the recipient's
 * organisation and its clients). RED is not offered: a file one may not forward is not a sharing format.
 */
export const TLP_LEVELS = ['amber', 'green', 'clear'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];
export const TLP_LABELS: Record<TlpLevel, string> = { amber: 'TLP:AMBER', green: 'TLP:GREEN', clear: 'TLP:CLEAR' };

export const INDICATOR_EXPORT_FORMATS = ['csv', 'stix', 'misp'] as const;
export type IndicatorExportFormat = (typeof INDICATOR_EXPORT_FORMATS)[number];

/**
 * `linking`: only the indicators that link reports (actif, approuvé). `all` adds those held for an
 * agent's decision and expired ones. Common values and false positives are never exported.
 */
export const INDICATOR_EXPORT_SETS = ['linking', 'all'] as const;

export const ZSharingIdParams = z.strictObject({ id: zUuid });

export const ZIndicatorExportQuery = z.strictObject({
  format: z.enum(INDICATOR_EXPORT_FORMATS, { error: 'Format inconnu : csv, stix ou misp.' }),
  tlp: z.enum(TLP_LEVELS, { error: 'Marquage TLP inconnu : amber, green ou clear.' }).default('amber'),
  include: z.enum(INDICATOR_EXPORT_SETS, { error: 'Choix d’indicateurs inconnu : linking ou all.' }).default('linking'),
});
export type TIndicatorExportQuery = z.infer<typeof ZIndicatorExportQuery>;
