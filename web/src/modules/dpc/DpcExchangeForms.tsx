import { useState, type FormEvent } from 'react';
import {
  DPC_EXCHANGE_DIRECTION_LABELS,
  DPC_EXCHANGE_DIRECTIONS,
  DPC_RECORDED_EXCHANGE_KINDS,
  DPC_TRANSMISSION_PARTNER_PHRASES,
  type DpcExchangeDirection,
  type DpcTransmissionPartner,
} from '../../../../contracts/dpc-exchanges.schemas.js';
import {
  DPC_EXCHANGE_KIND_LABELS,
  DPC_PARTNER_LABELS,
  DPC_PARTNERS,
  DPC_SIGNALEMENT_LIMITS,
  type DpcPartner,
} from '../../../../contracts/dpc-signalements.schemas.js';
import { FormError } from '../../components/FormError.js';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { formatDateTime } from '../../lib/format.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useCreatePackage, useRecordExchange, type TDpcExchangeEntry } from './dpc-exchanges.api.js';
import { LabelledOptions } from '../../components/filters.js';

type RecordedKind = (typeof DPC_RECORDED_EXCHANGE_KINDS)[number];

/**
 * The package for one decided transmission: the facts pre-filled for the agent to rewrite (removing what
 * identifies the reporter), then prepared, recorded and offered for download.
 */
export function PackageForm({ signalementId, partner, draftFacts, onSent }: {
  signalementId: string;
  partner: DpcTransmissionPartner;
  draftFacts: string;
  onSent: (entry: TDpcExchangeEntry) => void;
}) {
  const [sharedFacts, setSharedFacts] = useState(draftFacts);
  const create = useCreatePackage(signalementId);
  const errors = toFormErrors(create.error);
  const idPrefix = `dossier-${partner}`;
  const title = `Préparer le dossier pour ${DPC_TRANSMISSION_PARTNER_PHRASES[partner]}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ partner, sharedFacts }, { onSuccess: onSent });
  }

  return (
    <form className="card" aria-labelledby={`${idPrefix}-titre`} noValidate onSubmit={onSubmit}>
      <h3 id={`${idPrefix}-titre`}>{title}</h3>
      <FormError errors={errors} idPrefix={idPrefix} />
      <TextAreaField
        idPrefix={idPrefix}
        name="sharedFacts"
        label="Les faits à transmettre"
        hint="Pré-rempli avec le récit reçu : réécrivez-le pour la transmission et retirez tout ce qui permettrait de reconnaître l’auteur du signalement (nom, coordonnées, session suivie, lien avec le patient). Son identité n’est jamais transmise."
        rows={10}
        maxLength={DPC_SIGNALEMENT_LIMITS.facts}
        value={sharedFacts}
        onChange={(event) => setSharedFacts(event.target.value)}
        error={errors?.fields.sharedFacts}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Préparation…' : `Préparer et enregistrer l’envoi à ${DPC_TRANSMISSION_PARTNER_PHRASES[partner]}`}
      </button>
    </form>
  );
}

/** Records what a partner answered (acknowledgement, answer, status update) or a reminder sent. */
export function RecordExchangeForm({ signalementId, entries }: { signalementId: string; entries: TDpcExchangeEntry[] }) {
  const [partner, setPartner] = useState<DpcPartner>('andpc');
  const [kind, setKind] = useState<RecordedKind>('accuse_reception');
  const [direction, setDirection] = useState<DpcExchangeDirection>('entrant');
  const [done, setDone] = useState(false);
  const record = useRecordExchange(signalementId);
  const errors = toFormErrors(record.error);
  const idPrefix = 'echange';
  const awaiting = entries.filter((e) => e.kind === 'envoi' && e.partner === partner && !e.acknowledged);

  // A reminder is sent by the council; the rest comes from the partner.
  function chooseKind(next: RecordedKind) {
    setKind(next);
    setDirection(next === 'relance' ? 'sortant' : 'entrant');
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const when = text('occurredAt');
    const occurredAt = when && !Number.isNaN(new Date(when).getTime()) ? new Date(when).toISOString() : when;
    setDone(false);
    record.mutate(
      { partner, kind, direction, summary: String(data.get('summary') ?? ''), partnerReference: text('partnerReference'), occurredAt, acknowledges: kind === 'accuse_reception' ? text('acknowledges') : undefined },
      {
        onSuccess: () => {
          form.reset();
          setDone(true);
        },
      },
    );
  }

  return (
    <form className="card" aria-labelledby="echange-titre" noValidate onSubmit={onSubmit}>
      <h3 id="echange-titre">Enregistrer une réponse, un accusé de réception ou une mise à jour</h3>
      <FormError errors={errors} idPrefix={idPrefix} />
      {done ? <p role="status">L’échange est enregistré dans le journal.</p> : null}
      <SelectField idPrefix={idPrefix} name="partner" label="Partenaire" value={partner} onChange={(e) => setPartner(e.target.value as DpcPartner)} error={errors?.fields.partner}>
        <LabelledOptions values={DPC_PARTNERS} labels={DPC_PARTNER_LABELS} />
      </SelectField>
      <SelectField idPrefix={idPrefix} name="kind" label="Nature de l’échange" value={kind} onChange={(e) => chooseKind(e.target.value as RecordedKind)} error={errors?.fields.kind}>
        <LabelledOptions values={DPC_RECORDED_EXCHANGE_KINDS} labels={DPC_EXCHANGE_KIND_LABELS} />
      </SelectField>
      <SelectField idPrefix={idPrefix} name="direction" label="Sens" value={direction} onChange={(e) => setDirection(e.target.value as DpcExchangeDirection)} error={errors?.fields.direction}>
        <LabelledOptions values={DPC_EXCHANGE_DIRECTIONS} labels={DPC_EXCHANGE_DIRECTION_LABELS} />
      </SelectField>
      {kind === 'accuse_reception' ? (
        <SelectField idPrefix={idPrefix} name="acknowledges" label="Envoi concerné" hint="L’envoi marqué comme reçu par le partenaire." error={errors?.fields.acknowledges}>
          <option value="">Aucun en particulier</option>
          {awaiting.map((e) => (
            <option key={e.id} value={e.id}>{`${DPC_EXCHANGE_KIND_LABELS.envoi} du ${formatDateTime(e.occurredAt)}`}</option>
          ))}
        </SelectField>
      ) : null}
      <TextAreaField idPrefix={idPrefix} name="summary" label="Résumé" maxLength={DPC_SIGNALEMENT_LIMITS.exchangeSummary} error={errors?.fields.summary} />
      <TextField idPrefix={idPrefix} name="partnerReference" label="Référence du dossier chez le partenaire (facultatif)" maxLength={100} error={errors?.fields.partnerReference} />
      <TextField idPrefix={idPrefix} name="occurredAt" type="datetime-local" label="Date et heure de l’échange (facultatif, maintenant par défaut)" error={errors?.fields.occurredAt} />
      <button type="submit" className="button" disabled={record.isPending}>
        Enregistrer l’échange
      </button>
    </form>
  );
}
