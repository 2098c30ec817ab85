import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAlertDraft,
  ZAlertIdParams,
  ZAlertList,
  ZAlertListQuery,
  ZAlertReturn,
  ZAlertView,
  ZAlertWithdraw,
  ZAudience,
  ZAudiencePreview,
  ZCampaignIdParams,
  ZCampaignPrefill,
  ZPublicAlertList,
  ZSpecialtyList,
} from '../../../contracts/alerts.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as service from './alerts.service.js';
import { listSpecialties, specialtyChoices } from './alerts.repo.js';

export const alertsRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['alerts'];
  const publicAlerts = service.createPublicAlertsCache();

  app.get('/api/alerts/public', {
    config: { access: 'public' },
    schema: { tags, summary: '« Alertes en cours »: approved alerts still shown, without internal data', response: { 200: ZPublicAlertList } },
  }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=5');
    return { items: await publicAlerts.get(deps) };
  });

  app.get('/api/alerts', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'Alerts within my scope, newest first', querystring: ZAlertListQuery, response: { 200: ZAlertList } },
  }, async (req) => ({ items: await service.listAlerts(deps, requireSession(req).actor, req.query.status) }));

  app.post('/api/alerts', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'Draft an alert', body: ZAlertDraft, response: { 201: ZAlertView } },
  }, async (req, reply) => {
    const actor = requireSession(req).actor;
    const row = await service.createDraft(deps, req.auditContext, actor, req.body);
    return reply.status(201).send(await service.toAlertView(deps, actor, row));
  });

  app.post('/api/alerts/preview', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'How many doctors an audience reaches', body: ZAudience, response: { 200: ZAudiencePreview } },
  }, async (req) => service.previewAudience(deps, requireSession(req).actor, req.body));

  app.get('/api/alerts/specialties', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'The official specialties, then those found in the register under another spelling (audience choices)', response: { 200: ZSpecialtyList } },
  }, async () => ({ items: specialtyChoices(await listSpecialties(deps.database.db)) }));

  app.get('/api/alerts/campaigns/:campaignId', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: "A campaign's reference and label, to prefill a draft", params: ZCampaignIdParams, response: { 200: ZCampaignPrefill } },
  }, async (req) => service.campaignPrefill(deps, requireSession(req).actor, req.params.campaignId));

  app.get('/api/alerts/:id', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'One alert, with its broadcast progress', params: ZAlertIdParams, response: { 200: ZAlertView } },
  }, async (req) => service.getAlert(deps, requireSession(req).actor, req.params.id));

  app.put('/api/alerts/:id', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'Edit a draft (its drafter, while brouillon)', params: ZAlertIdParams, body: ZAlertDraft, response: { 200: ZAlertView } },
  }, async (req) => {
    const actor = requireSession(req).actor;
    return service.toAlertView(deps, actor, await service.updateDraft(deps, req.auditContext, actor, req.params.id, req.body));
  });

  app.post('/api/alerts/:id/submit', {
    config: { access: { permission: 'alert:draft' } },
    schema: { tags, summary: 'Submit a draft for approval', params: ZAlertIdParams, response: { 200: ZAlertView } },
  }, async (req) => {
    const actor = requireSession(req).actor;
    return service.toAlertView(deps, actor, await service.submitAlert(deps, req.auditContext, actor, req.params.id));
  });

  app.post('/api/alerts/:id/approve', {
    config: { access: { permission: 'alert:approve' } },
    schema: { tags, summary: 'Approve (another agent than the drafter) and start the broadcast', params: ZAlertIdParams, response: { 200: ZAlertView } },
  }, async (req) => {
    const actor = requireSession(req).actor;
    const row = await service.approveAlert(deps, req.auditContext, actor, req.params.id);
    publicAlerts.clear();
    return service.toAlertView(deps, actor, row);
  });

  app.post('/api/alerts/:id/return', {
    config: { access: { permission: 'alert:approve' } },
    schema: { tags, summary: 'Send back to the drafter with a comment', params: ZAlertIdParams, body: ZAlertReturn, response: { 200: ZAlertView } },
  }, async (req) => {
    const actor = requireSession(req).actor;
    return service.toAlertView(deps, actor, await service.returnAlert(deps, req.auditContext, actor, req.params.id, req.body.comment));
  });

  app.post('/api/alerts/:id/withdraw', {
    config: { access: { permission: 'alert:approve' } },
    schema: { tags, summary: 'Withdraw: stops pending deliveries, leaves the public page', params: ZAlertIdParams, body: ZAlertWithdraw, response: { 200: ZAlertView } },
  }, async (req) => {
    const actor = requireSession(req).actor;
    const row = await service.withdrawAlert(deps, req.auditContext, actor, req.params.id, req.body.reason);
    publicAlerts.clear();
    return service.toAlertView(deps, actor, row);
  });
};
