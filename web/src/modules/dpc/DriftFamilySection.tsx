import { DRIFT_SCREENED_KIND_LABELS, type TDpcDriftFamily } from '../../../../contracts/dpc.schemas.js';

type Marker = TDpcDriftFamily['markers'][number];
type Source = TDpcDriftFamily['sources'][number];

/** The anchor of a family on the page, for the table of contents. */
export const familyAnchor = (id: string) => `famille-${id}`;

/** One family of drift markers: what it is, each sign the screening looks for, and the sources. */
export function DriftFamilySection({ family }: { family: TDpcDriftFamily }) {
  const headingId = familyAnchor(family.id);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{family.label}</h2>
      <p>{family.explanation}</p>
      <h3>Les signes recherchés</h3>
      <ul>
        {family.markers.map((marker) => (
          <li key={marker.ruleId}>
            <DriftMarkerItem marker={marker} />
          </li>
        ))}
      </ul>
      <h3>Sources</h3>
      <ul>
        {family.sources.map((source) => (
          <li key={source.id}>
            <SourceItem source={source} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DriftMarkerItem({ marker }: { marker: Marker }) {
  return (
    <>
      <p>
        <strong>{marker.description}</strong>
      </p>
      <p>{marker.explanation}</p>
      {marker.onlyIn ? (
        <p className="muted">Ce signe ne compte que dans {marker.onlyIn.map((kind) => DRIFT_SCREENED_KIND_LABELS[kind]).join(' et ')}.</p>
      ) : null}
      <p>Exemples de phrases repérées :</p>
      <ul>
        {marker.examples.map((example) => (
          <li key={example}>
            <q>{example}</q>
          </li>
        ))}
      </ul>
      <details>
        <summary>Mots et expressions recherchés</summary>
        <ul className="inline-list">
          {marker.phrases.map((phrase) => (
            <li key={phrase}>« {phrase} »</li>
          ))}
        </ul>
      </details>
    </>
  );
}

function SourceItem({ source }: { source: Source }) {
  return (
    <>
      <cite>{source.title}</cite>, {source.publisher}.{' '}
      <a className="break" href={source.url}>
        {source.url}
      </a>
    </>
  );
}
