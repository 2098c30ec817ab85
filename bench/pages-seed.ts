import { DEPARTEMENT_CODES } from '../contracts/departements.js';
import type { RawExecutor } from '../server/platform/db/client.js';

// Set-based seeding for `npm run bench:pages`: reports, campaigns with members and indicators, and the
// agents they are assigned to, written by INSERT … SELECT generate_series in a handful of statements.
// The rows carry the columns filing writes (receipt, channel, texts, reporter, stored analysis, search
// text, verdict, family, grouping date) so the planner sees realistic widths and distributions; no audit
// rows (the pages read none). Reports spread over three years; older ones are mostly closed (qualified
// or dismissed), the last two months mostly new or in progress, as a working back-office would have them.

/** The biggest départements first: the seeding draws them with a skewed law (Paris most often). */
const BIG_FIRST = ['75', '13', '69', '59', '33', '92', '93', '31', '06', '44', '34', '67', '94', '78', '91', '77', '38', '35', '76', '62'];
export const SEED_DEPARTEMENTS = [...BIG_FIRST, ...DEPARTEMENT_CODES.filter((c) => !BIG_FIRST.includes(c))];
const FAMILIES = ['certification_periodique', 'formation_droits', 'cotisation_ordre', 'annuaire', 'assurance_maladie', 'conseiller_bancaire', 'colis', 'amende', 'mot_de_passe', 'urssaf'];
const ORGANISATIONS = ['Direction de la conformité médicale', 'Agence nationale du DPC', 'Service des cotisations', 'Annuaire santé', 'Assurance Maladie', 'Centre de certification', 'Office des praticiens', 'Cellule juridique'];

export interface SeedOptions {
  reports: number;
  campaigns: number;
  /** The two logged-in agents of the bench: assigned reports of their own. */
  nationalAgentId: string;
  parisAgentId: string;
}

const textArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Seeds the whole volume; returns the seconds each step took. */
export async function seedPages(raw: RawExecutor, options: SeedOptions): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  const step = async (name: string, script: string) => {
    const started = performance.now();
    await raw.exec(script);
    took[name] = (performance.now() - started) / 1000;
  };
  const depts = textArray(SEED_DEPARTEMENTS);

  // Three agents per département (the bench's Paris agent is the first of Paris).
  await step(
    'agents',
    `CREATE TABLE bench_agents (code text, k int, id uuid, PRIMARY KEY (code, k));
     -- Stable ids a later statement can find again, shaped as version-4 UUIDs (the API checks the shape).
     CREATE FUNCTION bench_uuid(seed text) RETURNS uuid IMMUTABLE LANGUAGE sql
       AS $$ SELECT overlay(overlay(md5(seed) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
     WITH d AS (SELECT code FROM unnest(${depts}) AS code),
     made AS (
       INSERT INTO users (email, display_name, role, departement, password_hash)
       SELECT 'agent.' || lower(d.code) || '.' || k || '@banc.vigie.fr', 'Agent ' || d.code || ' ' || k, 'agent', d.code, 'x'
       FROM d, generate_series(1, 3) k WHERE NOT (d.code = '75' AND k = 1)
       RETURNING id, departement, split_part(split_part(email, '@', 1), '.', 3)::int AS k)
     INSERT INTO bench_agents SELECT departement, k, id FROM made;
     INSERT INTO bench_agents VALUES ('75', 1, '${options.parisAgentId}');`,
  );

  await step(
    'campaigns',
    `INSERT INTO campaigns (id, reference, label, status, scam_family, summary, created_at, updated_at, qualified_at)
     SELECT bench_uuid('c' || k), 'CAMP-' || (2024 + k % 3) || '-' || lpad(k::text, 4, '0'), 'Campagne de banc ' || k,
            CASE k % 10 WHEN 0 THEN 'qualifiee' WHEN 1 THEN 'close' ELSE 'ouverte' END,
            (${textArray(FAMILIES)})[1 + k % ${FAMILIES.length}], 'Résumé de la campagne ' || k,
            now() - interval '1095 days', now(), CASE WHEN k % 10 = 0 THEN now() - interval '30 days' END
     FROM generate_series(0, ${options.campaigns - 1}) k;`,
  );

  // The search-text trigger would index a million texts one by one: the copy is filled in bulk after,
  // and its trigram index rebuilt once, as CREATE INDEX would on a restored dump.
  await step(
    'reports',
    `ALTER TABLE reports DISABLE TRIGGER reports_search_text_sync;
     DROP INDEX report_search_texts_trgm_idx;
     SELECT setseed(0.15);
     INSERT INTO reports (id, receipt_number, source, status, channel, occurred_on, organisation_name, caller_number, sender, links,
                          description, pasted_text, departement, reporter_email, reporter_name, confirmed_at, analysis, verdict,
                          scam_family, search_text, assigned_to, campaign_id, merged_into, qualified_at, closed_at, created_at,
                          updated_at, version, grouped_at)
     SELECT bench_uuid('r' || i),
            'SIG-' || extract(year FROM created_at)::int || '-' || upper(lpad(to_hex((i * 2654435761) % 4294967296), 8, '0')),
            CASE WHEN r1 < 0.85 THEN 'formulaire' ELSE 'courriel' END,
            status, channel, (created_at - interval '2 days')::date,
            org, CASE WHEN channel IN ('telephone', 'sms') THEN '09' || lpad((i % 100000000)::text, 8, '0') ELSE '' END,
            CASE WHEN channel = 'courriel' THEN 'contact@campagne-' || (i % 5000) || '.fr' ELSE '' END,
            CASE WHEN r2 < 0.4 THEN ARRAY['https://campagne-' || (i % 5000) || '.fr/connexion'] ELSE '{}' END,
            description, 'Message reçu : ' || description, dept,
            'temoin.' || i || '@exemple.fr', 'Témoin ' || i,
            CASE WHEN status <> 'en_attente_confirmation' THEN created_at END,
            jsonb_build_object('verdict', coalesce(verdict, 'aucun_signal'), 'score', floor(r3 * 100), 'findings', '[]'::jsonb, 'partial', false),
            verdict, family, lower(description),
            CASE WHEN status IN ('nouveau', 'en_attente_confirmation') THEN NULL
                 WHEN dept IS NULL OR i % 50 = 0 THEN '${options.nationalAgentId}'::uuid
                 ELSE (SELECT a.id FROM bench_agents a WHERE a.code = dept AND a.k = 1 + i % 3) END,
            CASE WHEN r4 < 0.3 THEN bench_uuid('c' || floor(${options.campaigns} * power(r5, 3))::int) END,
            CASE WHEN status = 'fusionne' THEN bench_uuid('r' || (i - 1)) END,
            CASE WHEN status = 'qualifie' THEN created_at + (1 + r3 * 200) * interval '1 hour' END,
            CASE WHEN status = 'classe_sans_suite' THEN created_at + (1 + r3 * 300) * interval '1 hour' END,
            created_at, created_at, 1, created_at
     FROM (
       SELECT i, r1, r2, r3, r4, r5, created_at, org,
              CASE WHEN r6 < 0.02 THEN NULL ELSE (${depts})[1 + floor(${SEED_DEPARTEMENTS.length} * power(r7, 1.6))::int] END AS dept,
              (ARRAY['telephone', 'sms', 'courriel', 'courrier', 'autre'])[1 + (CASE WHEN r8 < 0.35 THEN 0 WHEN r8 < 0.65 THEN 1 WHEN r8 < 0.9 THEN 2 WHEN r8 < 0.95 THEN 3 ELSE 4 END)] AS channel,
              CASE WHEN r9 < 0.4 THEN 'fraude_probable' WHEN r9 < 0.7 THEN 'suspect' WHEN r9 < 0.9 THEN 'aucun_signal' END AS verdict,
              CASE WHEN r9 < 0.7 THEN (${textArray(FAMILIES)})[1 + i % ${FAMILIES.length}] END AS family,
              CASE WHEN i = 1 THEN 'nouveau'
                   WHEN created_at > now() - interval '60 days' THEN
                     CASE WHEN r10 < 0.03 THEN 'en_attente_confirmation' WHEN r10 < 0.45 THEN 'nouveau' WHEN r10 < 0.78 THEN 'en_cours'
                          WHEN r10 < 0.88 THEN 'qualifie' WHEN r10 < 0.98 THEN 'classe_sans_suite' ELSE 'fusionne' END
                   ELSE
                     CASE WHEN r10 < 0.005 THEN 'en_attente_confirmation' WHEN r10 < 0.015 THEN 'nouveau' WHEN r10 < 0.03 THEN 'en_cours'
                          WHEN r10 < 0.53 THEN 'qualifie' WHEN r10 < 0.95 THEN 'classe_sans_suite' ELSE 'fusionne' END
              END AS status,
              org || ' me demande de régulariser mon dossier sous quarante-huit heures, sinon radiation ; appel reçu au cabinet, ' ||
                'interlocuteur insistant, numéro masqué puis rappel, référence ' || i AS description
       FROM (
         SELECT i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8, random() r9, random() r10,
                now() - random() * interval '1095 days' AS created_at,
                (${textArray(ORGANISATIONS)})[1 + i % ${ORGANISATIONS.length}] AS org
         FROM generate_series(1, ${options.reports}) i
       ) s
     ) t;
     ALTER TABLE reports ENABLE TRIGGER reports_search_text_sync;`,
  );

  await step(
    'search texts',
    `INSERT INTO report_search_texts (report_id, search_text) SELECT id, search_text FROM reports;
     SET maintenance_work_mem = '512MB';
     CREATE INDEX report_search_texts_trgm_idx ON report_search_texts USING gin (search_text gin_trgm_ops) WITH (fastupdate = off);`,
  );

  // Two indicators per campaign (a number and a site); each member report carries the number.
  await step(
    'indicators',
    `INSERT INTO indicators (id, kind, value, status, sightings)
     SELECT bench_uuid('i' || k || kind), kind, CASE kind WHEN 'phone' THEN '+339' || lpad(k::text, 8, '0') ELSE 'campagne-' || k || '.fr' END, 'actif', 0
     FROM generate_series(0, ${options.campaigns - 1}) k, unnest(ARRAY['phone', 'domain']) kind;
     INSERT INTO report_indicators (report_id, kind, value)
     SELECT r.id, 'phone', '+339' || lpad(c.k::text, 8, '0')
     FROM reports r JOIN (SELECT k, bench_uuid('c' || k) AS id FROM generate_series(0, ${options.campaigns - 1}) k) c ON c.id = r.campaign_id;
     UPDATE campaigns c SET report_count = a.n, first_report_at = a.first, last_report_at = a.last
     FROM (SELECT campaign_id, count(*)::int AS n, min(created_at) AS first, max(created_at) AS last FROM reports WHERE campaign_id IS NOT NULL GROUP BY 1) a
     WHERE a.campaign_id = c.id;
     UPDATE indicators i SET sightings = c.report_count FROM campaigns c WHERE i.id IN (bench_uuid('i' || substr(c.reference, 11)::int || 'phone'), bench_uuid('i' || substr(c.reference, 11)::int || 'domain'));
     INSERT INTO campaign_indicators (campaign_id, indicator_id, report_count)
     SELECT c.id, i.id, c.report_count FROM campaigns c
     JOIN indicators i ON i.id IN (bench_uuid('i' || substr(c.reference, 11)::int || 'phone'), bench_uuid('i' || substr(c.reference, 11)::int || 'domain'))
     WHERE c.report_count > 0;
     DROP TABLE bench_agents;
     DROP FUNCTION bench_uuid(text);`,
  );

  // What autovacuum would have done on a live database: visibility map and statistics.
  await step('vacuum analyze', 'VACUUM ANALYZE');
  return took;
}
