-- A doctor's birth date, when the register knows it (CSV import column `date_naissance`). The in-person
-- identity check compares it with the date read in the document's machine-readable zone
-- (docs/identity-checks.md). Nullable: older imports do not carry it, and the check then compares names only.
ALTER TABLE doctors ADD COLUMN birth_date date CHECK (birth_date >= DATE '1900-01-01');
