import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited } from '../../test/factories.js';
import { reportNotes } from '../../platform/db/schema-reports.js';
import type { CampaignRow, ReportRow } from '../../platform/db/schema-reports.js';
import { addAttachment, addIndicators, buildCampaign, buildJpegMarkers, buildPng, buildReport } from './sharing.factories.js';
import { countPdfImages, extractPdfFlatText } from './pdf-text.testing.js';
import { stixIndicatorId } from './indicator-formats.js';
import { loggedIn } from '../../test/logged-in.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const STIX_ID = new RegExp(`^[a-z][a-z0-9-]+--${UUID}$`);
const STIX_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TRICKY_URL = "https://ameli-remboursement.fr/l'accès\\suite";

describe('sharing: campaign indicators and report dossiers', () => {
  let t: TestApp;
  let parisAgent: TestClient;
  let lyonAgent: TestClient;
  let nationalAgent: TestClient;
  let campaign: CampaignRow;
  let otherCampaign: CampaignRow;
  let named: ReportRow;
  let pseudonymous: ReportRow;
  let unconfirmed: ReportRow;
  let png: Uint8Array;

  const exportUrl = (id: string, query = 'format=csv') => `/api/sharing/campaigns/${id}/indicators?${query}`;
  const dossierUrl = (id: string) => `/api/sharing/reports/${id}/dossier`;

  beforeAll(async () => {
    t = await buildTestApp();
    parisAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    lyonAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '69' }));
    nationalAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));

    campaign = await buildCampaign(t.database);
    named = await buildReport(t.database, {
      campaignId: campaign.id,
      departement: '75',
      reporterName: 'Hélène Lefèvre',
      reporterEmail: 'helene.lefevre@exemple.fr',
      status: 'qualifie',
    });
    pseudonymous = await buildReport(t.database, {
      campaignId: campaign.id,
      departement: '13',
      channel: 'courriel',
      source: 'courriel',
      reporterName: 'Jean Secretaire',
      reporterEmail: 'jean.secretaire@exemple.fr',
      pseudonymous: true,
    });
    unconfirmed = await buildReport(t.database, { campaignId: campaign.id, departement: '75', status: 'en_attente_confirmation' });
    await addIndicators(t.database, named.id, [
      { kind: 'phone', value: '+33612345678' },
      { kind: 'domain', value: 'ameli-remboursement.fr', status: 'approuve' },
      { kind: 'url', value: TRICKY_URL },
      { kind: 'url', value: '=HYPERLINK("http://piege.example","clic")' },
      { kind: 'email', value: 'contact@ameli-remboursement.fr' },
      { kind: 'domain', value: 'gmail.com', status: 'commun' },
      { kind: 'domain', value: 'bit.ly', status: 'faux_positif' },
      { kind: 'organisation', value: 'assurance maladie' },
    ]);
    await addIndicators(t.database, pseudonymous.id, [
      { kind: 'phone', value: '+33612345678' },
      { kind: 'phone', value: '+33756781234', status: 'en_attente' },
    ]);
    // Only an unconfirmed report carries it: it is not part of the campaign yet.
    await addIndicators(t.database, unconfirmed.id, [{ kind: 'domain', value: 'pas-encore-confirme.fr' }]);

    otherCampaign = await buildCampaign(t.database, { label: 'Faux conseiller bancaire', scamFamily: 'conseiller_bancaire' });
    const marseille = await buildReport(t.database, { campaignId: otherCampaign.id, departement: '13' });
    await addIndicators(t.database, marseille.id, [{ kind: 'phone', value: '+33491000000' }]);

    png = buildPng(6, 4);
    await addAttachment(t.database, t.app.services.uploads, named.id, { bytes: png, fileName: 'capture-sms.png', mediaType: 'image/png' });
    await addAttachment(t.database, t.app.services.uploads, named.id, { bytes: buildJpegMarkers(), fileName: 'photo-écran.jpg', mediaType: 'image/jpeg' });
    await addAttachment(t.database, t.app.services.uploads, named.id, { bytes: new TextEncoder().encode('From: x\r\n\r\nbody'), fileName: 'original.eml', mediaType: 'message/rfc822', origin: 'courriel_original' });
    await t.database.db.insert(reportNotes).values({ reportId: named.id, authorId: (await buildUser(t.database, t.keys, { role: 'agent' })).user.id, body: 'NOTE-INTERNE-CONFIDENTIELLE appelée la CPAM' });
  });
  afterAll(() => t.close());

  describe('access', () => {
    it('refuses anonymous callers', async () => {
      const anonymous = new TestClient(t.app);
      for (const url of [exportUrl(campaign.id), dossierUrl(named.id)]) {
        const res = await anonymous.get(url);
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses roles without the permissions, without a byte of the records', async () => {
      for (const role of ['medecin', 'membre_cde', 'membre_cne'] as const) {
        const client = await loggedIn(t, await buildUser(t.database, t.keys, { role }));
        for (const url of [exportUrl(campaign.id), dossierUrl(named.id)]) {
          const res = await client.get(url);
          expect(res.statusCode, `${role} ${url}`).toBe(403);
          expect(res.body).not.toContain('+33612345678');
          expect(res.body).not.toContain(named.receiptNumber);
        }
      }
    });

    it.each([
      ['format=pdf', 'format'],
      ['format=csv&tlp=red', 'tlp'],
      ['format=csv&include=commun', 'include'],
      ['format=csv&extra=1', 'extra'],
      ['tlp=amber', 'format'],
    ])('refuses the query %s naming the field', async (query, field) => {
      const res = await parisAgent.get(exportUrl(campaign.id, query));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    });

    it('refuses a malformed identifier', async () => {
      for (const url of ['/api/sharing/campaigns/pas-un-id/indicators?format=csv', '/api/sharing/reports/pas-un-id/dossier']) {
        const res = await parisAgent.get(url);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
      }
    });

    it('answers 404 for unknown records and for those outside the département', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await parisAgent.get(exportUrl(unknown))).statusCode).toBe(404);
      expect((await parisAgent.get(dossierUrl(unknown))).statusCode).toBe(404);
      // The other campaign holds only a report of the Bouches-du-Rhône.
      const outside = await parisAgent.get(exportUrl(otherCampaign.id));
      expect(outside.statusCode).toBe(404);
      expect(outside.body).not.toContain('+33491000000');
      // A campaign holding no report of Lyon's département, and a report of Paris.
      expect((await lyonAgent.get(exportUrl(campaign.id))).statusCode).toBe(404);
      const dossier = await lyonAgent.get(dossierUrl(named.id));
      expect(dossier.statusCode).toBe(404);
      expect(dossier.body).not.toContain(named.receiptNumber);
      // A report not yet confirmed by its reporter is not a report yet.
      expect((await nationalAgent.get(dossierUrl(unconfirmed.id))).statusCode).toBe(404);
    });

    it('lets a national agent export any campaign and a departmental one a campaign with a report of theirs', async () => {
      expect((await nationalAgent.get(exportUrl(otherCampaign.id))).statusCode).toBe(200);
      // Paris holds the named report; Marseille's pseudonymous report is in the same campaign.
      expect((await parisAgent.get(exportUrl(campaign.id))).statusCode).toBe(200);
    });
  });

  describe('CSV', () => {
    it('lists the linking indicators for French Excel, never common values nor false positives, and audits', async () => {
      const res = await parisAgent.get(exportUrl(campaign.id));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="indicateurs-${campaign.reference}-TLP-AMBER.csv"`);
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = res.body.replace(/^\ufeff/, '').split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(0, -1)).toEqual([
        'type;valeur;premiere_observation;derniere_observation;nombre_signalements;statut;campagne',
        `domaine;ameli-remboursement.fr;2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;1;approuve;${campaign.reference}`,
        `courriel;contact@ameli-remboursement.fr;2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;1;actif;${campaign.reference}`,
        // A leading + would be read as a formula: apostrophe and quotes.
        `telephone;"'+33612345678";2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;2;actif;${campaign.reference}`,
        `url;"'=HYPERLINK(""http://piege.example"",""clic"")";2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;1;actif;${campaign.reference}`,
        `url;${TRICKY_URL};2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;1;actif;${campaign.reference}`,
      ]);
      for (const never of ['gmail.com', 'bit.ly', 'assurance maladie', '+33756781234', 'pas-encore-confirme.fr', 'Lefèvre', 'NOTE-INTERNE']) expect(res.body).not.toContain(never);
      const audit = await expectAudited(t.database, 'campaigns.indicators.exported', campaign.id);
      expect(audit.details).toEqual({ format: 'csv', count: 5, tlp: 'amber', include: 'linking' });
    });

    it('adds held and expired indicators on request, still never common values nor false positives', async () => {
      const res = await nationalAgent.get(exportUrl(campaign.id, 'format=csv&include=all&tlp=green'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('TLP-GREEN.csv');
      expect(res.body).toContain(`telephone;"'+33756781234";2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;1;en_attente;${campaign.reference}`);
      expect(res.body).not.toContain('gmail.com');
      expect(res.body).not.toContain('bit.ly');
      expect((await expectAudited(t.database, 'campaigns.indicators.exported', campaign.id)).details).toMatchObject({ count: 6, include: 'all', tlp: 'green' });
    });

    it('gives a départemental agent only the indicators his own reports carry in a campaign shared with another département', async () => {
      // +33756781234 is carried only by the Marseille report: not Paris's to share.
      const res = await parisAgent.get(exportUrl(campaign.id, 'format=csv&include=all&tlp=green'));
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('+33756781234');
      // A value both carry is shared, with the campaign's whole count.
      expect(res.body).toContain(`telephone;"'+33612345678";2026-02-02T09:15:00Z;2026-02-10T17:40:00Z;2;actif;${campaign.reference}`);
    });
  });

  describe('STIX 2.1', () => {
    type Obj = Record<string, unknown> & { type: string; id: string };
    const bundleOf = async (query: string) => {
      const res = await parisAgent.get(exportUrl(campaign.id, query));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/stix+json; version=2.1; charset=utf-8');
      return res.json() as { type: string; id: string; spec_version?: string; objects: Obj[] };
    };

    it('is a valid bundle: identity, TLP:AMBER, campaign, indicators with escaped patterns, « indicates » relationships', async () => {
      const bundle = await bundleOf('format=stix');
      expect(bundle.type).toBe('bundle');
      expect(bundle.id).toMatch(new RegExp(`^bundle--${UUID}$`));
      expect(bundle.spec_version).toBeUndefined();
      const ids = new Set(bundle.objects.map((o) => o.id));
      expect(ids.size).toBe(bundle.objects.length);
      for (const o of bundle.objects) {
        expect(o.spec_version, o.id).toBe('2.1');
        expect(o.id, o.id).toMatch(STIX_ID);
        expect(o.id.startsWith(`${o.type}--`), o.id).toBe(true);
        expect(o.created, o.id).toMatch(STIX_TIME);
        if (o.type !== 'marking-definition') {
          expect(o.modified, o.id).toMatch(STIX_TIME);
          expect(Date.parse(o.modified as string) >= Date.parse(o.created as string), o.id).toBe(true);
        }
        for (const ref of [o.created_by_ref, ...((o.object_marking_refs as string[] | undefined) ?? []), o.source_ref, o.target_ref].filter(Boolean)) {
          expect(ids.has(ref as string), `${o.id} → ${String(ref)}`).toBe(true);
        }
      }
      const byType = (type: string) => bundle.objects.filter((o) => o.type === type);
      expect(byType('identity')).toHaveLength(1);
      expect(byType('identity')[0]).toMatchObject({ identity_class: 'organization', name: "Conseil national de l'Ordre des médecins" });
      expect(byType('marking-definition')).toEqual([
        expect.objectContaining({
          id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
          name: 'TLP:AMBER',
          extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber' } },
        }),
      ]);
      const [stixCampaign] = byType('campaign');
      expect(stixCampaign).toMatchObject({ name: `${campaign.reference} — ${campaign.label}`, first_seen: '2026-02-02T09:15:00.000Z', last_seen: '2026-02-10T17:40:00.000Z' });
      const indicators = byType('indicator');
      expect(indicators.map((i) => i.pattern).sort()).toEqual(
        [
          "[domain-name:value = 'ameli-remboursement.fr']",
          "[email-addr:value = 'contact@ameli-remboursement.fr']",
          "[x-phone-number:value = '+33612345678']",
          `[url:value = '=HYPERLINK("http://piege.example","clic")']`,
          "[url:value = 'https://ameli-remboursement.fr/l\\'accès\\\\suite']",
        ].sort(),
      );
      for (const i of indicators) {
        expect(i).toMatchObject({ pattern_type: 'stix', pattern_version: '2.1', valid_from: '2026-02-02T09:15:00.000Z', indicator_types: ['malicious-activity'] });
        expect(i.object_marking_refs).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
      }
      const relationships = byType('relationship');
      expect(relationships).toHaveLength(indicators.length);
      for (const r of relationships) expect(r).toMatchObject({ relationship_type: 'indicates', target_ref: stixCampaign!.id });
      expect(new Set(relationships.map((r) => r.source_ref))).toEqual(new Set(indicators.map((i) => i.id)));
      expect(JSON.stringify(bundle)).not.toMatch(/Lefèvre|Secretaire|NOTE-INTERNE|gmail\.com|bit\.ly/);
      expect((await expectAudited(t.database, 'campaigns.indicators.exported', campaign.id)).details).toMatchObject({ format: 'stix', count: 5 });
    });

    it('keeps the same identifiers from one export to the next, and marks with the chosen TLP', async () => {
      const first = await bundleOf('format=stix');
      const second = await bundleOf('format=stix&tlp=clear');
      expect(second.id).not.toBe(first.id);
      const contentIds = (b: typeof first) => b.objects.filter((o) => o.type !== 'marking-definition').map((o) => o.id).sort();
      expect(contentIds(second)).toEqual(contentIds(first));
      expect(first.objects.map((o) => o.id)).toContain(stixIndicatorId('phone', '+33612345678'));
      const marking = second.objects.find((o) => o.type === 'marking-definition');
      expect(marking).toMatchObject({ id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR' });
      for (const o of second.objects.filter((x) => x.type === 'indicator')) expect(o.object_marking_refs).toEqual([marking!.id]);
    });
  });

  describe('MISP', () => {
    it('is an event with the TLP tag and one attribute per indicator', async () => {
      const res = await parisAgent.get(exportUrl(campaign.id, 'format=misp&tlp=green'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="indicateurs-${campaign.reference}-TLP-GREEN.misp.json"`);
      const { Event: event } = res.json() as { Event: Record<string, unknown> & { Attribute: Record<string, unknown>[] } };
      expect(event).toMatchObject({
        info: `Vigie — ${campaign.reference} — ${campaign.label}`,
        date: '2026-02-02',
        threat_level_id: '2',
        analysis: '2',
        distribution: '1',
        published: false,
        Orgc: { name: "Conseil national de l'Ordre des médecins" },
        Tag: [{ name: 'tlp:green' }, { name: 'vigie:famille="assurance_maladie"' }],
      });
      expect(event.uuid).toMatch(new RegExp(`^${UUID}$`));
      expect(event.timestamp).toMatch(/^\d+$/);
      const attributes = Object.fromEntries(event.Attribute.map((a) => [a.value, a]));
      expect(Object.keys(attributes).sort()).toEqual(['+33612345678', '=HYPERLINK("http://piege.example","clic")', TRICKY_URL, 'ameli-remboursement.fr', 'contact@ameli-remboursement.fr'].sort());
      expect(attributes['+33612345678']).toMatchObject({ type: 'phone-number', category: 'Financial fraud', to_ids: false, distribution: '5' });
      expect(attributes['ameli-remboursement.fr']).toMatchObject({ type: 'domain', category: 'Network activity', to_ids: true });
      expect(attributes[TRICKY_URL]).toMatchObject({ type: 'url', category: 'Network activity', to_ids: true });
      expect(attributes['contact@ameli-remboursement.fr']).toMatchObject({ type: 'email-src', category: 'Payload delivery', to_ids: true });
      expect(attributes['+33612345678']!.comment).toBe(`Présent dans 2 signalements de la campagne ${campaign.reference}.`);
      for (const a of event.Attribute) {
        expect(a.uuid).toMatch(new RegExp(`^${UUID}$`));
        expect(a.first_seen).toBe('2026-02-02T09:15:00.000Z');
      }
      expect(res.body).not.toMatch(/Lefèvre|Secretaire|NOTE-INTERNE|gmail\.com/);
      expect((await expectAudited(t.database, 'campaigns.indicators.exported', campaign.id)).details).toMatchObject({ format: 'misp', count: 5, tlp: 'green' });
    });
  });

  describe('dossier PDF', () => {
    it('holds the facts, the reporter, the analysis, the copies with their fingerprints and the screenshots, not the notes', async () => {
      const before = (await auditEntries(t.database, 'reports.dossier.exported')).length;
      const res = await parisAgent.get(dossierUrl(named.id));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="dossier-${named.receiptNumber}.pdf"`);
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      const text = extractPdfFlatText(pdf);
      expect(text).toContain('Dossier de signalement — à joindre à une plainte');
      expect(text).toContain(`Reçu n° ${named.receiptNumber}`);
      expect(text).toContain('Hélène Lefèvre');
      expect(text).toContain('helene.lefevre@exemple.fr');
      expect(text).toContain('Assurance Maladie');
      expect(text).toContain('06 12 34 56 78');
      expect(text).toContain('https://ameli-remboursement.fr/dossier');
      expect(text).toContain('mettre à jour ma carte Vitale');
      expect(text).toContain('Fraude probable');
      expect(text).toMatch(/Score : \d{1,3} \/ 100/);
      expect(text).toContain('Le lien mène à ameli-remboursement.fr, qui imite ameli.fr (Assurance Maladie)');
      expect(text).toContain('Fausse Assurance Maladie (ameli, carte Vitale)');
      expect(text).toContain('votre remboursement de 42,50 € est en attente');
      expect(text).toContain(campaign.reference);
      expect(text).toContain('capture-sms.png');
      expect(text).toContain('photo-écran.jpg');
      expect(text).toContain('original.eml');
      const { createHash } = await import('node:crypto');
      expect(text).toContain(createHash('sha256').update(png).digest('hex'));
      expect(text).not.toContain('NOTE-INTERNE');
      expect(text).not.toContain('identité connue du conseil');
      expect(countPdfImages(pdf)).toBe(2);

      const entries = await auditEntries(t.database, 'reports.dossier.exported');
      expect(entries).toHaveLength(before + 1);
      expect(entries.at(-1)).toMatchObject({ entityType: 'report', entityId: named.id });
      expect(entries.at(-1)!.details).toEqual({ receiptNumber: named.receiptNumber, pseudonymous: false, attachments: 3, embeddedImages: 2 });
    });

    it("omits a pseudonymous reporter's identity", async () => {
      const res = await nationalAgent.get(dossierUrl(pseudonymous.id));
      expect(res.statusCode).toBe(200);
      const text = extractPdfFlatText(res.rawPayload);
      expect(text).toContain(pseudonymous.receiptNumber);
      expect(text).toContain('Déclarant : identité connue du conseil de l’Ordre, non communiquée');
      expect(text).not.toContain('Secretaire');
      expect(text).not.toContain('jean.secretaire');
      expect(res.rawPayload.toString('latin1')).not.toContain('Secretaire');
      expect(text).toContain('Aucune pièce jointe.');
      await expectAudited(t.database, 'reports.dossier.exported', pseudonymous.id);
    });

    it('lists a screenshot it cannot decode with its fingerprint and a note, without failing', async () => {
      const report = await buildReport(t.database, { departement: '75' });
      const broken = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
      await addAttachment(t.database, t.app.services.uploads, report.id, { bytes: broken, fileName: 'capture-abimee.png', mediaType: 'image/png' });
      const res = await parisAgent.get(dossierUrl(report.id));
      expect(res.statusCode).toBe(200);
      const text = extractPdfFlatText(res.rawPayload);
      expect(text).toContain('capture-abimee.png');
      expect(text).toContain('Cette image n’a pas pu être reproduite');
      expect(countPdfImages(res.rawPayload)).toBe(0);
    });

    it('prints characters outside the standard fonts as « ? » and says so', async () => {
      const report = await buildReport(t.database, { departement: '75', pastedText: 'Привет → cliquez ici 😀', description: 'Reçu\tun SMS' });
      const res = await parisAgent.get(dossierUrl(report.id));
      expect(res.statusCode).toBe(200);
      const text = extractPdfFlatText(res.rawPayload);
      expect(text).toContain('?????? ? cliquez ici ?');
      expect(text).toContain('Reçu un SMS');
      expect(text).toContain('ont été remplacés par « ? »');
    });
  });
});
