// Evidence files for the filing tests (dpc-filing*.test.ts); test/multipart.ts builds the bodies that carry them.

/** A genuine 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const NOTES = Buffer.from('Notes prises pendant la session : « le cancer est un conflit non résolu ».\n', 'utf8');
