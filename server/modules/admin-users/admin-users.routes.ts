import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZSecondFactorReset,
  ZUserCreate,
  ZUserIdParams,
  ZUserList,
  ZUserListQuery,
  ZUserUpdate,
  ZUserView,
} from '../../../contracts/admin-users.schemas.js';
import { ZAuditExportQuery, ZAuditPage, ZAuditQuery } from '../../../contracts/audit.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as admin from './admin-users.service.js';
import * as journal from './audit-journal.service.js';
import { fileResponse } from '../../platform/http/openapi-media.js';

export const adminUsersRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get('/api/admin/users', {
    config: { access: { permission: 'users:read' } },
    schema: { tags: ['admin'], summary: 'List accounts', querystring: ZUserListQuery, response: { 200: ZUserList } },
  }, async (req) => admin.listUsers(deps, requireSession(req).actor, req.query));

  app.post('/api/admin/users', {
    config: { access: { permission: 'users:manage' } },
    schema: { tags: ['admin'], summary: 'Create an account and email an invitation', body: ZUserCreate, response: { 201: ZUserView } },
  }, async (req, reply) => reply.status(201).send(await admin.createUser(deps, req.auditContext, requireSession(req).actor, req.body)));

  app.patch('/api/admin/users/:id', {
    config: { access: { permission: 'users:manage' } },
    schema: { tags: ['admin'], summary: 'Change an account', params: ZUserIdParams, body: ZUserUpdate, response: { 200: ZUserView } },
  }, async (req) => admin.updateUser(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/admin/users/:id/second-factor-reset', {
    config: { access: { permission: 'users:manage' } },
    schema: { tags: ['admin'], summary: "Reset an account's second factor", params: ZUserIdParams, body: ZSecondFactorReset, response: { 204: z.null() } },
  }, async (req, reply) => {
    await admin.resetSecondFactor(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body.reason);
    return reply.status(204).send(null);
  });

  app.get('/api/admin/audit', {
    config: { access: { permission: 'audit:read' } },
    schema: { tags: ['admin'], summary: 'Read the audit log, filtered, with names (national administrators; audited)', querystring: ZAuditQuery, response: { 200: ZAuditPage } },
  }, async (req) => journal.readAuditLog(deps, req.auditContext, requireSession(req).actor, req.query));

  app.get('/api/admin/audit/export', {
    config: { access: { permission: 'audit:read' } },
    schema: { tags: ['admin'], summary: 'Export the filtered audit log as CSV (national administrators; audited)', querystring: ZAuditExportQuery, response: { 200: fileResponse('The filtered entries as CSV (UTF-8 with BOM, « ; »)', { 'text/csv': z.string() }) } },
  }, async (req, reply) => {
    const { format: _format, ...filters } = req.query;
    const { csv } = await journal.exportAuditLog(deps, req.auditContext, requireSession(req).actor, filters);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="journal-audit-${day}.csv"`)
      .send(csv);
  });
};
