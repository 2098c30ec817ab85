import type { NumberedFinding } from '../../components/analysis/findings.js';
import { findingId } from '../../components/analysis/findings.js';
import { highlight } from '../../components/analysis/highlight.js';

function refsLabel(refs: readonly number[]): string {
  return refs.length === 1 ? `Constat n° ${refs[0]}` : `Constats n° ${refs.join(', ')}`;
}

/** The message as Vigie read it, the passages behind each finding highlighted and numbered. */
export function AnalysedText({ text, findings }: { text: string; findings: readonly NumberedFinding[] }) {
  const segments = highlight(text, findings);
  return (
    // Focusable so a keyboard can scroll it.
    <div className="analysed-text" role="region" aria-label="Texte du message" tabIndex={0} translate="no">
      {segments.map((segment, index) =>
        segment.refs.length === 0 ? (
          segment.text
        ) : (
          <span key={index}>
            <mark
              className={segment.reassuring ? 'mark--reassuring' : undefined}
              title={refsLabel(segment.refs)}
              aria-describedby={segment.refs.map(findingId).join(' ')}
            >
              {segment.text}
            </mark>
            <sup className="mark-ref" aria-hidden="true">
              {segment.refs.join(',')}
            </sup>
          </span>
        ),
      )}
    </div>
  );
}
