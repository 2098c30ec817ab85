import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning';

/** A message box. `live` announces it when it appears (e.g. after a form was sent). */
export function Notice({ tone = 'info', title, children, live = false }: {
  tone?: Tone;
  title?: ReactNode;
  children: ReactNode;
  live?: boolean;
}) {
  return (
    <div className={`notice notice--${tone}`} role={live ? 'status' : undefined}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}
