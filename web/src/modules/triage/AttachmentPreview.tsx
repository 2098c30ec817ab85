import { useState } from 'react';
import type { TTriageReportDetail } from '../../../../contracts/triage.schemas.js';
import { attachmentPreviewUrl, attachmentUrl, useTextPreview } from './triage.api.js';

type Attachment = TTriageReportDetail['attachments'][number];

/** Drawn by the server as a PNG (PDF: its first page). */
const IMAGE_PREVIEWS = new Set(['image/png', 'image/jpeg', 'application/pdf']);
/** Read by the server as plain text (email: its headers and body). */
const TEXT_PREVIEWS = new Set(['message/rfc822', 'text/plain']);

export const PREVIEW_UNSUPPORTED = 'Aperçu indisponible pour ce type de fichier : téléchargez-le.';
export const PREVIEW_FAILED = 'Aperçu indisponible : téléchargez le fichier pour l’ouvrir.';
const LOADING = 'Chargement de l’aperçu…';

/**
 * The image preview. An <img> rather than a fetched blob, so the browser loads it only when it nears the
 * screen; when the server answers anything but an image (a file it could not draw, a busy server) the
 * image fails to load and the agent is told, with a way to ask again.
 */
function ImagePreview({ file }: { file: Attachment }) {
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  const [attempt, setAttempt] = useState(0);
  if (state === 'failed') {
    return (
      <div className="attachment-preview__unavailable">
        <p>{PREVIEW_FAILED}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setAttempt((n) => n + 1);
            setState('loading');
          }}
        >
          Réessayer l’aperçu<span className="visually-hidden"> de « {file.fileName} »</span>
        </button>
      </div>
    );
  }
  return (
    <>
      {state === 'loading' ? (
        <p className="muted" role="status">
          {LOADING}
        </p>
      ) : null}
      <img
        key={attempt}
        className="attachment-preview__image"
        src={attachmentPreviewUrl(file.reportId, file.id)}
        alt={`Aperçu de ${file.fileName}`}
        loading="lazy"
        decoding="async"
        onLoad={() => setState('shown')}
        onError={() => setState('failed')}
      />
    </>
  );
}

/** The text preview: never HTML, in a box the keyboard can reach and scroll. */
function TextPreview({ file }: { file: Attachment }) {
  const preview = useTextPreview(file.reportId, file.id);
  if (preview.isPending) {
    return (
      <p className="muted" role="status">
        {LOADING}
      </p>
    );
  }
  if (preview.isError) return <p className="attachment-preview__unavailable">{preview.error.message || PREVIEW_FAILED}</p>;
  if (preview.data.kind === 'none') return <p className="attachment-preview__unavailable">{preview.data.reason}</p>;
  return (
    <pre className="attachment-preview__text" tabIndex={0} aria-label={`Aperçu de ${file.fileName}`}>
      {preview.data.text}
    </pre>
  );
}

/** One file of the report shown inline, its download link beside it (the preview never replaces it). */
export function AttachmentPreview({ file }: { file: Attachment }) {
  return (
    <figure className="attachment-preview">
      <figcaption className="attachment-preview__caption">
        <span className="triage-file-name">{file.fileName}</span>
        {file.fromDuplicate ? <span className="triage-table__sub">Doublon {file.receiptNumber}</span> : null}
        <a href={attachmentUrl(file.reportId, file.id)} download>
          Télécharger<span className="visually-hidden"> « {file.fileName} »</span>
        </a>
      </figcaption>
      {IMAGE_PREVIEWS.has(file.mediaType) ? (
        <ImagePreview file={file} />
      ) : TEXT_PREVIEWS.has(file.mediaType) ? (
        <TextPreview file={file} />
      ) : (
        <p className="attachment-preview__unavailable">{PREVIEW_UNSUPPORTED}</p>
      )}
    </figure>
  );
}
