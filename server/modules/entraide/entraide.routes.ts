import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../contracts/zod.js';
import {
  ZDepartementParams,
  ZEntraideAssign,
  ZEntraideCallList,
  ZEntraideCallListQuery,
  ZEntraideCallLog,
  ZEntraideCneConsent,
  ZEntraideDecision,
  ZEntraideEscalate,
  ZEntraideJournalEntry,
  ZEntraideMandate,
  ZEntraideMandateList,
  ZEntraideStatusChange,
  ZEntraideCaseDetail,
  ZEntraideCaseList,
  ZEntraideCaseListQuery,
  ZEntraideCaseParams,
  ZEntraideIdentity,
  ZEntraideReveal,
  ZEntraideOwnRequest,
  ZEntraideReceipt,
  ZEntraideRequestFor,
  ZHelplines,
  ZHelplinesQuery,
  ZHelplinesUpdate,
  ZMyEntraideRequests,
} from '../../../contracts/entraide.schemas.js';
import type { AuditContext } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/authz/policy.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { addJournalEntry, assignReferent, closeCase, escalateCase, recordCneConsent, recordDecision, reopenCase } from './case-workflow.service.js';
import { getCase, listCases, revealIdentity } from './cases.service.js';
import { entraideProtectionRoutes } from './entraide-protection.routes.js';
import { entraideSupportRoutes } from './entraide-support.routes.js';
import { convertCall, listCalls, logCall } from './helpline-calls.service.js';
import { helplinesFor, replaceHelplines } from './helplines.service.js';
import { grantMandate, listMandates } from './mandates.service.js';
import { fileOwnRequest, fileRequestFor, listOwnRequests } from './requests.service.js';

// Entraide ordinale (docs/entraide.md): helplines before any form, requests for help, a doctor's own
// requests. Bodies are never logged (platform/http/logging.ts), and no answer carries more than the
// pseudonym of a case.

/** A person in distress may retry; a script filing cases in bulk may not. */
const REQUEST_LIMIT = { max: 10, timeWindow: 60_000 };

export const entraideRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get('/api/entraide/helplines', {
    config: { access: 'public' },
    schema: {
      tags: ['entraide'],
      summary: 'Emergency numbers and the helplines in force for a département (the national default when it set none), without login',
      querystring: ZHelplinesQuery,
      response: { 200: ZHelplines },
    },
  }, async (req) => helplinesFor(deps.database.db, req.query.departement ?? null));

  app.put('/api/entraide/helplines/:departement', {
    config: { access: { permission: 'entraide:helplines_manage' } },
    schema: {
      tags: ['entraide'],
      summary: "Set a département's own helplines (an empty list returns it to the national default); audited",
      params: ZDepartementParams,
      body: ZHelplinesUpdate,
      response: { 200: ZHelplines },
    },
  }, async (req) => replaceHelplines(deps, req.auditContext, requireSession(req).actor.userId, req.params.departement, req.body.helplines));

  app.post('/api/entraide/calls', {
    config: { access: { permission: 'entraide:call_log' } },
    schema: {
      tags: ['entraide'],
      summary: 'Log a call to a helpline or to the council, without identity; the summary sealed for the CDE; audited',
      body: ZEntraideCallLog,
      response: { 201: z.object({ id: z.uuid() }) },
    },
  }, async (req, reply) => reply.code(201).send(await logCall(deps, req.auditContext, requireSession(req).actor, req.body)));

  app.get('/api/entraide/calls', {
    config: { access: { permission: 'entraide:call_log' } },
    schema: {
      tags: ['entraide'],
      summary: "The calls logged for the actor's département (any for a national account), without their summary",
      querystring: ZEntraideCallListQuery,
      response: { 200: ZEntraideCallList },
    },
  }, async (req) => listCalls(deps, req.auditContext, requireSession(req).actor, req.query.departement));

  app.post('/api/entraide/calls/:id/case', {
    config: { access: { permission: 'entraide:call_log' }, rateLimit: REQUEST_LIMIT },
    schema: {
      tags: ['entraide'],
      summary: 'Turn a logged call into a case (its summary becomes the first note); audited',
      params: ZEntraideCaseParams,
      body: ZEntraideRequestFor,
      response: { 201: ZEntraideReceipt },
    },
  }, async (req, reply) => reply.code(201).send(await convertCall(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body)));

  app.get('/api/entraide/mandates', {
    config: { access: { permission: 'entraide:mandates_manage' } },
    schema: { tags: ['entraide'], summary: 'Every commission seat, current and past', response: { 200: ZEntraideMandateList } },
  }, async () => listMandates(deps));

  app.post('/api/entraide/mandates', {
    config: { access: { permission: 'entraide:mandates_manage' } },
    schema: {
      tags: ['entraide'],
      summary: 'Seat a member on a commission for a mandate; access follows the seat in force; audited',
      body: ZEntraideMandate,
      response: { 201: z.object({ id: z.uuid() }) },
    },
  }, async (req, reply) => reply.code(201).send(await grantMandate(deps, req.auditContext, requireSession(req).actor.userId, req.body)));

  app.post('/api/entraide/requests', {
    config: { access: { permission: 'entraide:request' }, rateLimit: REQUEST_LIMIT },
    schema: {
      tags: ['entraide'],
      summary: "A doctor asks the commission for help; identity from the account, sealed for the département's CDE",
      body: ZEntraideOwnRequest,
      response: { 201: ZEntraideReceipt },
    },
  }, async (req, reply) => reply.code(201).send(await fileOwnRequest(deps, requireSession(req).actor, req.body)));

  app.get('/api/entraide/requests/mine', {
    config: { access: { permission: 'entraide:request' } },
    schema: {
      tags: ['entraide'],
      summary: "A doctor's own requests, by pseudonym and status",
      response: { 200: ZMyEntraideRequests },
    },
  }, async (req) => listOwnRequests(deps, requireSession(req).actor));

  app.post('/api/entraide/requests/relative', {
    config: { access: 'public', rateLimit: REQUEST_LIMIT },
    schema: {
      tags: ['entraide'],
      summary: 'A relative asks for help for a doctor, a docteur junior or a family member, without an account',
      body: ZEntraideRequestFor,
      response: { 201: ZEntraideReceipt },
    },
  }, async (req, reply) => reply.code(201).send(await fileRequestFor(deps, req.auditContext, null, req.body)));

  app.post('/api/entraide/requests/recorded', {
    config: { access: { permission: 'entraide:record' }, rateLimit: REQUEST_LIMIT },
    schema: {
      tags: ['entraide'],
      summary: 'An agent or a CDE member records a request received by phone; they then see only its pseudonym',
      body: ZEntraideRequestFor,
      response: { 201: ZEntraideReceipt },
    },
  }, async (req, reply) => reply.code(201).send(await fileRequestFor(deps, req.auditContext, requireSession(req).actor, req.body)));

  app.get('/api/entraide/cases', {
    config: { access: { permission: 'entraide:case_read' } },
    schema: {
      tags: ['entraide'],
      summary: "A commission member's cases by pseudonym (CDE: the département's; CNE: the transmitted ones), under a current mandate",
      querystring: ZEntraideCaseListQuery,
      response: { 200: ZEntraideCaseList },
    },
  }, async (req) => listCases(deps, req.auditContext, requireSession(req).actor, req.query));

  app.get('/api/entraide/cases/:id', {
    config: { access: { permission: 'entraide:case_read' } },
    schema: {
      tags: ['entraide'],
      summary: 'A case with its journal, without the identity; audited',
      params: ZEntraideCaseParams,
      response: { 200: ZEntraideCaseDetail },
    },
  }, async (req) => getCase(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.post('/api/entraide/cases/:id/reveal', {
    config: { access: { permission: 'entraide:identity_reveal' }, rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: {
      tags: ['entraide'],
      summary: "The identity and contact details of a case's person, with a reason; audited with the reason",
      params: ZEntraideCaseParams,
      body: ZEntraideReveal,
      response: { 200: ZEntraideIdentity },
    },
  }, async (req) => revealIdentity(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body.reason));

  // The case's workflow: each answer is the case as it now stands (without the identity).
  function change<S extends z.ZodType>(
    path: string,
    permission: 'entraide:case_manage' | 'entraide:escalate',
    summary: string,
    body: S,
    run: (ctx: AuditContext, actor: Actor, id: string, body: z.infer<S>) => Promise<void>,
  ) {
    app.post(`/api/entraide/cases/:id/${path}`, {
      config: { access: { permission } },
      schema: { tags: ['entraide'], summary, params: ZEntraideCaseParams, body, response: { 200: ZEntraideCaseDetail } },
    }, async (req) => {
      const actor = requireSession(req).actor;
      // The schema above validated the body: its type is the schema's.
      await run(req.auditContext, actor, req.params.id, req.body as z.infer<S>);
      return getCase(deps, req.auditContext, actor, req.params.id);
    });
  }

  change('journal', 'entraide:case_manage', 'Add a note or a meeting to the journal (sealed); audited', ZEntraideJournalEntry, (ctx, actor, id, b) => addJournalEntry(deps, ctx, actor, id, b));
  change('referent', 'entraide:case_manage', 'Assign the referent, a member of the CDE in office; audited', ZEntraideAssign, (ctx, actor, id, b) => assignReferent(deps, ctx, actor, id, b.referentId));
  change('decisions', 'entraide:case_manage', "Record the commission's decision with its vote (refused without quorum); audited", ZEntraideDecision, (ctx, actor, id, b) => recordDecision(deps, ctx, actor, id, b));
  change('escalation', 'entraide:escalate', 'Transmit to the CNE, with or without consent to share the identity; audited with the reason', ZEntraideEscalate, (ctx, actor, id, b) => escalateCase(deps, ctx, actor, id, b));
  change(
    'cne-consent',
    'entraide:escalate',
    "Record the person's consent, obtained after a transmission without it, to let the CNE know their identity (sealed for the CNE); audited",
    ZEntraideCneConsent,
    (ctx, actor, id, b) => recordCneConsent(deps, ctx, actor, id, b),
  );
  change('closure', 'entraide:case_manage', 'Close the case (purged after the retention period); audited', ZEntraideStatusChange, (ctx, actor, id, b) => closeCase(deps, ctx, actor, id, b.text));
  change('reopening', 'entraide:case_manage', 'Reopen a closed case; audited', ZEntraideStatusChange, (ctx, actor, id, b) => reopenCase(deps, ctx, actor, id, b.text));

  await app.register(entraideSupportRoutes, { deps });
  await app.register(entraideProtectionRoutes, { deps });
};
