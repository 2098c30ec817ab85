import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api.js';
import { Notice } from './Notice.js';

/** Whether the server refused the token of an e-mailed or printed one-time link. */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'TOKEN_INVALID' || 'token' in error.fields);
}

/** Shown instead of the form when the link has no token or the server refused it. */
export function InvalidLinkNotice({ children }: { children: ReactNode }) {
  return (
    <Notice tone="warning" title="Lien invalide">
      {children}
    </Notice>
  );
}

/** Replaces the form once the link has done its job; the next step is to log in. */
export function LinkUsedNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Notice tone="success" title={title} focus>
      {children}
      <p>
        <Link to="/connexion">Se rendre à la page de connexion</Link>
      </p>
    </Notice>
  );
}
