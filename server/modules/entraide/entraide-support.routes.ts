import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZBudgetHistory,
  ZBudgetSnapshotInput,
  ZCresusActionEntry,
  ZCresusReferral,
  ZCresusReferralAnswer,
  ZCresusReferralView,
  ZEntraideCaseParams,
} from '../../../contracts/entraide.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { getBudgetHistory, recordBudget } from './budgets.service.js';
import { getCresusReferral, recordCresusAction, referToCresus } from './cresus.service.js';

// Support beyond the commission's own aid (docs/entraide.md « Crésus and the budget tool »): the CNE's
// referral to Crésus and its follow-up, and the budget tool's snapshots. Registered by entraide.routes.ts;
// bodies are never logged, answers carry the pseudonym's case id only.

export const entraideSupportRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.post('/api/entraide/cases/:id/cresus', {
    config: { access: { permission: 'entraide:cresus_refer' } },
    schema: {
      tags: ['entraide'],
      summary: 'Refer a case transmitted to the CNE to Crésus, with consent; only what Crésus needs is sealed and shared; audited',
      params: ZEntraideCaseParams,
      body: ZCresusReferral,
      response: { 201: ZCresusReferralView },
    },
  }, async (req, reply) => reply.code(201).send(await referToCresus(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body)));

  app.get('/api/entraide/cases/:id/cresus', {
    config: { access: { permission: 'entraide:case_read' } },
    schema: {
      tags: ['entraide'],
      summary: "The case's referral to Crésus and its actions (null before any); audited read",
      params: ZEntraideCaseParams,
      response: { 200: ZCresusReferralAnswer },
    },
  }, async (req) => getCresusReferral(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.post('/api/entraide/cases/:id/cresus/actions', {
    config: { access: { permission: 'entraide:cresus_refer' } },
    schema: {
      tags: ['entraide'],
      summary: "Record what Crésus did (note sealed), optionally moving the referral's status on; audited",
      params: ZEntraideCaseParams,
      body: ZCresusActionEntry,
      response: { 200: ZCresusReferralView },
    },
  }, async (req) => recordCresusAction(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/entraide/cases/:id/budgets', {
    config: { access: { permission: 'entraide:budget' } },
    schema: {
      tags: ['entraide'],
      summary: "Record a snapshot of the household's budget (sealed); answers the history with each reste à vivre; audited",
      params: ZEntraideCaseParams,
      body: ZBudgetSnapshotInput,
      response: { 201: ZBudgetHistory },
    },
  }, async (req, reply) => reply.code(201).send(await recordBudget(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body)));

  app.get('/api/entraide/cases/:id/budgets', {
    config: { access: { permission: 'entraide:budget' } },
    schema: {
      tags: ['entraide'],
      summary: "The case's budget snapshots, oldest first, each with its reste à vivre against the RSA floor; audited read",
      params: ZEntraideCaseParams,
      response: { 200: ZBudgetHistory },
    },
  }, async (req) => getBudgetHistory(deps, req.auditContext, requireSession(req).actor, req.params.id));
};
