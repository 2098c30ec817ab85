import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { EntraideCommission, EntraideMemberRole } from '../../../../contracts/entraide.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useEndMandate, useGrantMandate, useMandates, useSeatCandidates, type Mandate } from './entraide-commission.api.js';
import { formatDay, parisToday } from './money.js';

const ID = 'mandat';
const COMMISSION_LABELS: Record<EntraideCommission, string> = {
  cde: "Commission départementale d'entraide",
  cne: "Commission nationale d'entraide",
};
const ROLE_LABELS: Record<EntraideMemberRole, string> = { president: 'Président·e (membre de droit)', membre: 'Membre' };
const COMMISSION_OPTIONS = (['cde', 'cne'] as const).map((value) => ({ value, label: COMMISSION_LABELS[value] }));
const ROLE_OPTIONS = (['membre', 'president'] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));

/** Commission seats: who may open cases, for which commission, until when. */
export function MandatesSection({ onDone }: { onDone: (message: string) => void }) {
  const mandates = useMandates();
  const [ending, setEnding] = useState<Mandate | null>(null);
  const today = parisToday();
  return (
    <section className="section" aria-labelledby="mandats-titre">
      <h2 id="mandats-titre">Mandats des commissions</h2>
      <p>
        Un membre n'ouvre les dossiers que pendant son mandat : le lendemain de sa fin, l'accès est fermé, sans autre action. Un
        siège à la commission départementale suppose un compte « membre de la commission départementale » du même département.
      </p>
      {mandates.isPending ? <Loading /> : null}
      {mandates.isError ? <FormError errors={toFormErrors(mandates.error)} idPrefix="mandats" /> : null}
      {mandates.data && mandates.data.mandates.length === 0 ? <p>Aucun mandat enregistré.</p> : null}
      {mandates.data && mandates.data.mandates.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="mandats-tableau" tabIndex={0}>
          <table className="table">
            <caption id="mandats-tableau">
              <span className="table__caption">Mandats, en cours et passés</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Membre</th>
                <th scope="col">Commission</th>
                <th scope="col">Rôle</th>
                <th scope="col">Du</th>
                <th scope="col">Au</th>
                <th scope="col">État</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {mandates.data.mandates.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.memberName}</th>
                  <td>{m.commission === 'cde' ? `CDE ${m.departement ?? ''}` : 'CNE'}</td>
                  <td>{ROLE_LABELS[m.role]}</td>
                  <td>{formatDay(m.startsOn, true)}</td>
                  <td>{formatDay(m.endsOn, true)}</td>
                  <td>{m.inForce ? <span className="badge badge--success">En cours</span> : m.startsOn > today ? <span className="badge">À venir</span> : <span className="badge badge--muted">Terminé</span>}</td>
                  <td>
                    {m.endsOn >= today ? (
                      <button type="button" className="button button--secondary button--small" onClick={() => setEnding(m)}>
                        Mettre fin<span className="visually-hidden"> au mandat de {m.memberName}</span>
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <GrantForm onDone={onDone} />
      {ending ? <EndMandateDialog mandate={ending} onDone={onDone} onClose={() => setEnding(null)} /> : null}
    </section>
  );
}

function GrantForm({ onDone }: { onDone: (message: string) => void }) {
  const grant = useGrantMandate();
  const [commission, setCommission] = useState<EntraideCommission>('cde');
  const [role, setRole] = useState<EntraideMemberRole>('membre');
  const [departement, setDepartement] = useState('');
  const [search, setSearch] = useState('');
  const [formKey, setFormKey] = useState(0);
  const candidates = useSeatCandidates(commission === 'cde' ? 'membre_cde' : 'membre_cne', departement, search);
  const errors = toFormErrors(grant.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const userId = String(form.get('userId') ?? '');
    const name = candidates.data?.items.find((u) => u.id === userId)?.displayName ?? 'Le membre';
    grant.mutate(
      {
        userId,
        commission,
        departement: commission === 'cde' ? departement : null,
        role,
        startsOn: String(form.get('startsOn') ?? ''),
        endsOn: String(form.get('endsOn') ?? ''),
      },
      {
        onSuccess: () => {
          setFormKey((k) => k + 1);
          onDone(`${name} siège désormais à la ${COMMISSION_LABELS[commission].toLowerCase()}${commission === 'cde' ? ` (${departement})` : ''}.`);
        },
      },
    );
  }

  return (
    <form key={formKey} className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h3 id={`${ID}-titre`}>Attribuer un mandat</h3>
      <FormError errors={errors} idPrefix={ID} />
      <RadioGroupField<EntraideCommission> idPrefix={ID} name="commission" legend="Commission" options={COMMISSION_OPTIONS} value={commission} onChange={setCommission} error={errors?.fields.commission} />
      {commission === 'cde' ? (
        <SelectField idPrefix={ID} name="departement" label="Département" required value={departement} onChange={(e) => setDepartement(e.currentTarget.value)} error={errors?.fields.departement}>
          <option value="">Choisir un département</option>
          <DepartementOptions />
        </SelectField>
      ) : null}
      <TextField
        idPrefix={ID}
        name="recherche"
        type="search"
        label="Rechercher un compte (facultatif)"
        hint="Nom ou adresse électronique, pour réduire la liste ci-dessous."
        autoComplete="off"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <SelectField
        idPrefix={ID}
        name="userId"
        label="Membre"
        required
        defaultValue=""
        hint={commission === 'cde' ? 'Comptes actifs « membre de la commission départementale » du département choisi.' : 'Comptes actifs « membre de la commission nationale ».'}
        error={errors?.fields.userId}
      >
        <option value="">{commission === 'cde' && !departement ? "Choisissez d'abord le département" : 'Choisir le membre'}</option>
        {(candidates.data?.items ?? []).map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} — {u.email}
          </option>
        ))}
      </SelectField>
      {candidates.isError ? <p className="field-error">{toFormErrors(candidates.error)?.message}</p> : null}
      <RadioGroupField<EntraideMemberRole> idPrefix={ID} name="role" legend="Rôle dans la commission" options={ROLE_OPTIONS} value={role} onChange={setRole} error={errors?.fields.role} />
      <TextField idPrefix={ID} name="startsOn" type="date" label="Début du mandat" required defaultValue={parisToday()} error={errors?.fields.startsOn} />
      <TextField idPrefix={ID} name="endsOn" type="date" label="Fin du mandat (incluse)" required hint="Par exemple le dernier jour de la mandature." error={errors?.fields.endsOn} />
      <FormActions submitLabel="Attribuer le mandat" pending={grant.isPending} />
    </form>
  );
}

function EndMandateDialog({ mandate, onDone, onClose }: { mandate: Mandate; onDone: (message: string) => void; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const end = useEndMandate(mandate.id);
  const errors = toFormErrors(end.error);
  const id = 'fin-mandat';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const endsOn = String(form.get('endsOn') ?? '');
    end.mutate(
      { endsOn, reason: String(form.get('reason') ?? '').trim() },
      {
        onSuccess: () => {
          onDone(`Le mandat de ${mandate.memberName} prend fin le ${formatDay(endsOn)} : l'accès aux dossiers est fermé dès le lendemain.`);
          dialogRef.current?.close();
        },
      },
    );
  }

  return (
    <Dialog title={`Mettre fin au mandat de ${mandate.memberName}`} onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          Démission, fin de fonctions au conseil… Le mandat s'arrête le jour choisi ; dès le lendemain, {mandate.memberName} n'ouvre
          plus aucun dossier. La fin anticipée est enregistrée dans le journal d'audit avec son motif.
        </p>
        <FormError errors={errors} idPrefix={id} />
        <TextField
          idPrefix={id}
          name="endsOn"
          type="date"
          label="Dernier jour du mandat"
          required
          defaultValue={parisToday()}
          min={parisToday()}
          max={mandate.endsOn}
          hint="Aujourd'hui au plus tôt : la fin d'un mandat n'est pas antidatée. Pour couper l'accès sur-le-champ, désactivez le compte."
          error={errors?.fields.endsOn}
        />
        <TextAreaField idPrefix={id} name="reason" label="Motif" required minLength={10} maxLength={500} hint="10 caractères au moins. Enregistré dans le journal d'audit." error={errors?.fields.reason} />
        <FormActions submitLabel="Mettre fin au mandat" danger pending={end.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}
