/** Export links of a campaign's indicators (CSV, STIX 2.1, MISP), shown on the campaign page. */
export function CampaignExportLinks(_props: { campaignId: string }) {
  return null;
}
