import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { TAnalysis } from '../../../../contracts/checks.schemas.js';
import { Notice } from '../../components/Notice.js';
import { AnalysedText } from './AnalysedText.js';
import { FindingsList } from '../../components/analysis/FindingsList.js';
import { IndicatorsList, hasIndicators } from './IndicatorsList.js';
import { VerdictBanner } from '../../components/analysis/VerdictBanner.js';
import { numberFindings } from '../../components/analysis/findings.js';
import { ReportMessageButton } from '../../components/reports/ReportMessageButton.js';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="result-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** The verdict and its reasons. Takes the focus when it appears, so the user is taken to it. */
export function AnalysisResult({ analysis, onRestart }: { analysis: TAnalysis; onRestart: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { concerns, reassuring } = numberFindings(analysis.findings);

  useEffect(() => {
    headingRef.current?.focus();
  }, [analysis]);

  return (
    <div className="result">
      <h2 ref={headingRef} tabIndex={-1}>
        Résultat
      </h2>
      <VerdictBanner analysis={analysis} />
      <p className="report-cta">
        <ReportMessageButton analysis={analysis} />
      </p>
      {analysis.complete ? null : (
        <Notice tone="warning" title="Vérification partielle">
          <ul>
            {analysis.notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
        </Notice>
      )}
      <Section id="resultat-message" title="Le message analysé">
        <p className="hint">
          Les passages surlignés ont retenu l'attention de Vigie ; leur numéro renvoie à l'explication sous « Pourquoi ».
        </p>
        <AnalysedText text={analysis.shownText} findings={[...concerns, ...reassuring]} />
      </Section>
      <Section id="resultat-pourquoi" title="Pourquoi">
        <FindingsList concerns={concerns} reassuring={reassuring} />
      </Section>
      {analysis.advice.length > 0 ? (
        <Section id="resultat-conseils" title="Que faire">
          <ul className="advice">
            {analysis.advice.map((item) => (
              <li key={item.id}>{item.text}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      {hasIndicators(analysis.indicators) ? (
        <Section id="resultat-elements" title="Éléments relevés">
          <IndicatorsList indicators={analysis.indicators} />
        </Section>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button" onClick={onRestart}>
          Vérifier un autre message
        </button>
      </div>
    </div>
  );
}
