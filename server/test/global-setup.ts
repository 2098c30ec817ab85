import type { TestProject } from 'vitest/node';
import { createTestTemplate, dropTestTemplate } from './test-database.js';

/**
 * The server project's global setup: migrates the run's one template database (PGlite tarball or
 * PostgreSQL template, see createTestTemplate) and hands it to the workers; drops it after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await createTestTemplate();
  project.provide('vigieTestTemplate', template);
  return () => dropTestTemplate(template);
}
