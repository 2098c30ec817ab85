import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DepartementPicker } from './DepartementPicker.js';

function Harness({ initial = '', emptyLabel, onChange }: { initial?: string; emptyLabel?: string; onChange: (code: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <form aria-label="Essai" onSubmit={(event) => event.preventDefault()}>
      <DepartementPicker
        idPrefix="essai"
        name="departement"
        label="Département"
        value={value}
        emptyLabel={emptyLabel}
        hint="Numéro ou nom"
        onChange={(code) => {
          setValue(code);
          onChange(code);
        }}
      />
      <button type="submit">Envoyer</button>
    </form>
  );
}

function setup(props: { initial?: string; emptyLabel?: string } = {}) {
  const onChange = vi.fn<(code: string) => void>();
  render(<Harness {...props} onChange={onChange} />);
  const input = screen.getByRole('combobox', { name: 'Département' });
  const shown = () => within(screen.getByRole('listbox', { hidden: true })).queryAllByRole('option', { hidden: true }).map((o) => o.textContent);
  const hidden = () => (screen.getByRole('form', { name: 'Essai' }) as HTMLFormElement).elements.namedItem('departement') as HTMLInputElement;
  return { input, onChange, shown, hidden, user: userEvent.setup() };
}

describe('DepartementPicker', () => {
  it('shows the current choice as « number — name »', () => {
    const { input, hidden } = setup({ initial: '75' });
    expect(input).toHaveProperty('value', '75 — Paris');
    expect(hidden().value).toBe('75');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('finds Corsica by name and the overseas départements by number', async () => {
    const { input, shown, user } = setup();
    await user.type(input, 'Corse');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(shown()).toEqual(['2A — Corse-du-Sud', '2B — Haute-Corse']);
    await user.clear(input);
    await user.type(input, '97');
    expect(shown()).toEqual(['971 — Guadeloupe', '972 — Martinique', '973 — Guyane', '974 — La Réunion', '975 — Saint-Pierre-et-Miquelon', '976 — Mayotte']);
    expect(screen.getByText('6 départements proposés.')).toBeTruthy();
  });

  it('starts a new search when one types over the shown choice', async () => {
    const { input, shown, user } = setup({ initial: '13', emptyLabel: 'National' });
    await user.type(input, 'corse');
    expect(input).toHaveProperty('value', 'corse');
    expect(shown()).toEqual(['2A — Corse-du-Sud', '2B — Haute-Corse']);
  });

  it('picks with the mouse or the keyboard, Enter not submitting the form', async () => {
    const { input, onChange, hidden, user } = setup();
    await user.type(input, 'corse');
    await user.click(screen.getByRole('option', { name: '2B — Haute-Corse' }));
    expect(onChange).toHaveBeenLastCalledWith('2B');
    expect(input).toHaveProperty('value', '2B — Haute-Corse');
    expect(hidden().value).toBe('2B');

    await user.clear(input);
    await user.type(input, 'herau');
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: '34 — Hérault' }).id);
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('34');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await user.type(input, 'gir');
    await user.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Escape}');
    expect(input).toHaveProperty('value', '34 — Hérault');
  });

  it('takes a typed number or name when it designates one département, and undoes anything else with a message', async () => {
    const { input, onChange, hidden, user } = setup({ initial: '75' });
    await user.clear(input);
    await user.type(input, '2a');
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith('2A');
    expect(input).toHaveProperty('value', '2A — Corse-du-Sud');

    await user.clear(input);
    await user.type(input, 'Atlantide');
    expect(screen.getByText('Aucun département ne correspond.')).toBeTruthy();
    await user.tab();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(hidden().value).toBe('2A');
    expect(input).toHaveProperty('value', '2A — Corse-du-Sud');
    const note = screen.getByText(/« Atlantide » ne désigne aucun département/);
    expect(input.getAttribute('aria-describedby')).toContain(note.id);
  });

  it('offers the empty choice first when it has one, and an emptied field chooses it', async () => {
    const { input, onChange, shown, user } = setup({ initial: '13', emptyLabel: 'National' });
    await user.click(input);
    expect(shown().slice(0, 2)).toEqual(['National', '01 — Ain']);
    expect(shown()).toHaveLength(103);
    await user.clear(input);
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(input).toHaveProperty('value', 'National');
  });
});
