import type { Span } from '../../engine/normalize.js';
import type { ScoredFinding } from '../scored-finding.js';
import { frenchList, technicalFinding } from '../scored-finding.js';

/**
 * Attachments that can run code or hide a phishing page. Only names and types are looked at for the
 * risk; the text of text-like attachments is read by parse-email.ts, the others are never opened.
 */
export interface AttachmentInfo {
  readonly filename: string;
  readonly mimeType: string;
  /** Size in bytes, once decoded (absent for attachments named in a pasted text). */
  readonly size?: number;
}

export type AttachmentRisk = 'executable' | 'image-disque' | 'page-web' | 'macro' | 'archive' | 'double-extension';

const RISK_BY_EXTENSION: Readonly<Record<string, AttachmentRisk>> = {
  exe: 'executable', scr: 'executable', com: 'executable', bat: 'executable', cmd: 'executable', msi: 'executable',
  js: 'executable', jse: 'executable', vbs: 'executable', vbe: 'executable', wsf: 'executable', jar: 'executable',
  ps1: 'executable', hta: 'executable', lnk: 'executable', cpl: 'executable', reg: 'executable', pif: 'executable',
  apk: 'executable', dll: 'executable', iso: 'image-disque', img: 'image-disque', vhd: 'image-disque',
  vhdx: 'image-disque', html: 'page-web', htm: 'page-web', shtml: 'page-web', xhtml: 'page-web', svg: 'page-web',
  mht: 'page-web', docm: 'macro', xlsm: 'macro', pptm: 'macro', dotm: 'macro', xlam: 'macro', zip: 'archive',
  rar: 'archive', '7z': 'archive', gz: 'archive', tgz: 'archive', tar: 'archive', ace: 'archive', cab: 'archive',
  arj: 'archive', xz: 'archive', bz2: 'archive',
};

const RISK_BY_MIME: Readonly<Record<string, AttachmentRisk>> = {
  'application/x-msdownload': 'executable',
  'application/x-dosexec': 'executable',
  'application/vnd.microsoft.portable-executable': 'executable',
  'application/x-iso9660-image': 'image-disque',
  'text/html': 'page-web',
  'image/svg+xml': 'page-web',
  'application/zip': 'archive',
  'application/x-zip-compressed': 'archive',
  'application/x-rar-compressed': 'archive',
  'application/vnd.rar': 'archive',
  'application/x-7z-compressed': 'archive',
};

/** Document extensions used as a decoy in front of a real one (« facture.pdf.exe »). */
const DECOY_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png', 'txt', 'odt']);

export const ATTACHMENT_RISK_WEIGHTS: Readonly<Record<AttachmentRisk, number>> = {
  executable: 60,
  'double-extension': 60,
  'image-disque': 50,
  'page-web': 45,
  macro: 45,
  archive: 30,
};

export const ATTACHMENT_RISK_LABELS: Readonly<Record<AttachmentRisk, string>> = {
  executable: 'programme exécutable',
  'double-extension': 'fausse extension (programme déguisé en document)',
  'image-disque': 'image disque',
  'page-web': 'page web (formulaire de connexion possible)',
  macro: 'document à macros',
  archive: 'archive compressée',
};

export function attachmentRisk(attachment: AttachmentInfo): AttachmentRisk | null {
  const parts = attachment.filename.toLowerCase().trim().split('.');
  const extension = parts.length > 1 ? (parts[parts.length - 1] ?? '') : '';
  const previous = parts.length > 2 ? (parts[parts.length - 2] ?? '') : '';
  const byName = RISK_BY_EXTENSION[extension];
  if (byName && byName !== 'archive' && DECOY_EXTENSIONS.has(previous)) return 'double-extension';
  return byName ?? RISK_BY_MIME[attachment.mimeType.toLowerCase()] ?? null;
}

/** One finding for the risky attachments of a message, as strong as the riskiest of them. */
export function attachmentFindings(attachments: readonly (AttachmentInfo & { readonly evidence: Span })[]): ScoredFinding[] {
  const risky = attachments.flatMap((attachment) => {
    const risk = attachmentRisk(attachment);
    return risk ? [{ attachment, risk }] : [];
  });
  if (risky.length === 0) return [];
  const weight = Math.max(...risky.map((r) => ATTACHMENT_RISK_WEIGHTS[r.risk]));
  const described = risky.slice(0, 4).map((r) => `« ${r.attachment.filename} » (${ATTACHMENT_RISK_LABELS[r.risk]})`);
  return [technicalFinding({
    ruleId: 'piece-jointe.risquee',
    category: 'piece_jointe',
    explanation: `Pièce jointe dangereuse : ${frenchList(described)}. Un organisme officiel n’envoie pas ce type de fichier ; ne l’ouvrez pas.`,
    evidence: risky.map((r) => r.attachment.evidence),
    weight,
  })];
}
