import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { DecisionForm } from './DecisionForm.js';
import { quorumOf, toDecision, type DecisionFields } from './decision-form.js';
import { formatEuros, parseEuros } from './money.js';

const CASE_ID = '0b6f9a2e-8f57-4a8e-9d7e-2f1c3a4b5c6d';
const fields: DecisionFields = {
  kind: 'aide_financiere',
  decidedOn: '2026-03-12',
  amount: '1 500,50',
  aidForm: 'secours',
  membersSeated: '5',
  membersPresent: '4',
  for: '3',
  against: '0',
  abstentions: '1',
  note: '  Secours exceptionnel. ',
};

describe('amounts in euros', () => {
  it('reads the ways a French member types an amount, in cents', () => {
    expect(parseEuros('1 500,50')).toBe(150_050);
    expect(parseEuros('1\u202f500,5 €')).toBe(150_050);
    expect(parseEuros('1500.05')).toBe(150_005);
    expect(parseEuros('800')).toBe(80_000);
    expect(parseEuros('0,07')).toBe(7);
  });

  it('refuses what is not an amount rather than guessing', () => {
    for (const text of ['', 'mille', '-20', '12,345', '1,500,00', '12 €50']) expect(parseEuros(text), text).toBeNull();
  });

  it('formats cents back as euros', () => {
    expect(formatEuros(150_050).replace(/\s/g, ' ')).toBe('1 500,50 €');
  });
});

describe('the decision form’s model', () => {
  it('sends the amount in cents, the form of aid and the vote as integers', () => {
    expect(toDecision(fields)).toEqual({
      decision: {
        kind: 'aide_financiere',
        decidedOn: '2026-03-12',
        amountCents: 150_050,
        aidForm: 'secours',
        vote: { membersSeated: 5, membersPresent: 4, for: 3, against: 0, abstentions: 1 },
        note: 'Secours exceptionnel.',
      },
    });
  });

  it('sends no amount for a decision that is not a financial aid', () => {
    const result = toDecision({ ...fields, kind: 'accompagnement', amount: 'n’importe quoi', aidForm: '' });
    expect(result).toMatchObject({ decision: { kind: 'accompagnement' } });
    expect('decision' in result && 'amountCents' in result.decision).toBe(false);
  });

  it('states the quorum rule: more than half the seated members present', () => {
    expect(quorumOf(5, 3)).toEqual({ required: 3, reached: true });
    expect(quorumOf(5, 2)).toEqual({ required: 3, reached: false });
    expect(quorumOf(4, 2)).toEqual({ required: 3, reached: false });
    expect(quorumOf(4, 3)).toEqual({ required: 3, reached: true });
  });

  it('names each field to correct, with the server’s paths', () => {
    expect(toDecision({ ...fields, amount: 'mille' })).toEqual({ errors: { amountCents: expect.stringContaining('euros') } });
    expect(toDecision({ ...fields, aidForm: '' })).toEqual({ errors: { aidForm: expect.any(String) } });
    expect(toDecision({ ...fields, for: '4' })).toEqual({ errors: { vote: expect.stringContaining('membres présents (4)') } });
    expect(toDecision({ ...fields, membersPresent: '2', for: '2', abstentions: '0' })).toEqual({ errors: { 'vote.membersPresent': expect.stringContaining('Quorum non atteint') } });
    expect(toDecision({ ...fields, membersSeated: 'cinq' })).toEqual({ errors: { 'vote.membersSeated': 'Saisissez un nombre entier.' } });
  });
});

describe('the decision form', () => {
  it('turns the euros typed into cents and sends the vote', async () => {
    const sent = stubFetch({ [`POST /api/entraide/cases/${CASE_ID}/decisions`]: { body: {} } });
    renderWithApp(<DecisionForm caseId={CASE_ID} onDone={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Montant de l'aide, en euros"), '2 400,75');
    await user.selectOptions(screen.getByLabelText("Forme de l'aide"), 'pret_d_honneur');
    await user.type(screen.getByLabelText('Membres en exercice'), '5');
    await user.type(screen.getByLabelText('Membres présents'), '3');
    expect(screen.getByText(/soit 3 sur 5\. Quorum atteint\./)).toBeTruthy();
    await user.type(screen.getByLabelText('Voix pour'), '2');
    await user.clear(screen.getByLabelText('Abstentions'));
    await user.type(screen.getByLabelText('Abstentions'), '1');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la décision' }));

    const body = sent.find((r) => r.path.endsWith('/decisions'))?.body;
    expect(body).toMatchObject({ kind: 'aide_financiere', amountCents: 240_075, aidForm: 'pret_d_honneur', vote: { membersSeated: 5, membersPresent: 3, for: 2, against: 0, abstentions: 1 } });
  });

  it('says the quorum is not reached and sends nothing', async () => {
    const sent = stubFetch({});
    renderWithApp(<DecisionForm caseId={CASE_ID} onDone={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Accompagnement par la commission' }));
    await user.type(screen.getByLabelText('Membres en exercice'), '6');
    await user.type(screen.getByLabelText('Membres présents'), '3');
    expect(screen.getByText(/soit 4 sur 6\. Quorum non atteint/)).toBeTruthy();
    await user.type(screen.getByLabelText('Voix pour'), '3');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la décision' }));

    expect(await screen.findByRole('link', { name: /Quorum non atteint : 4 membres présents au moins sur 6/ })).toBeTruthy();
    expect(sent).toEqual([]);
  });
});
