import { DEPARTEMENT_CODES } from '../../../contracts/departements.js';

/** One `<option>` per département code, for a `<select>` that brings its own first option (« Tous », « National »…). */
export function DepartementOptions() {
  return DEPARTEMENT_CODES.map((code) => (
    <option key={code} value={code}>
      {code}
    </option>
  ));
}
