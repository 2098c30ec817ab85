import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZDpcContradictoryAnswer,
  ZDpcContradictoryAnswered,
  ZDpcContradictoryInvite,
  ZDpcContradictoryParams,
  ZDpcContradictoryView,
  ZDpcDecision,
  ZDpcEvidenceParams,
  ZDpcQueuePage,
  ZDpcQueueQuery,
  ZDpcReporter,
  ZDpcReview,
  ZDpcReviewerList,
  ZDpcSignalementDetail,
  ZDpcSignalementParams,
  ZDpcSignalementState,
  ZDpcTriage,
  ZDpcVersion,
} from '../../../contracts/dpc-workflow.schemas.js';
import { REPORT_MEDIA_TYPES } from '../../../contracts/reports.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { bytesIn, fileResponse } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import { answerInvitation, closeContradictory, inviteOrganisation, readInvitation } from './contradictory.service.js';
import { decideSignalement } from './signalement-decision.service.js';
import { getSignalement, readEvidence, readReporter } from './signalement-detail.service.js';
import { sendEvidence } from './signalement-detail.files.js';
import { listReviewers, listSignalements } from './signalement-queue.service.js';
import { reviewSignalement } from './signalement-review.service.js';
import { triageSignalement } from './signalement-triage.service.js';

// The workflow of DPC signalements (docs/dpc-signalements.md « Workflow »). A route names one
// permission, so agents read under /api/dpc/signalements (dpc:signalement_triage) and expert reviewers
// under /api/dpc/reviews (dpc:signalement_review); the policy narrows both (département, designation).

/** The organisation's link may be retried; a script guessing tokens may not. */
const PUBLIC_LIMIT = { max: 20, timeWindow: 60_000 };

export const dpcWorkflowRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['dpc'];
  const triage = { permission: 'dpc:signalement_triage' } as const;
  const review = { permission: 'dpc:signalement_review' } as const;

  app.get('/api/dpc/signalements', {
    config: { access: triage },
    schema: { tags, summary: 'The queue of DPC signalements in the agent’s scope (never the reporter)', querystring: ZDpcQueueQuery, response: { 200: ZDpcQueuePage } },
  }, async (req) => listSignalements(deps, requireSession(req).actor, req.query));

  app.get('/api/dpc/reviews', {
    config: { access: review },
    schema: { tags, summary: 'The DPC signalements designated to the expert reviewer', querystring: ZDpcQueueQuery, response: { 200: ZDpcQueuePage } },
  }, async (req) => listSignalements(deps, requireSession(req).actor, req.query));

  app.get('/api/dpc/reviewers', {
    config: { access: triage },
    schema: { tags, summary: 'Active expert reviewers a signalement may be designated to', response: { 200: ZDpcReviewerList } },
  }, async () => listReviewers(deps));

  const detailSchema = (summary: string) => ({ tags, summary, params: ZDpcSignalementParams, response: { 200: ZDpcSignalementDetail } });
  const readDetail = (permission: 'dpc:signalement_triage' | 'dpc:signalement_review') => async (req: FastifyRequest<{ Params: { id: string } }>) =>
    getSignalement(deps, req.auditContext, requireSession(req).actor, req.params.id, permission);
  app.get('/api/dpc/signalements/:id', {
    config: { access: triage },
    schema: detailSchema('A DPC signalement with its screening, journal, reviews and decision, without its reporter (audited read)'),
  }, readDetail(triage.permission));
  app.get('/api/dpc/reviews/:id', {
    config: { access: review },
    schema: detailSchema('A DPC signalement designated to the expert reviewer, without its reporter (audited read)'),
  }, readDetail(review.permission));

  const evidenceSchema = { tags, summary: 'Download an evidence file of a DPC signalement (audited read)', params: ZDpcEvidenceParams, response: { 200: fileResponse('The file as filed (the reports’ upload rules), typed by its content', bytesIn(REPORT_MEDIA_TYPES)) } };
  const downloadEvidence = (permission: 'dpc:signalement_triage' | 'dpc:signalement_review') => async (req: FastifyRequest<{ Params: { id: string; evidenceId: string } }>, reply: FastifyReply) => {
    const { evidence, content } = await readEvidence(deps, req.auditContext, requireSession(req).actor, req.params.id, req.params.evidenceId, permission);
    return sendEvidence(reply, evidence, content);
  };
  app.get('/api/dpc/signalements/:id/evidence/:evidenceId', { config: { access: triage }, schema: evidenceSchema }, downloadEvidence(triage.permission));
  app.get('/api/dpc/reviews/:id/evidence/:evidenceId', { config: { access: review }, schema: evidenceSchema }, downloadEvidence(review.permission));

  app.get('/api/dpc/signalements/:id/reporter', {
    config: { access: { permission: 'dpc:reporter_identity' }, rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: { tags, summary: 'Who reported a DPC signalement, for an agent in scope or the designated reviewer (each read audited)', params: ZDpcSignalementParams, response: { 200: ZDpcReporter } },
  }, async (req, reply) => {
    const reporter = await readReporter(deps, req.auditContext, requireSession(req).actor, req.params.id);
    void reply.header('cache-control', 'no-store');
    return reporter;
  });

  app.post('/api/dpc/signalements/:id/triage', {
    config: { access: triage },
    schema: { tags, summary: 'Triage: requalify and designate an expert reviewer', params: ZDpcSignalementParams, body: ZDpcTriage, response: { 200: ZDpcSignalementState } },
  }, async (req) => triageSignalement(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/dpc/signalements/:id/review', {
    config: { access: review },
    schema: { tags, summary: 'The designated reviewer’s opinion', params: ZDpcSignalementParams, body: ZDpcReview, response: { 200: ZDpcSignalementState } },
  }, async (req) => reviewSignalement(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/dpc/signalements/:id/contradictory', {
    config: { access: triage },
    schema: { tags, summary: 'Invite the reported organisation to answer (contradictory step)', params: ZDpcSignalementParams, body: ZDpcContradictoryInvite, response: { 200: ZDpcSignalementState } },
  }, async (req) => inviteOrganisation(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/dpc/signalements/:id/contradictory/close', {
    config: { access: triage },
    schema: { tags, summary: 'Close the contradictory step without an answer', params: ZDpcSignalementParams, body: ZDpcVersion, response: { 200: ZDpcSignalementState } },
  }, async (req) => closeContradictory(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body.version));

  app.post('/api/dpc/signalements/:id/decision', {
    config: { access: triage },
    schema: { tags, summary: 'Decide: classement, transmission to the ANDPC or the MIVILUDES, saisine of the disciplinary chamber', params: ZDpcSignalementParams, body: ZDpcDecision, response: { 200: ZDpcSignalementState } },
  }, async (req) => decideSignalement(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.get('/api/dpc/contradictory/:token', {
    config: { access: 'public', rateLimit: PUBLIC_LIMIT },
    schema: { tags, summary: 'What the reported organisation is invited to answer, through its link', params: ZDpcContradictoryParams, response: { 200: ZDpcContradictoryView } },
  }, async (req, reply) => {
    const view = await readInvitation(deps, req.params.token);
    void reply.header('cache-control', 'no-store');
    return view;
  });

  app.post('/api/dpc/contradictory/:token/answer', {
    config: { access: 'public', rateLimit: PUBLIC_LIMIT },
    schema: { tags, summary: 'The reported organisation’s answer (once)', params: ZDpcContradictoryParams, body: ZDpcContradictoryAnswer, response: { 200: ZDpcContradictoryAnswered } },
  }, async (req, reply) => {
    const answered = await answerInvitation(deps, req.auditContext, req.params.token, req.body.answer);
    void reply.header('cache-control', 'no-store');
    return answered;
  });
};
