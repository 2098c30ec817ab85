-- Registry search (server/modules/registry/registry-search.repo.ts). Typo-tolerant name search runs in
-- two steps, as the pg_trgm documentation suggests for spelling correction: the query's words are
-- matched by trigram similarity against the small table of distinct words of the register, then the
-- records holding those exact words are found through a GIN index on the words of `search_text`.
-- Computing word_similarity() on every record sharing trigrams with the query (20,000+ for « martn »
-- among 300,000) was too slow; short words are cheap to compare.

-- Every distinct word of doctors.search_text. Kept by the triggers below whatever code writes a record
-- (import, change requests, self-service); words are never removed (a stale one finds no record).
CREATE TABLE registry_search_words (
  word text PRIMARY KEY CHECK (word ~ '^[a-z0-9]+$')
);
-- fastupdate off (here and below): otherwise new entries wait in a pending list that every search reads
-- through until a VACUUM — and PGlite has no autovacuum (measured: name searches 7 → 60 ms after an
-- import of 20,000 lines).
CREATE INDEX registry_search_words_trgm_idx ON registry_search_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

-- Sorted, so concurrent writers take the word locks in the same order and cannot deadlock.
CREATE FUNCTION registry_collect_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registry_search_words (word)
  SELECT DISTINCT w FROM changed_rows, unnest(string_to_array(changed_rows.search_text, ' ')) AS w
  WHERE w ~ '^[a-z0-9]+$'
  ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER doctors_search_words_inserted AFTER INSERT ON doctors
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_collect_search_words();
CREATE TRIGGER doctors_search_words_updated AFTER UPDATE ON doctors
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_collect_search_words();
INSERT INTO registry_search_words (word)
SELECT DISTINCT w FROM doctors, unnest(string_to_array(doctors.search_text, ' ')) AS w WHERE w ~ '^[a-z0-9]+$'
ON CONFLICT DO NOTHING;

-- The records holding a word: `registry_words(search_text) && ARRAY[…]`. PL/pgSQL with a high cost, so
-- the planner reads this index rather than calling the function on every record of a département (it
-- otherwise took the département's name index and filtered 20,000 rows for a rare name).
CREATE FUNCTION registry_words(search_text text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
BEGIN
  RETURN string_to_array(search_text, ' ');
END
$$;
-- It replaces the trigram index on the whole search text (the largest index of the table, used by no
-- query), as the folded index below replaces lower(pro_city): fewer indexes to keep up on import, more
-- of the table in memory.
CREATE INDEX doctors_search_words_idx ON doctors USING gin (registry_words(search_text)) WITH (fastupdate = off);
DROP INDEX doctors_search_trgm_idx;
DROP INDEX doctors_pro_city_idx;

-- Folds French text as `foldForSearch` (server/modules/registry/search-text.ts) does: no accents, no
-- ligatures, lower case, anything but a letter or a digit as one space. Upper- and lower-case letters
-- are both listed because lower() folds only ASCII under the C locale. PL/pgSQL with a high cost, so
-- the planner never inlines it and prefers the index on it to calling it on every row of a scan.
CREATE FUNCTION registry_fold(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
BEGIN
  RETURN btrim(regexp_replace(
    lower(replace(replace(replace(replace(
      translate(value,
        'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝŸýÿ',
        'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYYyy'),
      'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae')),
    '[^a-z0-9]+', ' ', 'g'));
END
$$;

-- Pages in name order straight from an index, so a search matching thousands of records (« Paris », a
-- whole département) reads 25 of them. "C" collation: byte order, for prefix ranges and ORDER BY alike.
CREATE INDEX doctors_city_name_idx ON doctors ((registry_fold(pro_city) COLLATE "C"), (search_text COLLATE "C"), id);
CREATE INDEX doctors_departement_city_name_idx ON doctors (departement, (registry_fold(pro_city) COLLATE "C"), (search_text COLLATE "C"), id);
CREATE INDEX doctors_departement_name_idx ON doctors (departement, (search_text COLLATE "C"), id);
-- Its leading column serves every query the single-column index served.
DROP INDEX doctors_departement_idx;
CREATE INDEX doctors_name_idx ON doctors ((search_text COLLATE "C"), id);
