import { randomUUID } from 'node:crypto';
import { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION, priorityOf, screenProgramme, type DriftFinding } from '../analysis/dpc/index.js';
import { prepareText, runRuleset } from '../analysis/engine/match.js';
import { compileRuleset } from '../analysis/engine/ruleset.js';
import { combineScore } from '../analysis/engine/score.js';
import { seededRandom } from '../analysis/testing/seeded-random.js';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { openScratchPgDatabase } from './scratch-database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { SYSTEM_CONTEXT } from '../server/platform/audit/audit.js';
import type { Actor } from '../server/platform/authz/policy.js';
import { users } from '../server/platform/db/schema.js';
import { importDpcCatalogue, rescreenCatalogue, searchDpcActions, type ProgrammeScreener } from '../server/modules/dpc/index.js';

// `npm run bench:dpc` (issue 12 target: rescreening 50,000 actions after a lexicon change in < 60 s).
// Generates BENCH_DPC_ACTIONS synthetic training actions (seeded), imports them through the real import
// service (CSV files of 10,000 actions, each screened with the current lexicon), then stands in a
// lexicon release — the current lexicon plus one rule, under another version — and rescreens the whole
// catalogue through the real rescreen service. Prints figures; asserts nothing. PGlite by default; with
// DATABASE_URL, a scratch database on that server, dropped afterwards.
const ACTIONS = Number(process.env.BENCH_DPC_ACTIONS ?? 50_000);
const FILE_ACTIONS = 10_000;
const TARGET_SECONDS = 60;

const GENUINE = [
  'Actualiser la prise en charge du diabète de type 2 selon les recommandations de la HAS.',
  'Repérer précocement les troubles du neurodéveloppement chez l’enfant et orienter vers les structures adaptées.',
  'Améliorer le dépistage organisé du cancer colorectal en soins primaires.',
  'Prévenir la iatrogénie médicamenteuse chez la personne âgée polymédiquée.',
  'Prescrire les antibiotiques à bon escient dans les infections respiratoires hautes.',
  'Conduire l’entretien motivationnel dans le sevrage tabagique.',
  'Prendre en charge la douleur chronique : évaluation, traitements, coordination pluriprofessionnelle.',
  'Méthode : cas cliniques commentés, audit de dossiers avant et après la formation, évaluation des pratiques.',
  'Les intervenants déclarent leurs liens d’intérêts ; les références bibliographiques sont remises aux participants.',
  'Coordonner le parcours de soins de l’insuffisant cardiaque entre ville et hôpital.',
  'Vaccination de l’adulte : calendrier vaccinal, rattrapage, réponses aux hésitations des patients.',
  'Repérer et accompagner les violences intrafamiliales en consultation.',
];
const DRIFT = [
  'Apprendre à guérir le cancer par le décodage biologique des conflits.',
  'La chimiothérapie est un poison : accompagner le patient qui choisit de l’arrêter.',
  'Rééquilibrer le taux vibratoire des cellules pour une guérison totale et définitive.',
  'Initiation à la médecine quantique et aux soins énergétiques.',
];
/** What the stand-in release's new rule finds, and the current lexicon does not. */
const RELEASE = [
  'Atelier pratique de réinformation cellulaire par les bols chantants.',
  'Harmoniser le patient grâce aux bols tibétains et aux sons sacrés.',
];

const RELEASE_RULESET = compileRuleset({
  id: 'dpc-derives-bench',
  version: '1',
  rules: [
    {
      id: 'methode.bols-chantants',
      family: 'methode-non-validee',
      description: 'Nomme les soins par les bols chantants ou la réinformation cellulaire.',
      explanation: 'Le texte propose de soigner par les sons (bols chantants, bols tibétains) ou par la « réinformation cellulaire » : pratiques sans preuve.',
      weight: 45,
      allOf: [['bols chantants', 'bols tibétains', 'réinformation cellulaire']],
      examples: { match: ['séance de bols chantants'], noMatch: ['bilan cardiologique'] },
    },
  ],
});

/** The current lexicon plus one rule, under another version: a lexicon release, without editing the real one. */
const RELEASE_SCREENER: ProgrammeScreener = {
  lexiconVersion: `${DRIFT_LEXICON_VERSION}+bench`,
  lexiconFingerprint: `${DRIFT_LEXICON_FINGERPRINT}+bench`,
  screen(text) {
    const current = screenProgramme(text);
    const hits = runRuleset(prepareText(text), RELEASE_RULESET, { scope: 'programme' }).hits;
    const added: DriftFinding[] = current.aboutDrift
      ? []
      : hits.map((hit) => ({
          ruleId: hit.rule.definition.id,
          family: 'methode-non-validee',
          familyLabel: 'Méthode non validée',
          explanation: hit.rule.definition.explanation,
          evidence: hit.spans.map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) })),
          weight: hit.rule.definition.weight,
        }));
    const findings = [...current.findings, ...added];
    const score = added.length ? combineScore(findings.map((f) => ({ weight: f.weight, mitigable: true }))) : current.score;
    return { ...current, lexiconVersion: this.lexiconVersion, lexiconFingerprint: this.lexiconFingerprint, findings, score, priority: priorityOf(score) };
  },
};

function syntheticCsv(first: number, count: number, rand: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = ['Numéro ODPC;Organisme;Référence;Titre;Programme;Orientation;Format;Date de début;Date de fin'];
  for (let i = first; i < first + count; i++) {
    const sentences = Array.from({ length: 4 + Math.floor(rand() * 4) }, () => pick(GENUINE));
    const draw = rand();
    if (draw < 0.04) sentences.splice(1, 0, pick(DRIFT));
    else if (draw < 0.07) sentences.splice(2, 0, pick(RELEASE));
    const organisation = 1000 + Math.floor(rand() * 2000);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    lines.push([
      String(organisation), `Organisme de formation n° ${organisation}`, `${organisation}26${String(i).padStart(6, '0')}`,
      `Action de formation ${i}`, sentences.join(' '), `Orientation n° ${1 + Math.floor(rand() * 30)}`,
      pick(['présentiel', 'non présentiel', 'mixte']), `2026-${month}-01`, `2026-${month}-28`,
    ].map(quote).join(';'));
  }
  return lines.join('\r\n');
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, drop: () => database.close() };
  }
  return openScratchPgDatabase(serverUrl, `vigie_bench_dpc_${process.pid}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const { database, drop } = await openBenchDatabase();
try {
  console.log(`Catalogue DPC : ${ACTIONS} actions synthétiques (${database.kind === 'pg' ? 'serveur PostgreSQL' : 'PGlite embarqué'})`);
  await migrate(database);
  const [admin] = await database.db.insert(users).values({ email: `bench-${randomUUID()}@exemple.fr`, displayName: 'Banc DPC', role: 'admin', departement: null }).returning();
  const actor: Actor = { userId: admin!.id, role: 'admin', departement: null };
  const rand = seededRandom(2026);

  let t = performance.now();
  const priorities = { aucune: 0, basse: 0, moyenne: 0, haute: 0 };
  for (let first = 0; first < ACTIONS; first += FILE_ACTIONS) {
    const csv = syntheticCsv(first, Math.min(FILE_ACTIONS, ACTIONS - first), rand);
    const report = await importDpcCatalogue({ database }, SYSTEM_CONTEXT, actor, { format: 'csv', fileName: `bench-${first}.csv`, contentBase64: Buffer.from(csv).toString('base64') });
    for (const [p, n] of Object.entries(report.priorities)) priorities[p as keyof typeof priorities] += n;
  }
  console.log(`  import (lecture, criblage lexique ${DRIFT_LEXICON_VERSION}, écriture) : ${seconds(performance.now() - t)} — priorités : ${JSON.stringify(priorities)}`);
  await database.raw.exec('ANALYZE dpc_actions');
  await database.raw.exec('ANALYZE dpc_action_screenings');

  const searches: [string, Parameters<typeof searchDpcActions>[1]][] = [
    ['mots « décodage biologique »', { q: 'décodage biologique', page: 1 }],
    ['mot « diabète » (fréquent)', { q: 'diabète', page: 1 }],
    ['priorité haute', { priority: 'haute', page: 1 }],
    ['organisme 1500, page 2', { organisation: '1500', page: 2 }],
  ];
  for (const [label, query] of searches) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      total = (await searchDpcActions({ database }, query)).total;
      times.push(performance.now() - start);
    }
    console.log(`  recherche ${label} : ${total} résultats, médiane ${times.sort((a, b) => a - b)[2]!.toFixed(0)} ms`);
  }

  t = performance.now();
  const run = await rescreenCatalogue({ database }, SYSTEM_CONTEXT, actor, { screener: RELEASE_SCREENER });
  const rescreenMs = performance.now() - t;
  console.log(`  nouveau criblage (lexique ${RELEASE_SCREENER.lexiconVersion}) : ${seconds(rescreenMs)} pour ${run.rescreened} actions (cible < ${TARGET_SECONDS} s)`);
  console.log(`  actions nouvellement signalées : ${run.newlyMatching}`);

  t = performance.now();
  const again = await rescreenCatalogue({ database }, SYSTEM_CONTEXT, actor, { screener: RELEASE_SCREENER });
  console.log(`  second appel (rien à refaire) : ${seconds(performance.now() - t)}, à jour : ${again.upToDate}`);
} finally {
  await drop();
}
