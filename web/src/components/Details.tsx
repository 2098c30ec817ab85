import type { ReactNode } from 'react';

/**
 * A record's facts as a description list, one `Detail` per row: the pages share one markup, so the
 * `.details` styles and what screen readers announce (term, then definition) stay the same everywhere.
 */
export function Details({ children }: { children: ReactNode }) {
  return <dl className="details">{children}</dl>;
}

/**
 * One row of `Details`. The `div` groups the term with its definition, which the grid layout needs.
 * In a list, give it a `key` as to any element.
 */
export function Detail({ label, className, translate, children }: {
  label: ReactNode;
  /** Classes of the `dd`, for values that need their own look (a status line, a long text). */
  className?: string;
  /** `no` for what the reporter typed or copied (a sender, a link), which a browser must not translate. */
  translate?: 'yes' | 'no';
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className} translate={translate}>
        {children}
      </dd>
    </div>
  );
}
