import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test/render.js';
import type { FormErrors } from '../lib/form-errors.js';
import { PeriodFilterForm, usePeriodParams } from './PeriodFilterForm.js';

function StatsFilter({ errors = null, hint }: { errors?: FormErrors | null; hint?: string }) {
  const [period, setPeriod] = usePeriodParams();
  const location = useLocation();
  return (
    <>
      <PeriodFilterForm idPrefix="stats" period={period} onPeriod={setPeriod} fromLabel="Reçus à partir du" toLabel="Jusqu’au" hint={hint} errors={errors} />
      <output aria-label="Adresse">{location.search}</output>
    </>
  );
}

describe('PeriodFilterForm', () => {
  it('reads the period from the address and writes back only the dates given', async () => {
    renderWithApp(<StatsFilter />, { path: '/statistiques?du=2026-01-01&au=2026-03-31' });
    const from = screen.getByLabelText<HTMLInputElement>('Reçus à partir du');
    const to = screen.getByLabelText<HTMLInputElement>('Jusqu’au');
    expect([from.value, to.value]).toEqual(['2026-01-01', '2026-03-31']);

    const user = userEvent.setup();
    await user.clear(to);
    await user.clear(from);
    await user.type(from, '2026-02-01');
    await user.click(screen.getByRole('button', { name: 'Afficher' }));
    expect(screen.getByRole('status', { name: 'Adresse' }).textContent).toBe('?du=2026-02-01');
    expect(screen.getByLabelText<HTMLInputElement>('Reçus à partir du').value).toBe('2026-02-01');
    expect(screen.getByLabelText<HTMLInputElement>('Jusqu’au').value).toBe('');
  });

  it('shows the server’s refusal by the field it names, with a link to it, and the form’s note', () => {
    const errors = { message: 'Certaines informations sont invalides.', fields: { to: 'La date de début doit précéder la date de fin.' } };
    renderWithApp(<StatsFilter errors={errors} hint="La période est élargie aux mois entiers." />, { path: '/statistiques' });
    expect(screen.getByRole('alert').textContent).toContain('Certaines informations sont invalides.');
    const link = screen.getByRole('link', { name: 'La date de début doit précéder la date de fin.' });
    expect(link.getAttribute('href')).toBe(`#${screen.getByLabelText('Jusqu’au').id}`);
    expect(screen.getByLabelText('Jusqu’au').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Reçus à partir du').getAttribute('aria-invalid')).not.toBe('true');
    expect(screen.getByText('La période est élargie aux mois entiers.')).toBeTruthy();
  });

  it('has no error summary and no note when there is none', () => {
    renderWithApp(<StatsFilter />, { path: '/statistiques' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('form', { name: 'Période des statistiques' }).querySelector('.hint')).toBeNull();
  });
});
