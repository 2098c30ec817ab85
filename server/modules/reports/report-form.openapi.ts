import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { z } from '../../../contracts/zod.js';
import { formatByteLimit, REPORT_FILE_FIELD } from '../../../contracts/reports.schemas.js';

/**
 * The OpenAPI description of a filing route, which takes two bodies: JSON (text fields only) and
 * multipart/form-data (the same fields as parts, plus one « attachments » part per file). The zod type
 * provider describes one body per route; this transform, set on the route, describes both from the
 * same zod schemas the route validates with.
 */
export function filingOpenApi(json: z.ZodType, form: z.ZodObject, limits: { uploadMaxFiles: number; uploadMaxBytes: number }): SwaggerTransform {
  return (document) => {
    const asJson = jsonSchemaTransform({ ...document, schema: { ...document.schema, body: json } } as Parameters<typeof jsonSchemaTransform>[0]);
    const asForm = jsonSchemaTransform({ ...document, schema: { ...document.schema, body: form } } as Parameters<typeof jsonSchemaTransform>[0]);
    const formBody = asForm.schema.body as { properties?: Record<string, unknown> } & Record<string, unknown>;
    const files = {
      type: 'array',
      maxItems: limits.uploadMaxFiles,
      description: `One part per file (${formatByteLimit(limits.uploadMaxBytes)} at most each), streamed to storage and typed by its content. Repeated fields (links, consequences) are one part per value; booleans are « true » or « false ».`,
      items: { type: 'string', format: 'binary' },
    };
    return {
      url: asJson.url,
      schema: {
        ...asJson.schema,
        body: {
          content: {
            'application/json': { schema: asJson.schema.body },
            'multipart/form-data': { schema: { ...formBody, properties: { ...formBody.properties, [REPORT_FILE_FIELD]: files } } },
          },
        },
      },
    };
  };
}
