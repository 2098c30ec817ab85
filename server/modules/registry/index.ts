// The face of the registry module (docs/architecture.md).

// Mounted by app.ts.
export { registryRoutes } from './registry.routes.js';
export { registrySearchImportRoutes } from './registry-search-import.routes.js';
export { selfServiceRoutes } from './self-service.routes.js';
// `doctors.search_text` for records written outside the import (demo seed, test factories, benchmark).
export { toSearchText } from './search-text.js';
// The register benchmark (bench/registry.ts) imports and searches through the real services.
export { IMPORT_COLUMNS } from './registry-import.parse.js';
export { phoneToE164 } from './registry-import.fields.js';
export { importRegistryCsv } from './registry-import.service.js';
export { searchDoctors } from './registry-search.service.js';
// The home page counts change requests through the list route's own query, and reads a doctor's record.
export { listRequests, listRequestsForDoctor } from './change-requests.repo.js';
export { loadOwnRecord } from './self-service.service.js';
