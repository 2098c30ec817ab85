// What the registry search runs on. Pure: shared by the import, the record updates (a change of name or
// of practice city must recompute `doctors.search_text`) and the search itself, so stored text and typed
// queries are folded the same way (platform/text/fold.ts).
import { foldForSearch } from '../../platform/text/fold.js';

export interface SearchTextSource {
  usageName: string | null;
  birthName: string;
  firstNames: string;
  proCity: string;
}

/** `doctors.search_text`: folded « usage-name birth-name first-names practice-city ». */
export function toSearchText(d: SearchTextSource): string {
  const usage = d.usageName && foldForSearch(d.usageName) !== foldForSearch(d.birthName) ? d.usageName : '';
  return foldForSearch([usage, d.birthName, d.firstNames, d.proCity].join(' '));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every word one typing mistake away from a folded word (a letter dropped, added, replaced, or two
 * neighbours swapped): the candidates a trigram comparison misses on short words (« jily » → « joly »).
 * About 55 × length strings.
 */
export function oneTypoAway(word: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      variants.add(head + c + tail);
      if (tail) variants.add(head + c + tail.slice(1));
    }
  }
  variants.delete(word);
  return [...variants];
}
