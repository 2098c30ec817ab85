import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DepartementOptions } from './DepartementOptions.js';

function renderPicker() {
  render(
    <label>
      Département
      <select defaultValue="">
        <option value="">Tous les départements</option>
        <DepartementOptions />
      </select>
    </label>,
  );
  return screen.getByRole('combobox', { name: 'Département' });
}

describe('DepartementOptions', () => {
  it('offers every département by its code and name, in order, after the select’s own first choice', () => {
    const options = within(renderPicker()).getAllByRole<HTMLOptionElement>('option');
    const codes = options.map((o) => o.value);
    expect(options[0]?.textContent).toBe('Tous les départements');
    expect(codes.slice(1, 4)).toEqual(['01', '02', '03']);
    expect(codes).toEqual(expect.arrayContaining(['2A', '2B', '95', '971', '972', '973', '974', '976']));
    // Corsica is 2A and 2B, never 20; Mayotte is the last one.
    expect(codes).not.toContain('20');
    expect(codes.at(-1)).toBe('976');
    expect(options.every((o) => o.value === '' || o.textContent?.startsWith(`${o.value} — `))).toBe(true);
    expect(options.find((o) => o.value === '75')?.textContent).toBe('75 — Paris');
    expect(options.find((o) => o.value === '2A')?.textContent).toBe('2A — Corse-du-Sud');
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lets a user pick one', async () => {
    const select = renderPicker();
    await userEvent.setup().selectOptions(select, '2B');
    expect(select).toHaveProperty('value', '2B');
  });
});
