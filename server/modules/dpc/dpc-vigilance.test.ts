import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_FAMILY_IDS, DRIFT_LEXICON_VERSION } from '../../../analysis/dpc/index.js';
import { DRIFT_RULES } from '../../../analysis/dpc/drift-lexicon.js';
import { ZDpcVigilance, type TDpcVigilance } from '../../../contracts/dpc.schemas.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';

describe('GET /api/dpc/vigilance (the awareness page, generated from the lexicon)', () => {
  let t: TestApp;
  let body: TDpcVigilance;
  let headers: Record<string, unknown>;

  beforeAll(async () => {
    t = await buildTestApp();
    const anonymous = new TestClient(t.app);
    const res = await anonymous.get('/api/dpc/vigilance');
    expect(res.statusCode).toBe(200);
    body = ZDpcVigilance.parse(res.json());
    headers = res.headers;
  });
  afterAll(() => t.close());

  it('answers without a session, cacheable by anyone, with the version of the lexicon that screens the catalogue', () => {
    expect(headers['cache-control']).toBe('public, max-age=300');
    expect(body.lexiconVersion).toBe(DRIFT_LEXICON_VERSION);
  });

  it('explains every family of the screening, in its order, each with its markers and sourced addresses', () => {
    expect(body.families.map((family) => family.id)).toEqual([...DRIFT_FAMILY_IDS]);
    for (const family of body.families) {
      expect(family.label.length, family.id).toBeGreaterThan(10);
      expect(family.explanation.length, family.id).toBeGreaterThan(100);
      expect(family.markers.length, family.id).toBeGreaterThan(0);
      expect(family.sources.length, family.id).toBeGreaterThan(0);
      for (const source of family.sources) {
        expect(source.title && source.publisher, source.id).toBeTruthy();
        expect(source.url, source.id).toMatch(/^https?:\/\/\S+$/);
      }
    }
  });

  it('lists every rule of the lexicon once, under its family, with readable phrases and the examples it recognises', () => {
    const listed = body.families.flatMap((family) => family.markers.map((marker) => `${family.id}/${marker.ruleId}`));
    expect(listed.sort()).toEqual(DRIFT_RULES.map((rule) => `${rule.family}/${rule.id}`).sort());
    for (const rule of DRIFT_RULES) {
      const marker = body.families.flatMap((family) => family.markers).find((m) => m.ruleId === rule.id)!;
      expect(marker.explanation).toBe(rule.explanation);
      expect(marker.examples).toEqual(rule.examples.match);
      expect(marker.phrases.length, rule.id).toBeGreaterThan(0);
      expect(marker.onlyIn).toEqual(rule.scopes);
    }
  });

  it('says where to refer: the MIVILUDES and the ANDPC, with their addresses', () => {
    expect(body.referrals).toEqual([
      expect.objectContaining({ body: 'MIVILUDES', url: 'https://www.derives-sectes.gouv.fr', email: 'miviludes@pm.gouv.fr' }),
      expect.objectContaining({ body: 'Agence nationale du DPC', email: 'communication@agencedpc.fr' }),
    ]);
  });

  it('is not stored for a caller who carried a session cookie (the platform’s rule)', async () => {
    const withSession = await t.app.inject({ url: '/api/dpc/vigilance', cookies: { vigie_session: 'session-perimee' } });
    expect(withSession.statusCode).toBe(200);
    expect(withSession.headers['cache-control']).toBe('no-store');
  });
});
