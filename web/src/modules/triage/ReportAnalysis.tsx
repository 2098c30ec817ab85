import type { TTriageReportDetail } from '../../../../contracts/triage.schemas.js';
import { FindingsList } from '../../components/analysis/FindingsList.js';
import { VerdictBanner } from '../../components/analysis/VerdictBanner.js';
import { numberFindings } from '../../components/analysis/findings.js';
import { VerdictBadge } from './badges.js';

/** The analysis engine's verdict and reasons, as run on the report when it was filed. */
export function ReportAnalysis({ report }: { report: TTriageReportDetail }) {
  const analysis = report.analysis;
  const numbered = analysis ? numberFindings(analysis.findings) : null;
  return (
    <section className="section" aria-labelledby="signalement-analyse">
      <h2 id="signalement-analyse">Analyse automatique</h2>
      {analysis && numbered ? (
        <>
          <VerdictBanner analysis={analysis} />
          {!analysis.complete && analysis.notices.length > 0 ? (
            <ul className="hint">
              {analysis.notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          ) : null}
          <h3>Pourquoi</h3>
          <FindingsList concerns={numbered.concerns} reassuring={numbered.reassuring} />
        </>
      ) : (
        <p>
          Verdict : <VerdictBadge verdict={report.verdict} />. Le détail de l'analyse n'est pas disponible pour ce
          signalement.
        </p>
      )}
    </section>
  );
}
