import { DEPARTEMENT_CODES } from '../../../contracts/departements.js';
import { departementDisplayName } from '../../../contracts/departement-names.js';

/**
 * One `<option>` per département, shown « 75 — Paris » (a native select also jumps to a typed number),
 * for a `<select>` that brings its own first option (« Tous », « National »…). The value is the code.
 */
export function DepartementOptions() {
  return DEPARTEMENT_CODES.map((code) => (
    <option key={code} value={code}>
      {departementDisplayName(code)}
    </option>
  ));
}
