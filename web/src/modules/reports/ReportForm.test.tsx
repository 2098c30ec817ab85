import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ReportPrefill } from '../../components/reports/report-prefill.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { ReportForm } from './ReportForm.js';
import type { ReportSubmission, TReportLimits } from './reports.api.js';

const LIMITS: TReportLimits = {
  maxFileBytes: 1024,
  maxFileLabel: '1 Ko',
  maxFiles: 2,
  acceptedLabel: 'texte (.txt)',
  accept: '.txt,text/plain',
};

type Submitted = [ReportSubmission, string | null];

function renderForm({ asDoctor = true, prefill = null, errors = null }: { asDoctor?: boolean; prefill?: ReportPrefill | null; errors?: FormErrors | null } = {}) {
  const onSubmit = vi.fn<(submission: ReportSubmission, email: string | null) => void>();
  render(<ReportForm asDoctor={asDoctor} limits={LIMITS} prefill={prefill} errors={errors} pending={false} onSubmit={onSubmit} />);
  return { onSubmit, user: userEvent.setup() };
}

/** The texts a field points to with aria-describedby (its hint and its error). */
function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

const send = () => screen.getByRole('button', { name: 'Envoyer le signalement' });

describe('ReportForm', () => {
  it('asks for the number of a call and no sender; the fields follow the channel chosen', async () => {
    const { user } = renderForm();
    expect(screen.getByRole('radio', { name: 'Appel téléphonique' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('Numéro qui vous a appelé (facultatif)')).toBeTruthy();
    expect(screen.queryByLabelText(/Expéditeur|expéditeur/)).toBeNull();
    expect(description(screen.getByLabelText('Copie des échanges (facultatif)'))).toContain("Notez ce que l'interlocuteur a dit");

    await user.click(screen.getByRole('radio', { name: 'Courriel' }));
    expect(screen.getByLabelText("Adresse électronique de l'expéditeur (facultatif)")).toBeTruthy();
    expect(screen.queryByLabelText(/^Numéro/)).toBeNull();
    expect(description(screen.getByLabelText('Copie des échanges (facultatif)'))).toContain('joignez le fichier .eml ou .msg');

    await user.click(screen.getByRole('radio', { name: 'SMS' }));
    expect(screen.getByLabelText("Numéro de l'expéditeur du SMS (facultatif)")).toBeTruthy();
    expect(screen.queryByLabelText(/expéditeur \(facultatif\)$/)).toBeNull();
  });

  it('sends what a doctor typed: links one per line, checked consequences, and only the fields of the channel', async () => {
    const { user, onSubmit } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Courriel' }));
    await user.type(screen.getByLabelText("Adresse électronique de l'expéditeur (facultatif)"), 'faux@exemple.fr');
    // Switching channel hides the sender: it is not sent.
    await user.click(screen.getByRole('radio', { name: 'SMS' }));
    await user.type(screen.getByLabelText("Numéro de l'expéditeur du SMS (facultatif)"), '06 12 34 56 78');
    await user.type(screen.getByLabelText("Nom de l'organisme annoncé (facultatif)"), 'Certification périodique');
    await user.type(screen.getByLabelText('Liens reçus (facultatif)'), ' https://a.example/x \n\n https://b.example ');
    await user.type(screen.getByLabelText("Ce qui s'est passé"), 'Menace de radiation.');
    await user.click(screen.getByLabelText("J'ai donné mes coordonnées bancaires (carte, RIB)"));
    await user.click(screen.getByLabelText(/Je souhaite rester anonyme/));
    await user.click(send());

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const [submission, email] = onSubmit.mock.calls[0] as Submitted;
    expect(email).toBeNull();
    expect(submission).toEqual({
      asDoctor: true,
      files: [],
      body: {
        channel: 'sms',
        occurredOn: null,
        organisationName: 'Certification périodique',
        callerNumber: '06 12 34 56 78',
        sender: '',
        links: ['https://a.example/x', 'https://b.example'],
        description: 'Menace de radiation.',
        pastedText: '',
        consequences: ['coordonnees_bancaires'],
        pseudonymous: true,
      },
    });
  });

  it('without an account, refuses a missing address: summary, message on the field, focus on it, nothing sent', async () => {
    const { user, onSubmit } = renderForm({ asDoctor: false });
    await user.type(screen.getByLabelText("Ce qui s'est passé"), 'Appel suspect.');
    await user.click(send());

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Certaines informations sont invalides. Corrigez les champs signalés.');
    expect(screen.getByRole('link', { name: 'Adresse électronique invalide.' }).getAttribute('href')).toBe('#signaler-email');
    const email = screen.getByLabelText('Adresse électronique');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toContain('Adresse électronique invalide.');
    expect(document.activeElement).toBe(email);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('without an account, sends the address, name and département, and hands the address back for the receipt', async () => {
    const { user, onSubmit } = renderForm({ asDoctor: false });
    await user.type(screen.getByLabelText('Adresse électronique'), 'dr.martin@exemple.fr');
    await user.type(screen.getByLabelText('Votre nom (facultatif)'), 'Dr Martin');
    await user.selectOptions(screen.getByLabelText("Votre département d'exercice (facultatif)"), '2A');
    await user.type(screen.getByLabelText('Copie des échanges (facultatif)'), 'Bonjour docteur…');
    await user.click(send());

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const [submission, email] = onSubmit.mock.calls[0] as Submitted;
    expect(email).toBe('dr.martin@exemple.fr');
    expect(submission.asDoctor).toBe(false);
    expect(submission.body).toMatchObject({ channel: 'telephone', email: 'dr.martin@exemple.fr', name: 'Dr Martin', departement: '2A', pastedText: 'Bonjour docteur…' });
  });

  it('shows the server’s errors beside their fields, « links.3 » on the links', () => {
    renderForm({
      errors: {
        message: 'Certaines informations sont invalides. Corrigez les champs signalés.',
        fields: { 'links.3': 'Lien trop long (2 048 caractères au plus).', description: 'Décrivez ce qui s’est passé, collez la copie des échanges ou joignez un fichier.' },
      },
    });
    expect(screen.getByRole('alert').textContent).toContain('Certaines informations sont invalides.');
    const links = screen.getByLabelText('Liens reçus (facultatif)');
    expect(links.getAttribute('aria-invalid')).toBe('true');
    expect(description(links)).toContain('Lien trop long (2 048 caractères au plus).');
    expect(description(screen.getByLabelText("Ce qui s'est passé"))).toContain('Décrivez ce qui s’est passé');
    expect(screen.getByLabelText("Nom de l'organisme annoncé (facultatif)").getAttribute('aria-invalid')).toBeNull();
  });

  it('starts from the checked message when one is handed over', () => {
    renderForm({
      prefill: { channel: 'sms', pastedText: 'Votre certification expire.', callerNumber: '+33612345678', sender: '', links: ['https://x.example', 'https://y.example'] },
    });
    expect(screen.getByRole('radio', { name: 'SMS' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('Copie des échanges (facultatif)')).toHaveProperty('value', 'Votre certification expire.');
    expect(screen.getByLabelText("Numéro de l'expéditeur du SMS (facultatif)")).toHaveProperty('value', '+33612345678');
    expect(screen.getByLabelText('Liens reçus (facultatif)')).toHaveProperty('value', 'https://x.example\nhttps://y.example');
  });

  it('sends the chosen files and refuses one over the size limit, saying why', async () => {
    const { user, onSubmit } = renderForm();
    const input = screen.getByLabelText('Copies des échanges (facultatif)');
    const small = new File(['Bonjour docteur'], 'sms.txt', { type: 'text/plain' });
    const big = new File(['x'.repeat(2048)], 'gros.txt', { type: 'text/plain' });
    await user.upload(input, [small, big]);

    expect(screen.getByText('sms.txt')).toBeTruthy();
    expect(screen.queryByText('gros.txt')).toBeNull();
    expect(description(input)).toContain('Le fichier « gros.txt » pèse 2 ko : 1 Ko au maximum par fichier.');
    await user.click(send());

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const [submission] = onSubmit.mock.calls[0] as Submitted;
    expect(submission.files).toEqual([small]);
    // The picker's refusal stays shown until the next choice.
    expect(description(input)).toContain('Le fichier « gros.txt »');

    // jsdom's name computation drops the space before the visually hidden part (« Retirerle fichier… »).
    await user.click(screen.getByRole('button', { name: /^Retirer ?le fichier sms\.txt$/ }));
    expect(screen.queryByText('sms.txt')).toBeNull();
    expect(document.activeElement).toBe(input);
  });
});
