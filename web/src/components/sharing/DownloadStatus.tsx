import { Notice } from '../Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import type { DownloadedFile } from './sharing.api.js';

/**
 * What became of the last download, in a live region so a screen reader says it: why it failed, or that
 * the browser has the file. Nothing before the first click or while the file is being prepared.
 */
export function DownloadStatus({ error, file, failureTitle }: {
  /** The download's error, if it failed. */
  error: unknown;
  /** The file handed to the browser, once it has been. */
  file: DownloadedFile | undefined;
  failureTitle: string;
}) {
  const errors = toFormErrors(error);
  return (
    <div aria-live="polite">
      {errors ? (
        <Notice tone="danger" title={failureTitle}>
          <p>{errors.message}</p>
        </Notice>
      ) : file ? (
        <p className="status-message">Le téléchargement de {file.fileName} a commencé.</p>
      ) : null}
    </div>
  );
}
