import { highlight } from '../analysis/highlight.js';

/** A drift finding as the API serves it (analysis/dpc's DriftFinding). */
export interface DriftFindingView {
  ruleId: string;
  family: string;
  familyLabel: string;
  explanation: string;
  evidence: readonly { start: number; end: number; text: string }[];
  weight: number;
}

const markerId = (idPrefix: string, number: number) => `${idPrefix}-marqueur-${number}`;

/**
 * A programme or a signalement's text as the drift screening read it: each passage behind a marker
 * highlighted and numbered, pointing to the marker's explanation in DriftFindingsList (same idPrefix).
 */
export function DriftHighlightedText({ text, findings, label, idPrefix }: { text: string; findings: readonly DriftFindingView[]; label: string; idPrefix: string }) {
  const segments = highlight(
    text,
    findings.map((finding, index) => ({ number: index + 1, finding })),
  );
  return (
    <div className="analysed-text" role="region" aria-label={label} tabIndex={0} translate="no">
      {segments.map((segment, index) =>
        segment.refs.length === 0 ? (
          segment.text
        ) : (
          <span key={index}>
            <mark title={`Marqueur n° ${segment.refs.join(', ')}`} aria-describedby={segment.refs.map((n) => markerId(idPrefix, n)).join(' ')}>
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

/** The markers found, numbered as in DriftHighlightedText, each with its family and plain-French explanation. */
export function DriftFindingsList({ findings, idPrefix }: { findings: readonly DriftFindingView[]; idPrefix: string }) {
  if (findings.length === 0) return <p>Aucun marqueur de dérive relevé.</p>;
  return (
    <ol className="drift-findings">
      {findings.map((finding, index) => (
        <li key={`${finding.ruleId}-${index}`} id={markerId(idPrefix, index + 1)}>
          <strong>{finding.familyLabel}</strong> — {finding.explanation}
          {finding.evidence.length > 0 ? (
            <>
              {' '}
              (« {finding.evidence.map((e) => e.text).join(' », « ')} »)
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
