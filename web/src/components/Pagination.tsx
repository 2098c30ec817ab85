import { Link } from 'react-router';

/** Previous / next links for a paged list; `hrefFor(page)` builds the URL of a page. */
export function Pagination({ page, pageCount, hrefFor, label }: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  label: string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link className="button button--secondary" to={hrefFor(page - 1)}>
          Page précédente
        </Link>
      ) : null}
      <p>
        Page {page} sur {pageCount}
      </p>
      {page < pageCount ? (
        <Link className="button button--secondary" to={hrefFor(page + 1)}>
          Page suivante
        </Link>
      ) : null}
    </nav>
  );
}
