import type { TAnalysis } from '../../../../contracts/checks.schemas.js';

type Verdict = TAnalysis['verdict'];

/** What to do at once, in words: the colour of the banner only repeats it. */
const VERDICT_ADVICE: Readonly<Record<Verdict, string>> = {
  fraude_probable: 'Ne répondez pas, ne cliquez sur aucun lien.',
  suspect: "Prudence : ne répondez pas et ne cliquez sur aucun lien avant d'avoir vérifié par vous-même.",
  aucun_signal: "L'absence de signal ne garantit pas qu'un message est sûr.",
};

export function VerdictBanner({ analysis }: { analysis: TAnalysis }) {
  return (
    <div className={`verdict verdict--${analysis.verdict}`}>
      <p className="verdict__label">{analysis.verdictLabel}</p>
      <p className="verdict__advice">{VERDICT_ADVICE[analysis.verdict]}</p>
      <p className="verdict__score">Indice de risque : {Math.round(analysis.score)}/100</p>
      {analysis.family ? <p className="verdict__family">Type de fraude : {analysis.family.label}</p> : null}
    </div>
  );
}
