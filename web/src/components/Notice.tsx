import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'danger';

/**
 * A message box. `focus` moves the focus to it when it appears: use it when the message replaces the
 * control that had the focus (a form that was sent), so screen readers read it and nobody is lost.
 */
export function Notice({ tone = 'info', title, children, focus = false }: {
  tone?: Tone;
  title?: ReactNode;
  children: ReactNode;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} className={`notice notice--${tone}`} tabIndex={focus ? -1 : undefined}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}
