import { ApiError } from '../../lib/api.js';

/**
 * When someone else changed the report meanwhile (STALE_VERSION), the way out: read it again (an audited
 * read, asked for by the user), then decide again on what it now says.
 */
export function StaleVersionAction({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!(error instanceof ApiError) || error.code !== 'STALE_VERSION') return null;
  return (
    <p>
      <button type="button" className="button button--secondary" onClick={onReload}>
        Recharger le signalement
      </button>
    </p>
  );
}
