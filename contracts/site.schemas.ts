import { z } from './zod.js';

// The site's identity and contacts, and the retention periods Vigie applies, as the public pages
// « Mentions légales », « Données personnelles » and « Contact » show them (GET /api/site). Everything
// here comes from configuration or from the running rules, so the pages never state a duration or an
// address the deployment does not actually have.

/** The name of the service, said once for the header, the pages and the documents. */
export const SERVICE_NAME = 'Vigie';
export const SERVICE_TAGLINE = 'Prévention des fraudes et entraide des médecins';

export const ZSiteInfo = z.object({
  publisher: z.string(),
  publisherAddress: z.string(),
  publicationDirector: z.string(),
  hosting: z.string(),
  contactEmail: z.string(),
  dpoContact: z.string(),
  publicUrl: z.string(),
  retention: z.object({
    unconfirmedReportHours: z.number().int(),
    /** Months a closed entraide case is kept after its closure (the administrators' setting). */
    entraideMonths: z.number().int(),
    /** Days after its last sighting when an indicator stops flagging analyses. */
    indicatorDays: z.number().int(),
    sessionIdleMinutes: z.number().int(),
    sessionAbsoluteHours: z.number().int(),
  }),
});
export type TSiteInfo = z.infer<typeof ZSiteInfo>;
