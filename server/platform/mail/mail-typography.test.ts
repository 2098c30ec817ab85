import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { SYSTEM_CONTEXT } from '../audit/audit.js';
import { fileReport } from '../../modules/reports/index.js';

// A real mail on the wire: the receipt of a report, built by report-mails.ts with plain spaces, goes
// through the outbox and the mail worker and reaches the SMTP catcher typeset.

const NBSP = '\u00A0';

describe('the typography of the mail Vigie sends', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('sends the report receipt with no-break spaces and the typographic apostrophe, its follow link unchanged', async () => {
    const filed = await fileReport(t.app.services, SYSTEM_CONTEXT, {
      source: 'courriel',
      channel: 'courriel',
      description: 'Courriel reçu au cabinet.',
      reporter: { email: 'secretariat@cabinet-exemple.fr', confirmed: true },
      attachments: [],
    });
    const mail = await t.catcher.waitFor((m) => m.to.includes('secretariat@cabinet-exemple.fr') && m.subject.includes(filed.receiptNumber));

    expect(mail.subject).toBe(`Vigie — signalement reçu${NBSP}: ${filed.receiptNumber}`);
    expect(mail.text).toContain(`L’Ordre des médecins a bien reçu`);
    expect(mail.text).toContain(`Votre numéro de reçu est ${filed.receiptNumber}${NBSP}: rappelez-le`);
    expect(mail.text).toContain(`(ne le transmettez pas)${NBSP}: http`);
    expect(mail.text).toContain(`/suivi?recu=${filed.receiptNumber}&jeton=${filed.followToken}\n`);
    expect(mail.text).not.toMatch(/ [:;!?»]|« /);
    expect(mail.headers['auto-submitted']).toBe('auto-replied');
  });
});
