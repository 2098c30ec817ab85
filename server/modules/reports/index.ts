// The face of the reports module (docs/architecture.md).

// Mounted by app.ts.
export { reportsRoutes } from './reports.routes.js';
// The one way a report is created, also taken by the email intake.
export { fileReport, followUrl, type FiledAttachment, type NewReportFiling } from './report-filing.service.js';
// Upload sniffing and text decoding, so a forwarded email's files are judged as the form's are (intake).
export { decodeText, detectMediaType, looksLikeEmail } from './report-uploads.js';
// The sweeper in runtime.ts.
export { purgeUnconfirmedReports } from './reports.service.js';
// The personal data page states how long an unconfirmed report is kept (GET /api/site).
export { CONFIRMATION_HOURS } from './report-filing.service.js';
// The upload rules, reused as they are by DPC signalements' evidence (docs/dpc-signalements.md).
export { readFilingForm } from './reports.routes.js';
export { multipartLimits, REPORT_TEXT_BYTES } from './report-form.js';
export { removeAttachments, tooManyFiles, type ReceivedAttachment } from './report-attachments.js';
export { filingOpenApi } from './report-form.openapi.js';
export { createUploadSlots } from './upload-slots.js';
// A doctor's home shows their latest reports.
export { listOwnReports } from './reports.service.js';
