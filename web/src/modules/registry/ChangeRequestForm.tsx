import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TChangeRequestView, TContactChanges, TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { RadioGroupField, SelectField } from '../../components/fields.js';
import type { RadioOption } from '../../components/fields.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { useChangeRequestCreate } from './registry.api.js';
import { ContactFields, readContactChanges, unnestFieldErrors } from '../../components/registry/ContactFields.js';
import type { AgentChangeChannel } from '../../../../contracts/registry.schemas.js';
import { AGENT_CHANNEL_OPTIONS } from '../../components/registry/labels.js';

const ID = 'nouvelle-demande';
type Kind = 'contact_change' | 'transfer';

const KIND_OPTIONS: readonly RadioOption<Kind>[] = [
  { value: 'contact_change', label: 'Modification de coordonnées' },
  { value: 'transfer', label: 'Transfert vers un autre département' },
];

/**
 * Records a request received at the counter, by phone, email or letter. It changes nothing by itself:
 * it waits for the doctor to come in person with a passport or national identity card.
 */
export function ChangeRequestForm({ doctor, onCreated, onCancel }: {
  doctor: TDoctorRecord;
  onCreated: (request: TChangeRequestView) => void;
  onCancel: () => void;
}) {
  const create = useChangeRequestCreate();
  const [channel, setChannel] = useState<AgentChangeChannel | ''>('');
  const [kind, setKind] = useState<Kind>('contact_change');
  const [local, setLocal] = useState<FormErrors | null>(null);
  const serverErrors = toFormErrors(create.error);
  const shown = local ?? (serverErrors ? { ...serverErrors, fields: unnestFieldErrors(serverErrors.fields) } : null);
  const fields = shown?.fields ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const problems: Record<string, string> = {};
    if (!channel) problems.channel = 'Indiquez comment la demande a été reçue.';
    // Only an email or a phone is ever cleared (null); addresses are replaced.
    const changes = readContactChanges(form, doctor, ['corr', 'pro'], true) as TContactChanges;
    const targetDepartement = String(form.get('targetDepartement') ?? '');
    if (kind === 'contact_change' && Object.keys(changes).length === 0) {
      problems.corrAddress = 'Indiquez au moins une coordonnée à modifier.';
    }
    if (kind === 'transfer' && !targetDepartement) problems.targetDepartement = "Choisissez le département d'arrivée.";
    if (!channel || Object.keys(problems).length > 0) {
      setLocal({ message: 'La demande est incomplète.', fields: problems });
      return;
    }
    setLocal(null);
    create.mutate(
      kind === 'transfer'
        ? { doctorId: doctor.id, kind, channel, targetDepartement }
        : { doctorId: doctor.id, kind, channel, changes },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <FocusedHeading id={`${ID}-titre`}>Nouvelle demande de modification</FocusedHeading>
      <p>
        La demande est seulement enregistrée : la fiche ne change qu'après la vérification, en présence du médecin, de
        son passeport ou de sa carte nationale d'identité.
      </p>
      <FormError errors={shown} idPrefix={ID} />
      <RadioGroupField
        idPrefix={ID}
        name="channel"
        legend="Comment la demande a-t-elle été reçue ?"
        options={AGENT_CHANNEL_OPTIONS}
        value={channel}
        onChange={setChannel}
        error={fields.channel}
      />
      {channel && channel !== 'guichet' ? (
        <Notice tone="warning" title="Demande reçue à distance">
          <p>
            Un appel, un courriel ou un courrier ne prouve pas l'identité de son auteur : les usurpateurs utilisent ces
            canaux. La demande sera enregistrée, puis finalisée seulement quand le médecin se présentera avec son titre
            d'identité.
          </p>
        </Notice>
      ) : null}
      <RadioGroupField idPrefix={ID} name="kind" legend="Type de demande" options={KIND_OPTIONS} value={kind} onChange={setKind} />
      {kind === 'contact_change' ? (
        <>
          <p className="hint">Modifiez seulement ce qui change ; les autres champs restent tels qu'ils figurent sur la fiche.</p>
          <fieldset className="fieldset contact-fieldset">
            <legend>Coordonnées de correspondance</legend>
            <ContactFields idPrefix={ID} block="corr" current={doctor.corr} errors={fields} />
          </fieldset>
          <fieldset className="fieldset contact-fieldset">
            <legend>Coordonnées d'exercice</legend>
            <ContactFields idPrefix={ID} block="pro" current={doctor.pro} errors={fields} />
          </fieldset>
        </>
      ) : (
        <SelectField
          idPrefix={ID}
          name="targetDepartement"
          label="Département d'arrivée"
          defaultValue=""
          error={fields.targetDepartement}
        >
          <option value="">Choisir un département</option>
          <DepartementOptions />
        </SelectField>
      )}
      <FormActions submitLabel="Enregistrer la demande" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
