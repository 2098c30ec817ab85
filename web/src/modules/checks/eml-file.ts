import { MAX_API_EML_BYTES as MAX_EML_BYTES, MAX_EML_LABEL } from '../../../../contracts/checks.limits.js';
import { formatFileSize } from '../../lib/format.js';

// Checked here too, to spare a long upload on a phone.
export { MAX_EML_BYTES, MAX_EML_LABEL };

/** The French reason the file cannot be sent, or null. */
export function emlFileError(file: File): string | null {
  if (!/\.eml$/i.test(file.name) && file.type !== 'message/rfc822') {
    return 'Ce fichier n\'est pas un courriel enregistré (.eml). Copiez plutôt le texte du courriel dans la zone prévue.';
  }
  if (file.size === 0) return 'Ce fichier est vide.';
  if (file.size > MAX_EML_BYTES) {
    return `Le fichier pèse ${formatFileSize(file.size)} : ${MAX_EML_LABEL} au maximum. Enregistrez-le sans ses pièces jointes, ou copiez plutôt le texte du courriel dans la zone prévue.`;
  }
  return null;
}

export async function readAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // By chunks: spreading megabytes of bytes at once overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
