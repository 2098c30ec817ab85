import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Role } from '../contracts/roles.js';
import { advanceTotpWindow, buildDoctor, buildUser, type TestUser } from '../server/test/factories.js';
import { TestClient } from '../server/test/test-client.js';
import { buildReport, campaignOfReport } from '../server/modules/campaigns/campaigns.factories.js';
import { groupPendingReports } from '../server/modules/campaigns/index.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from '../server/modules/dpc/dpc.testing.js';
import { insertSignalement } from '../server/modules/dpc/dpc-signalements.testing.js';
import { expectAccessible, logIn, startE2e, type E2eEnv } from './harness.js';

// Every page of the router, as each role opens it, on a 1280 px desktop and a 390 px phone: nothing
// sticks out of the page or is cut by an `overflow: hidden` box, a region that scrolls sideways can be
// reached and named by a keyboard user, and axe finds no WCAG A/AA violation. A full-page screenshot of
// each is kept in e2e/.screenshots/ for a human eye.

const SCREENSHOTS = path.join(import.meta.dirname, '.screenshots');
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
/** What a page shows when the role may not open it: the test would be checking the wrong page. */
const REFUSALS = ['Accès refusé', 'Connexion à Vigie'];

let env: E2eEnv;
const accounts = {} as Record<Exclude<RoleKey, 'anonymous'>, TestUser>;
const ids = { report: '', campaign: '', alert: '', changeRequest: '', doctor: '', entraideCase: '', dpcAction: '', dpcSignalement: '' };

type RoleKey = 'anonymous' | 'medecin' | 'agent-75' | 'agent-national' | 'membre-cde-75' | 'membre-cne' | 'relecteur-dpc' | 'admin';
const ACCOUNT_SPECS: Record<Exclude<RoleKey, 'anonymous'>, { role: Role; departement: string | null }> = {
  medecin: { role: 'medecin', departement: '75' },
  'agent-75': { role: 'agent', departement: '75' },
  'agent-national': { role: 'agent', departement: null },
  'membre-cde-75': { role: 'membre_cde', departement: '75' },
  'membre-cne': { role: 'membre_cne', departement: null },
  'relecteur-dpc': { role: 'relecteur_dpc', departement: null },
  admin: { role: 'admin', departement: null },
};

const PUBLIC_PAGES = [
  '/', '/connexion', '/mot-de-passe-oublie', '/reinitialiser-mot-de-passe', '/premier-administrateur', '/verifier',
  '/ce-netait-pas-moi', '/activer-mon-compte', '/signaler', '/signaler/confirmer', '/suivi', '/alertes', '/vigilance-dpc',
  '/vigilance-dpc/signaler', '/vigilance-dpc/reponse', '/entraide', '/entraide/proche', '/mentions-legales',
  '/donnees-personnelles', '/accessibilite', '/contact', '/messages-authentiques', '/nulle-part',
];
const SIGNED_IN = ['/', '/compte'];
const REGISTRY = () => ['/tableau', '/tableau/demandes', '/tableau/inscription', `/tableau/demandes/${ids.changeRequest}`, `/tableau/medecins/${ids.doctor}`, '/tableau/export'];
const FRAUD = () => [
  '/signalements', `/signalements/${ids.report}`, '/campagnes', `/campagnes/${ids.campaign}`, '/indicateurs',
  '/alertes/gestion', '/alertes/gestion/nouvelle', `/alertes/gestion/${ids.alert}`, '/veille', '/tableau-de-bord',
];
const DPC_READ = () => ['/vigilance-dpc/statistiques', '/vigilance-dpc/catalogue', `/vigilance-dpc/catalogue/${ids.dpcAction}`, '/vigilance-dpc/controles'];
const DPC_QUEUE = () => ['/vigilance-dpc/signalements', `/vigilance-dpc/signalements/${ids.dpcSignalement}`];
const ENTRAIDE_CASES = () => ['/entraide/dossiers', `/entraide/dossiers/${ids.entraideCase}`, `/entraide/dossiers/${ids.entraideCase}/budget`];
const AGENT = () => [...SIGNED_IN, ...REGISTRY(), ...FRAUD(), '/entraide/appels', '/entraide/enregistrer', ...DPC_QUEUE(), ...DPC_READ()];

/** The pages each role can open from the router (web/src/app/App.tsx and contracts/permissions.ts). */
const PAGES: Record<RoleKey, () => string[]> = {
  anonymous: () => PUBLIC_PAGES,
  // The public forms a doctor fills in differ once signed in (identity known): checked here too.
  medecin: () => [
    ...SIGNED_IN, '/mes-signalements', '/mes-coordonnees', '/entraide/demande', '/entraide/mes-demandes',
    '/vigilance-dpc/mes-signalements', '/signaler', '/vigilance-dpc/signaler',
  ],
  'agent-75': AGENT,
  'agent-national': AGENT,
  'membre-cde-75': () => [...SIGNED_IN, ...ENTRAIDE_CASES()],
  'membre-cne': () => [...SIGNED_IN, ...ENTRAIDE_CASES(), '/entraide/statistiques'],
  'relecteur-dpc': () => [...SIGNED_IN, ...DPC_QUEUE(), ...DPC_READ()],
  admin: () => [
    ...SIGNED_IN, '/admin/utilisateurs', '/admin/journal', ...REGISTRY(), '/tableau/securite', ...FRAUD(), ...DPC_READ(),
    '/vigilance-dpc/import', '/entraide/statistiques', '/admin/entraide',
  ],
};

async function apiClient(account: TestUser): Promise<TestClient> {
  await advanceTotpWindow(env.runtime.database, account.user.id);
  const client = new TestClient(env.runtime.app);
  await client.login(env.runtime.database, account);
  return client;
}

function created(res: { statusCode: number; body: string }, status: number): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body) as Record<string, unknown>;
}

/** One record per page with an :id, through the same services and factories as the other tests. */
async function createRecords() {
  const db = env.runtime.database;
  const agent = await apiClient(accounts['agent-75']);
  const admin = await apiClient(accounts.admin);
  const cde = await apiClient(accounts['membre-cde-75']);
  const cne = await apiClient(accounts['membre-cne']);
  const medecin = await apiClient(accounts.medecin);
  await buildDoctor(db, { userId: accounts.medecin.user.id, departement: '75' });

  const doctor = await buildDoctor(db, { birthName: 'Delacroix-Fontaine', firstNames: 'Anne-Sophie Marguerite', departement: '75' });
  ids.doctor = doctor.id;
  ids.changeRequest = created(await agent.post('/api/registry/change-requests', { doctorId: doctor.id, kind: 'contact_change', channel: 'guichet', changes: { corrCity: 'Boulogne-Billancourt' } }), 201).id as string;

  const reports = [];
  for (let i = 0; i < 3; i++) reports.push(await buildReport(db, { channel: 'telephone', callerNumber: '09 71 00 00 42', scamFamily: 'formation_droits', reporterName: 'Dr Déclarant' }));
  await groupPendingReports(env.runtime.app.services);
  ids.report = reports[0]!.id;
  ids.campaign = (await campaignOfReport(db, reports[0]!.id))!;
  expect(ids.campaign).toBeTruthy();

  ids.alert = created(await agent.post('/api/alerts', {
    title: 'Faux appels au nom de l’Agence du numérique en santé',
    situation: 'Des médecins reçoivent des appels se présentant comme l’ANS et demandant leur code e-CPS.',
    whatToDo: 'Raccrochez et signalez l’appel à votre conseil départemental.',
    whatNotToDo: 'Ne communiquez jamais votre code e-CPS.',
    audience: { scope: 'departements', departements: ['75'] },
  }), 201).id as string;

  for (const [account, commission, departement] of [[accounts['membre-cde-75'], 'cde', '75'], [accounts['membre-cne'], 'cne', null]] as const) {
    created(await admin.post('/api/entraide/mandates', { userId: account.user.id, commission, departement, role: 'membre', startsOn: '2024-01-01', endsOn: '2099-12-31' }), 201);
  }
  created(await medecin.post('/api/entraide/requests', {
    natures: ['financiere', 'professionnelle'], urgency: 'rapide', message: 'Dettes du cabinet, je ne m’en sors plus.',
    contact: { means: 'telephone', consent: true, phone: '06 12 34 56 78' },
  }), 201);
  const cases = created(await cde.get('/api/entraide/cases'), 200).cases as { id: string }[];
  ids.entraideCase = cases[0]!.id;
  const budget = {
    lines: [
      { kind: 'revenu', label: 'Honoraires nets', monthlyCents: 350_000 },
      { kind: 'charge_fixe', label: 'Loyer du cabinet', monthlyCents: 90_000 },
      { kind: 'dette', label: 'Prêt de la patientèle', monthlyCents: 60_000, remainingCents: 2_400_000 },
    ],
    household: { personsFrom14: 2, childrenUnder14: 1 },
  };
  created(await cde.post(`/api/entraide/cases/${ids.entraideCase}/budgets`, budget), 201);
  created(await cde.post(`/api/entraide/cases/${ids.entraideCase}/escalation`, { identityConsent: false, reason: 'Situation financière trop lourde pour la commission.' }), 200);
  expect((created(await cne.get('/api/entraide/cases'), 200).cases as unknown[]).length).toBe(1);

  const csv = catalogueCsv([catalogueRow({ title: 'Décoder le cancer du sein : une approche globale', programme: DRIFT_PROGRAMME }), catalogueRow()]);
  created(await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'andpc-2026.csv', contentBase64: csv }), 200);
  const actions = created(await admin.get('/api/dpc/actions'), 200).items as { id: string }[];
  ids.dpcAction = actions[0]!.id;
  ids.dpcSignalement = (await insertSignalement(db, {
    status: 'en_revue', actionId: ids.dpcAction, reviewerId: accounts['relecteur-dpc'].user.id, filedBy: accounts.medecin.user.id,
  })).id;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  env = await startE2e();
  for (const [key, spec] of Object.entries(ACCOUNT_SPECS)) {
    accounts[key as keyof typeof ACCOUNT_SPECS] = await buildUser(env.runtime.database, env.keys, { ...spec, totp: true });
  }
  await createRecords();
}, 180_000);
afterAll(() => env.close());

/**
 * What a reader would find cut or out of reach: the page wider than the window (with the elements that
 * stick out), an `overflow: hidden | clip` box narrower than its content, and a box that scrolls
 * sideways without being focusable and named (a keyboard user could not scroll it, nor know what it is).
 */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => {
    const h = el as HTMLElement;
    const cls = typeof h.className === 'string' && h.className ? `.${h.className.trim().split(/\s+/).join('.')}` : '';
    return `<${el.tagName.toLowerCase()}${h.id ? `#${h.id}` : ''}${cls}> scrollWidth ${h.scrollWidth}, clientWidth ${h.clientWidth}, right ${Math.round(el.getBoundingClientRect().right)}`;
  };
  // Screen-reader-only text is a 1 px clipped box on purpose.
  const visuallyHidden = (el: HTMLElement) => el.clientWidth <= 1 || el.clientHeight <= 1;
  const viewport = window.innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth > viewport + 1) {
    problems.push(`page scrollWidth ${root.scrollWidth} > window ${viewport}`);
    // The outermost elements that stick out: their children follow them and are not repeated.
    const culprits = [...document.body.querySelectorAll('*')].filter((el) => {
      if (el.getBoundingClientRect().right <= viewport + 1 || visuallyHidden(el as HTMLElement)) return false;
      const parent = el.parentElement;
      return !parent || parent === document.body || parent.getBoundingClientRect().right <= viewport + 1;
    });
    for (const el of culprits.slice(0, 12)) problems.push(`sticks out: ${describe(el)}`);
  }
  for (const el of [root, ...document.body.querySelectorAll('*')] as HTMLElement[]) {
    if (el.scrollWidth <= el.clientWidth + 1 || visuallyHidden(el)) continue;
    const overflowX = getComputedStyle(el).overflowX;
    if (overflowX === 'hidden' || overflowX === 'clip') {
      if (el !== root) problems.push(`clipped: ${describe(el)}`);
    } else if ((overflowX === 'auto' || overflowX === 'scroll') && !['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) {
      const labelled = Boolean(el.getAttribute('aria-labelledby') || el.getAttribute('aria-label'));
      if (el !== root && (el.tabIndex < 0 || !labelled)) problems.push(`scrolls sideways but is not ${el.tabIndex < 0 ? 'focusable' : 'labelled'}: ${describe(el)}`);
    }
  }
  return problems;
}

async function settle(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const h1 = page.getByRole('heading', { level: 1 }).first();
  await h1.waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((el) => /Chargement/.test(el.textContent ?? '')));
  // Lazy pages swap their fallback for the page: read the heading once settled.
  return (await page.getByRole('heading', { level: 1 }).first().textContent()) ?? '';
}

/** Visits one page at one width and answers every problem found, one line each. */
async function inspect(page: Page, role: RoleKey, pagePath: string, width: number): Promise<string[]> {
  const problems: string[] = [];
  const heading = await settle(page, `${env.baseUrl}${pagePath}`);
  if (REFUSALS.includes(heading) && !(role === 'anonymous' && pagePath === '/connexion')) problems.push(`the page shows « ${heading} »: the role cannot open it`);
  // A record page must show the record created for it, not « Élément introuvable ».
  const notFound = (await page.locator('[role="alert"]').allTextContents()).filter((text) => /introuvable/i.test(text));
  if (role !== 'anonymous') problems.push(...notFound.map((text) => `the page shows an error: « ${text.trim()} »`));
  problems.push(...(await page.evaluate(layoutProblems)));
  try {
    await expectAccessible(page);
  } catch (error) {
    problems.push(`axe: ${(error as Error).message.split('\n')[0]}`);
  }
  const slug = pagePath === '/' ? 'accueil' : pagePath.slice(1).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id').replaceAll('/', '_');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${role}-${slug}-${width}.png`), fullPage: true });
  return problems;
}

describe('every page, at 1280 and 390 px, shows all its content and passes axe', () => {
  it.each(Object.keys(PAGES) as RoleKey[])('%s', async (role) => {
    const contexts: BrowserContext[] = [];
    for (const viewport of WIDTHS) contexts.push(await env.browser.newContext({ viewport, locale: 'fr-FR' }));
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    if (role !== 'anonymous') {
      // Log in once; the second width reuses the session cookie.
      await logIn(env, pages[0]!, accounts[role], { afterEarlierLogin: true });
      await contexts[1]!.addCookies(await contexts[0]!.cookies());
    }
    try {
      for (const pagePath of PAGES[role]()) {
        const found = await Promise.all(WIDTHS.map(({ width }, i) => inspect(pages[i]!, role, pagePath, width)));
        WIDTHS.forEach(({ width }, i) => expect.soft(found[i], `${role} ${pagePath} at ${width} px`).toEqual([]));
      }
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  }, 360_000);
});
