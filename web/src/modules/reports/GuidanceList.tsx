import type { TReportFiled } from './reports.api.js';

/** Which other bodies to alert and how, urgent steps first. */
export function GuidanceList({ items, headingId = 'autres-signalements' }: { items: TReportFiled['guidance']; headingId?: string }) {
  if (items.length === 0) return null;
  return (
    <section className="report-guidance" aria-labelledby={headingId}>
      <h2 id={headingId}>Ce que vous pouvez faire maintenant</h2>
      <ol className="report-guidance__list">
        {items.map((item) => (
          <li key={item.id} className={item.urgent ? 'report-guidance__item report-guidance__item--urgent' : 'report-guidance__item'}>
            <h3>
              {item.urgent ? <span className="badge badge--danger">Urgent</span> : null} {item.title}
            </h3>
            <p>{item.text}</p>
            {item.link ? (
              <p>
                <a href={item.link.href} target="_blank" rel="noopener noreferrer">
                  {item.link.label}
                  <span className="visually-hidden"> (nouvelle fenêtre)</span>
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
