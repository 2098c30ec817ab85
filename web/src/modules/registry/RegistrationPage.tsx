import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TChangeRequestView, TRegistrationCreate } from '../../../../contracts/registry.schemas.js';
import { Page } from '../../components/Page.js';
import { RadioGroupField, SelectField, TextField } from '../../components/fields.js';
import type { RadioOption } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { api, toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { SpecialtyOptions } from '../../components/SpecialtyOptions.js';
import { AGENT_CHANNEL_OPTIONS } from '../../components/registry/labels.js';
import { RegistryNav } from './RegistryNav.js';
import { RequestRecordedNotice } from './RequestRecordedNotice.js';

const ID = 'inscription';
type Channel = TRegistrationCreate['channel'];
const STATUS_OPTIONS: readonly RadioOption<TRegistrationCreate['status']>[] = [
  { value: 'inscrit', label: 'Médecin' },
  { value: 'etudiant_3e_cycle', label: 'Étudiant de 3e cycle (docteur junior)' },
];

/** A new registration: recorded here, created only after the in-person identity check. */
export function RegistrationPage() {
  const { data: session } = useSession();
  const national = session?.user?.departement === null;
  const [channel, setChannel] = useState<Channel | ''>('');
  const [status, setStatus] = useState<TRegistrationCreate['status']>('inscrit');
  const create = useMutation({
    mutationFn: ({ body, departement }: { body: Partial<TRegistrationCreate>; departement: string }) =>
      api.post<TChangeRequestView>(`/api/registry/registrations${toQueryString({ departement })}`, body),
  });
  const errors = toFormErrors(create.error);
  const fields = errors?.fields ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const optional = (name: string) => text(name) || undefined;
    create.mutate({
      departement: text('departement'),
      body: {
        ...(channel ? { channel } : {}),
        rpps: text('rpps'),
        birthName: text('birthName'),
        usageName: optional('usageName'),
        firstNames: text('firstNames'),
        specialty: text('specialty'),
        status,
        corrAddress: text('corrAddress'),
        corrPostalCode: text('corrPostalCode'),
        corrCity: text('corrCity'),
        corrEmail: optional('corrEmail'),
        corrPhone: optional('corrPhone'),
      },
    });
  }

  return (
    <Page title="Nouvelle inscription" heading="Nouvelle inscription au tableau">
      <RegistryNav />
      {create.data ? (
        <RequestRecordedNotice request={create.data} />
      ) : (
        <form className="form card" noValidate onSubmit={onSubmit}>
          <p>
            L'inscription est seulement enregistrée : la fiche n'est créée qu'après la vérification, en présence de la personne,
            de son passeport ou de sa carte nationale d'identité.
          </p>
          <FormError errors={errors} idPrefix={ID} />
          <RadioGroupField idPrefix={ID} name="channel" legend="Comment la demande a-t-elle été reçue ?" options={AGENT_CHANNEL_OPTIONS} value={channel} onChange={setChannel} error={fields.channel} />
          <RadioGroupField idPrefix={ID} name="status" legend="Inscription de" options={STATUS_OPTIONS} value={status} onChange={setStatus} error={fields.status} />
          <TextField idPrefix={ID} name="rpps" label="Numéro RPPS" inputMode="numeric" maxLength={11} required hint="11 chiffres" error={fields.rpps} />
          <TextField idPrefix={ID} name="birthName" label="Nom de naissance" required maxLength={100} error={fields.birthName} />
          <TextField idPrefix={ID} name="usageName" label="Nom d'usage (s'il diffère)" maxLength={100} error={fields.usageName} />
          <TextField idPrefix={ID} name="firstNames" label="Prénoms" required maxLength={150} error={fields.firstNames} />
          <SelectField idPrefix={ID} name="specialty" label="Spécialité" defaultValue="" hint="Liste officielle des spécialités ordinales" error={fields.specialty}>
            <option value="">Non renseignée</option>
            <SpecialtyOptions />
          </SelectField>
          {national ? (
            <SelectField idPrefix={ID} name="departement" label="Département d'inscription" defaultValue="" error={fields.departement}>
              <option value="">Choisir un département</option>
              <DepartementOptions />
            </SelectField>
          ) : null}
          <fieldset className="fieldset contact-fieldset">
            <legend>Coordonnées de correspondance</legend>
            <TextField idPrefix={ID} name="corrAddress" label="Adresse" maxLength={300} error={fields.corrAddress} />
            <TextField idPrefix={ID} name="corrPostalCode" label="Code postal" inputMode="numeric" maxLength={5} error={fields.corrPostalCode} />
            <TextField idPrefix={ID} name="corrCity" label="Ville" maxLength={100} error={fields.corrCity} />
            <TextField idPrefix={ID} name="corrEmail" label="Adresse électronique de correspondance" type="email" inputMode="email" autoComplete="off" spellCheck={false} error={fields.corrEmail} />
            <TextField idPrefix={ID} name="corrPhone" label="Téléphone de correspondance" type="tel" autoComplete="off" error={fields.corrPhone} />
          </fieldset>
          <FormActions submitLabel="Enregistrer l'inscription" pending={create.isPending} />
        </form>
      )}
    </Page>
  );
}
