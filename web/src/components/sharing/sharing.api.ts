import { useMutation } from '@tanstack/react-query';
import { ERROR_MESSAGES } from '../../../../contracts/errors.js';
import type { ApiErrorBody } from '../../../../contracts/errors.js';
import type { IndicatorExportFormat, TlpLevel } from '../../../../contracts/sharing.schemas.js';
import { ApiError, toQueryString } from '../../lib/api.js';

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

const NETWORK_MESSAGE = 'Impossible de joindre Vigie. Vérifiez votre connexion et réessayez.';

/**
 * Downloads a file from a GET route with the session cookie (GET needs no CSRF token), so a refusal is
 * shown as a French message instead of a JSON page.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(response.status, body?.error ?? { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  return { blob: await response.blob(), fileName };
}

/** Hands the file to the browser as a download. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface IndicatorExport {
  format: IndicatorExportFormat;
  tlp: TlpLevel;
  include: 'linking' | 'all';
}

export function indicatorExportPath(campaignId: string, options: IndicatorExport): string {
  return `/api/sharing/campaigns/${encodeURIComponent(campaignId)}/indicators${toQueryString({ ...options })}`;
}

export function dossierPath(reportId: string): string {
  return `/api/sharing/reports/${encodeURIComponent(reportId)}/dossier`;
}

export function useFileDownload() {
  return useMutation({
    mutationFn: async ({ path, fallbackName }: { path: string; fallbackName: string }) => {
      const file = await downloadFile(path, fallbackName);
      saveFile(file);
      return file;
    },
  });
}
