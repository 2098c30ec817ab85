// The face of the reports module (docs/architecture.md).

// Mounted by app.ts.
export { reportsRoutes } from './reports.routes.js';
// The one way a report is created, also taken by the email intake.
export { fileReport, followUrl, type FiledAttachment, type NewReportFiling } from './report-filing.service.js';
// Upload sniffing and text decoding, so a forwarded email's files are judged as the form's are (intake).
export { decodeText, detectMediaType, looksLikeEmail } from './report-uploads.js';
// The sweeper in runtime.ts.
export { purgeUnconfirmedReports } from './reports.service.js';
