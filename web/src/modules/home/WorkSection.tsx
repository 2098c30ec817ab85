import { Link } from 'react-router';
import type { HomeWorkKey, THomeWorkItem } from '../../../../contracts/home.schemas.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useHomeWork } from './home.api.js';

/** Waiting on this very user (four eyes, or their own alert sent back): said first, when there is any. */
const PROMINENT: readonly HomeWorkKey[] = ['alerts_to_approve', 'alerts_returned'];

/**
 * « À traiter »: what waits for the user, one count per line, each a link to the list it counts. A count
 * at zero stays, calmly, so the page reads the same every morning; counts waiting on this user in person
 * come first, in a notice.
 */
export function WorkSection() {
  const work = useHomeWork();
  const items = work.data?.items ?? [];
  const urgent = items.filter((i) => PROMINENT.includes(i.key) && i.count > 0);
  const others = items.filter((i) => !urgent.includes(i));
  if (work.isSuccess && items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="a-traiter">
      <h2 id="a-traiter">À traiter</h2>
      {work.isPending ? <p role="status">Comptage en cours…</p> : null}
      {work.isError ? <p role="status">Comptages indisponibles : {toFormErrors(work.error)?.message ?? 'réessayez plus tard'}.</p> : null}
      {urgent.map((item) => (
        <Notice key={item.key} tone="warning">
          <p>
            <strong>
              <Link to={item.to}>{item.label}</Link>
            </strong>
          </p>
        </Notice>
      ))}
      {others.length > 0 ? (
        <ul className="work-list">
          {others.map((item) => (
            <WorkLine key={item.key} item={item} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function WorkLine({ item }: { item: THomeWorkItem }) {
  const link = <Link to={item.to}>{item.label}</Link>;
  return <li className={item.count === 0 ? 'muted' : undefined}>{item.count > 0 ? <strong>{link}</strong> : link}</li>;
}
