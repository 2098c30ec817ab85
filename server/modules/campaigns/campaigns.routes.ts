import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCampaignIdParams,
  ZCampaignList,
  ZCampaignListQuery,
  ZCampaignMerge,
  ZCampaignPage,
  ZCampaignPublicLabelApproval,
  ZCampaignPublicLabelProposal,
  ZCampaignPublicLabelState,
  ZCampaignQualified,
  ZCampaignReportParams,
  ZCampaignSplit,
  ZCampaignSummary,
  ZCampaignUpdate,
  ZHeldIndicatorList,
  ZIndicatorDecision,
  ZIndicatorIdParams,
  ZIndicatorView,
} from '../../../contracts/campaigns.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as indicators from './indicator-decisions.service.js';
import * as service from './campaigns.service.js';

// Campaigns (agents: campaign:read to look, campaign:manage to change) and the indicators' decisions
// (indicator:manage), which belong to the same screens.
export const campaignsRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['campaigns'];
  const read = { access: { permission: 'campaign:read' as const } };
  const manage = { access: { permission: 'campaign:manage' as const } };
  const decide = { access: { permission: 'indicator:manage' as const } };

  app.get('/api/campaigns', {
    config: read,
    schema: { tags, summary: 'Campaigns I may see, most recently reported first', querystring: ZCampaignListQuery, response: { 200: ZCampaignList } },
  }, async (req) => service.listCampaigns(deps, requireSession(req).actor, req.query));

  app.get('/api/campaigns/:id', {
    config: read,
    schema: { tags, summary: 'A campaign: timeline, départements, indicators, withdrawn published values, reports (no reporter)', params: ZCampaignIdParams, response: { 200: ZCampaignPage } },
  }, async (req) => service.readCampaign(deps, requireSession(req).actor, req.params.id));

  app.patch('/api/campaigns/:id', {
    config: manage,
    schema: { tags, summary: 'Edit label, summary or scam family', params: ZCampaignIdParams, body: ZCampaignUpdate, response: { 200: ZCampaignSummary } },
  }, async (req) => service.updateCampaign(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/campaigns/:id/split', {
    config: manage,
    schema: { tags, summary: 'Move the chosen reports into a new campaign', params: ZCampaignIdParams, body: ZCampaignSplit, response: { 201: ZCampaignSummary } },
  }, async (req, reply) => reply.status(201).send(await service.splitCampaign(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body)));

  app.post('/api/campaigns/:id/merge', {
    config: manage,
    schema: { tags, summary: 'Absorb another campaign, named by its reference', params: ZCampaignIdParams, body: ZCampaignMerge, response: { 200: ZCampaignSummary } },
  }, async (req) => service.mergeIntoCampaign(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/campaigns/:id/reports/:reportId/remove', {
    config: manage,
    schema: { tags, summary: 'Take a report out of the campaign for good', params: ZCampaignReportParams, response: { 200: ZCampaignSummary } },
  }, async (req) => service.removeReport(deps, req.auditContext, requireSession(req).actor, req.params.id, req.params.reportId));

  app.post('/api/campaigns/:id/qualify', {
    config: manage,
    schema: { tags, summary: 'Qualify: publish the indicators, qualify the reports', params: ZCampaignIdParams, response: { 200: ZCampaignQualified } },
  }, async (req) => service.qualifyCampaign(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.post('/api/campaigns/:id/close', {
    config: manage,
    schema: { tags, summary: 'Close the campaign', params: ZCampaignIdParams, response: { 200: ZCampaignSummary } },
  }, async (req) => service.closeCampaign(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.post('/api/campaigns/:id/public-label', {
    config: manage,
    schema: { tags, summary: 'Propose the name the public check page shows (needs a second agent)', params: ZCampaignIdParams, body: ZCampaignPublicLabelProposal, response: { 200: ZCampaignPublicLabelState } },
  }, async (req) => service.proposePublicLabel(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/campaigns/:id/public-label/approve', {
    config: manage,
    schema: { tags, summary: 'Approve the proposed public name (not its proposer)', params: ZCampaignIdParams, body: ZCampaignPublicLabelApproval, response: { 200: ZCampaignPublicLabelState } },
  }, async (req) => service.approvePublicLabel(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.get('/api/indicators/held', {
    config: decide,
    schema: { tags, summary: 'Indicators held by the over-correlation guard', response: { 200: ZHeldIndicatorList } },
  }, async (req) => indicators.listHeldIndicators(deps, requireSession(req).actor));

  app.post('/api/indicators/:id/decision', {
    config: decide,
    schema: { tags, summary: 'Decide on a held indicator: approve, common value or false positive', params: ZIndicatorIdParams, body: ZIndicatorDecision, response: { 200: ZIndicatorView } },
  }, async (req) => indicators.decideHeldIndicator(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/indicators/:id/false-positive', {
    config: decide,
    schema: { tags, summary: 'Mark an indicator false positive: never links nor flags again', params: ZIndicatorIdParams, response: { 200: ZIndicatorView } },
  }, async (req) => indicators.markFalsePositive(deps, req.auditContext, requireSession(req).actor, req.params.id));
};
