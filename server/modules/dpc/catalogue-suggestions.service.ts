import { DPC_SUGGESTIONS_MAX, DPC_SUGGESTIONS_MIN_CHARS, type TDpcCatalogueSuggestion } from '../../../contracts/dpc-filing.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { findSuggestions } from './catalogue-suggestions.repo.js';

const MAX_WORDS = 6;

/**
 * Up to 10 catalogue actions for the signalement form's search box: every word of `q` (accents and case
 * ignored, words of one or two characters dropped) in the reference, title or organisation name. The
 * catalogue is the ANDPC's public list; only identifying fields are returned.
 */
export async function suggestCatalogueActions(deps: Pick<ServiceDeps, 'database'>, q: string): Promise<{ items: TDpcCatalogueSuggestion[] }> {
  const folded = foldForSearch(q).split(' ').filter(Boolean);
  // A short word (« de », « la ») would match everything: kept only when it is the whole query.
  const long = folded.filter((w) => w.length >= DPC_SUGGESTIONS_MIN_CHARS);
  const words = [...new Set(long.length > 0 ? long : folded)].slice(0, MAX_WORDS);
  if (words.join('').length < DPC_SUGGESTIONS_MIN_CHARS) return { items: [] };
  return { items: await findSuggestions(deps.database.db, words, DPC_SUGGESTIONS_MAX) };
}
