import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_TEMPLATE_PLACEHOLDER, ALERT_TEMPLATES } from '../../../contracts/alert-templates.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, type TestUser } from '../../test/factories.js';
import { frenchTypography } from '../../../contracts/typography.js';

// Four eyes, told by mail: the approvers in scope learn that an alert waits for them, the drafter learns
// what became of it; and a template's placeholder never reaches doctors.

describe('alerts: the second agent is told, and so is the drafter', () => {
  let t: TestApp;
  let drafter: TestUser;
  let approver: TestUser;
  let national: TestUser;
  let elsewhere: TestUser;
  let drafterClient: TestClient;
  let approverClient: TestClient;

  const draft = (title: string, over: Record<string, unknown> = {}) => ({
    title,
    situation: 'Des médecins reçoivent des appels se présentant comme l’ANS.',
    whatToDo: 'Raccrochez.',
    whatNotToDo: '',
    audience: { scope: 'departements', departements: ['75'] },
    ...over,
  });
  const mailsTo = (user: TestUser, title: string) => t.catcher.messages.filter((m) => m.to.includes(user.user.email) && m.subject.includes(title));

  beforeAll(async () => {
    t = await buildTestApp();
    drafter = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    approver = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    national = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    elsewhere = await buildUser(t.database, t.keys, { role: 'agent', departement: '13' });
    drafterClient = new TestClient(t.app);
    await drafterClient.login(t.database, drafter);
    approverClient = new TestClient(t.app);
    await approverClient.login(t.database, approver);
  });
  afterAll(() => t.close());

  it('tells every agent who may approve a submitted alert, not its drafter nor an agent outside its audience', async () => {
    const title = 'Faux appels ANS — quatre yeux';
    const created = (await drafterClient.post('/api/alerts', draft(title))).json();
    expect((await drafterClient.post(`/api/alerts/${created.id}/submit`)).statusCode).toBe(200);
    const request = await t.catcher.waitFor((m) => m.to.includes(approver.user.email) && m.subject.includes(title));
    expect(request.subject).toBe(frenchTypography(`Vigie — une alerte attend votre approbation : ${title}`));
    expect(request.text).toContain(`/alertes/gestion/${created.id}`);
    expect(request.headers['auto-submitted']).toBe('auto-generated');
    await t.catcher.waitFor((m) => m.to.includes(national.user.email) && m.subject.includes(title));
    expect(mailsTo(drafter, title)).toEqual([]);
    expect(mailsTo(elsewhere, title)).toEqual([]);

    expect((await approverClient.post(`/api/alerts/${created.id}/approve`)).statusCode).toBe(200);
    const approved = await t.catcher.waitFor((m) => m.to.includes(drafter.user.email) && m.subject.includes(title));
    expect(approved.subject).toBe(frenchTypography(`Vigie — votre alerte est approuvée : ${title}`));
  });

  it('tells the drafter when the alert is returned', async () => {
    const title = 'Faux appels ANS — renvoyée';
    const created = (await drafterClient.post('/api/alerts', draft(title))).json();
    await drafterClient.post(`/api/alerts/${created.id}/submit`);
    expect((await approverClient.post(`/api/alerts/${created.id}/return`, { comment: 'Précisez le numéro appelant.' })).statusCode).toBe(200);
    const returned = await t.catcher.waitFor((m) => m.to.includes(drafter.user.email) && m.subject.includes(title));
    expect(returned.subject).toBe(frenchTypography(`Vigie — votre alerte vous est renvoyée : ${title}`));
  });

  it('refuses to submit a draft that still carries a template’s placeholder, naming the fields', async () => {
    const template = ALERT_TEMPLATES.certification_periodique;
    const created = (await drafterClient.post('/api/alerts', { ...template, audience: { scope: 'departements', departements: ['75'] } })).json();
    const refused = await drafterClient.post(`/api/alerts/${created.id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields).toEqual([{ path: 'situation', message: 'Complétez le passage entre crochets du modèle avant de soumettre l’alerte.' }]);
    const completed = { ...template, situation: template.situation.replace(ALERT_TEMPLATE_PLACEHOLDER, 'Depuis lundi, par téléphone.'), audience: { scope: 'departements', departements: ['75'] } };
    expect((await drafterClient.request('PUT', `/api/alerts/${created.id}`, completed)).statusCode).toBe(200);
    expect((await drafterClient.post(`/api/alerts/${created.id}/submit`)).statusCode).toBe(200);
  });
});
