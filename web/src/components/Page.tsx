import { useEffect } from 'react';
import type { ReactNode } from 'react';

/**
 * A screen: sets the document title and renders the page's only h1. The h1 can take the focus, so
 * the shell moves the focus to it after each navigation.
 */
export function Page({ title, heading, children }: { title: string; heading?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — Vigie`;
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1}>{heading ?? title}</h1>
      {children}
    </>
  );
}

/** Shown while a screen's data loads. */
export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
