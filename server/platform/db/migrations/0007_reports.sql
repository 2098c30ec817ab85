-- What happened to the reporter, as ticked in the report form (money paid, bank details, credentials,
-- personal data, computer access): drives the guidance shown with the receipt and tells agents which
-- reports have a victim. Empty: nothing was given.
ALTER TABLE reports ADD COLUMN consequences text[] NOT NULL DEFAULT '{}'
  CHECK (consequences <@ ARRAY['argent_verse', 'coordonnees_bancaires', 'identifiants', 'donnees_personnelles', 'acces_ordinateur']::text[]);
