import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { THelplines } from '../../../../contracts/entraide.schemas.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { SelectField, TextField, fieldId } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useHelplines, useSaveHelplines } from './entraide-commission.api.js';

const ID = 'lignes';

/** The helplines shown before any form, per département (the national default unless it set its own). */
export function HelplinesSection({ onDone }: { onDone: (message: string) => void }) {
  const [departement, setDepartement] = useState('');
  const helplines = useHelplines(departement);
  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Lignes d'écoute par département</h2>
      <p>
        Affichées sur la page publique « Entraide » avant tout formulaire, après les numéros d'urgence. Sans liste propre, un
        département montre les lignes nationales (SYNEXIAL et STIMULUS).
      </p>
      <SelectField idPrefix={ID} name="departement" label="Département" value={departement} onChange={(e) => setDepartement(e.currentTarget.value)}>
        <option value="">Choisir un département</option>
        <DepartementOptions />
      </SelectField>
      {departement && helplines.isPending ? <Loading /> : null}
      {helplines.isError ? <FormError errors={toFormErrors(helplines.error)} idPrefix={ID} /> : null}
      {departement && helplines.data ? (
        // Keyed by what the server holds: after a save, the rows start again from the answer.
        <HelplinesForm key={`${departement}-${JSON.stringify(helplines.data.helplines)}-${helplines.data.nationalDefault}`} departement={departement} current={helplines.data} onDone={onDone} />
      ) : null}
    </section>
  );
}

interface Row {
  key: number;
  name: string;
  purpose: string;
  number: string;
  hours: string;
}

function HelplinesForm({ departement, current, onDone }: { departement: string; current: THelplines; onDone: (message: string) => void }) {
  const save = useSaveHelplines(departement);
  const [rows, setRows] = useState<Row[]>(() => current.helplines.map((h, key) => ({ key, ...h })));
  const nextKey = useRef(rows.length);
  const errors = toFormErrors(save.error);
  const setRow = (key: number, change: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  function send(list: Row[], message: string) {
    // The form is keyed by what the server holds and remounts on success: mutate()'s own callbacks would be dropped.
    save.mutateAsync({ helplines: list.map(({ name, purpose, number, hours }) => ({ name, purpose, number, hours })) }).then(() => onDone(message), () => undefined);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(rows, `Les lignes d'écoute du département ${departement} sont enregistrées.`);
  }

  function addRow() {
    const key = nextKey.current++;
    const index = rows.length;
    setRows((all) => [...all, { key, name: '', purpose: '', number: '', hours: '' }]);
    requestAnimationFrame(() => document.getElementById(fieldId(ID, `helplines.${index}.name`))?.focus());
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-label={`Lignes d'écoute du département ${departement}`}>
      <p>
        {current.nationalDefault
          ? `Le département ${departement} montre aujourd'hui les lignes nationales. Modifiez-les ci-dessous pour lui donner sa propre liste.`
          : `Le département ${departement} a sa propre liste.`}
      </p>
      <FormError errors={errors} idPrefix={ID} />
      {rows.map((row, index) => (
        <fieldset key={row.key} className="subform">
          <legend>Ligne {index + 1}{row.name ? ` : ${row.name}` : ''}</legend>
          <TextField idPrefix={ID} name={`helplines.${index}.name`} label="Nom" maxLength={100} value={row.name} onChange={(e) => setRow(row.key, { name: e.currentTarget.value })} error={errors?.fields[`helplines.${index}.name`]} />
          <TextField idPrefix={ID} name={`helplines.${index}.purpose`} label="À quoi sert la ligne" maxLength={200} value={row.purpose} onChange={(e) => setRow(row.key, { purpose: e.currentTarget.value })} error={errors?.fields[`helplines.${index}.purpose`]} />
          <TextField idPrefix={ID} name={`helplines.${index}.number`} label="Numéro" type="tel" hint="Chiffres et espaces, par exemple 0800 288 038." value={row.number} onChange={(e) => setRow(row.key, { number: e.currentTarget.value })} error={errors?.fields[`helplines.${index}.number`]} />
          <TextField idPrefix={ID} name={`helplines.${index}.hours`} label="Horaires" maxLength={200} value={row.hours} onChange={(e) => setRow(row.key, { hours: e.currentTarget.value })} error={errors?.fields[`helplines.${index}.hours`]} />
          <button type="button" className="button button--ghost button--small" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
            Retirer la ligne {index + 1}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" className="button button--secondary button--small" onClick={addRow} disabled={rows.length >= 10}>
          Ajouter une ligne
        </button>
      </p>
      <FormActions submitLabel="Enregistrer les lignes" pending={save.isPending}>
        {!current.nationalDefault ? (
          <button type="button" className="button button--secondary" disabled={save.isPending} onClick={() => send([], `Le département ${departement} montre de nouveau les lignes nationales.`)}>
            Revenir aux lignes nationales
          </button>
        ) : null}
      </FormActions>
    </form>
  );
}
