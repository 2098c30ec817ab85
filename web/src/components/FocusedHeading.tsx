import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * The h3 of a panel that replaces the control the user just used: it takes the focus when it appears,
 * so screen readers announce the panel and keyboard users carry on from there.
 */
export function FocusedHeading({ id, children }: { id?: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h3 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h3>
  );
}
