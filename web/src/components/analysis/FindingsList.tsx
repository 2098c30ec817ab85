import type { NumberedFinding } from './findings.js';

function FindingItem({ item }: { item: NumberedFinding }) {
  const { finding } = item;
  return (
    <li id={item.id} value={item.number}>
      <p>{finding.explanation}</p>
      {finding.fact ? (
        <figure className="fact">
          <figcaption className="fact__title">Ce que dit l'Ordre :</figcaption>
          <blockquote>
            <p>{finding.fact.text}</p>
          </blockquote>
          <p className="fact__source">
            Source : <cite>{finding.fact.source}</cite>
          </p>
        </figure>
      ) : null}
    </li>
  );
}

/** « Pourquoi »: the concerns, strongest first, then the reassuring signs under their own heading. */
export function FindingsList({ concerns, reassuring }: { concerns: NumberedFinding[]; reassuring: NumberedFinding[] }) {
  return (
    <>
      {concerns.length > 0 ? (
        <ol className="findings">
          {concerns.map((item) => (
            <FindingItem key={item.id} item={item} />
          ))}
        </ol>
      ) : (
        <p>Vigie n'a relevé aucun signe d'arnaque connu dans ce message.</p>
      )}
      {reassuring.length > 0 ? (
        <>
          <h4>Éléments rassurants</h4>
          <ol className="findings findings--reassuring" start={reassuring[0]?.number}>
            {reassuring.map((item) => (
              <FindingItem key={item.id} item={item} />
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
