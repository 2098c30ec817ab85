import { SPECIALTY_LABELS } from '../../../contracts/specialties.js';

/**
 * One `<option>` per official specialty (contracts/specialties.ts), for a `<select>` that brings its own
 * first option. The value is the label: the register stores it and alerts target by it.
 */
export function SpecialtyOptions() {
  return SPECIALTY_LABELS.map((label) => (
    <option key={label} value={label}>
      {label}
    </option>
  ));
}
