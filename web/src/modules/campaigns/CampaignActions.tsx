import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { SCAM_FAMILIES, SCAM_FAMILY_LABELS } from '../../../../contracts/campaigns.schemas.js';
import type { TCampaignPage, TCampaignUpdate } from '../../../../contracts/campaigns.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useCloseCampaign, useMergeCampaign, useQualifyCampaign, useUpdateCampaign } from './campaigns.api.js';
import { LabelledOptions } from '../../components/filters.js';

type Campaign = TCampaignPage['campaign'];
type Open = 'edit' | 'merge' | 'qualify' | 'close' | null;

function EditDialog({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const update = useUpdateCampaign(campaign.id);
  const errors = toFormErrors(update.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const family = String(form.get('scamFamily') ?? '');
    update.mutate(
      { label: String(form.get('label') ?? ''), summary: String(form.get('summary') ?? ''), scamFamily: family === '' ? null : (family as TCampaignUpdate['scamFamily']) },
      { onSuccess: () => dialogRef.current?.close() },
    );
  }
  return (
    <Dialog title="Modifier la campagne" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormError errors={errors} idPrefix="modifier" />
        <TextField
          idPrefix="modifier"
          name="label"
          label="Libellé"
          hint="Nom de travail des agents : il n'apparaît jamais sur la page publique de vérification (voir « Nom public »). Jamais le nom d'un déclarant."
          defaultValue={campaign.label}
          maxLength={200}
          required
          error={errors?.fields.label}
        />
        <SelectField idPrefix="modifier" name="scamFamily" label="Famille d'escroquerie" defaultValue={campaign.scamFamily ?? ''} error={errors?.fields.scamFamily}>
          <option value="">Non déterminée</option>
          <LabelledOptions values={SCAM_FAMILIES} labels={SCAM_FAMILY_LABELS} />
        </SelectField>
        <TextAreaField idPrefix="modifier" name="summary" label="Résumé pour les agents" defaultValue={campaign.summary} maxLength={4000} error={errors?.fields.summary} />
        <FormActions submitLabel="Enregistrer" pending={update.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

function MergeDialog({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const merge = useMergeCampaign(campaign.id);
  const errors = toFormErrors(merge.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    merge.mutate({ reference: String(new FormData(event.currentTarget).get('reference') ?? '') }, { onSuccess: () => dialogRef.current?.close() });
  }
  return (
    <Dialog title="Fusionner une autre campagne dans celle-ci" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          Les signalements, indicateurs et publications de l'autre campagne rejoignent {campaign.reference} ; l'autre campagne disparaît de la
          liste.
        </p>
        <FormError errors={errors} idPrefix="fusion" />
        <TextField idPrefix="fusion" name="reference" label="Référence de l'autre campagne" hint="Par exemple CAMP-2026-0042." required error={errors?.fields.reference} />
        <FormActions submitLabel="Fusionner" pending={merge.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

function ConfirmDialog({ title, text, submitLabel, danger = false, run, onClose }: {
  title: string;
  text: string;
  submitLabel: string;
  danger?: boolean;
  run: ReturnType<typeof useQualifyCampaign> | ReturnType<typeof useCloseCampaign>;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run.mutate(undefined, { onSuccess: () => dialogRef.current?.close() });
  }
  return (
    <Dialog title={title} onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>{text}</p>
        <FormError errors={toFormErrors(run.error)} idPrefix="confirmer" />
        <FormActions submitLabel={submitLabel} danger={danger} pending={run.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

export const ACTIONS_REASON_ID = 'campagne-actions-motif';

/**
 * What an agent can do with a campaign: qualify, close, edit, merge another in, write an alert. On a
 * campaign he may read but not change (shared with another département), the buttons stay visible,
 * disabled, and say why (`reason`, read with each button through aria-describedby).
 */
export function CampaignActions({ campaign, reason }: { campaign: Campaign; reason: string | null }) {
  const [open, setOpen] = useState<Open>(null);
  const qualify = useQualifyCampaign(campaign.id);
  const close = useCloseCampaign(campaign.id);
  const locked = reason !== null;
  const lock = locked ? { disabled: true, 'aria-describedby': ACTIONS_REASON_ID } : {};
  return (
    <>
      {qualify.data ? (
        <Notice tone="success" title="Campagne qualifiée">
          {qualify.data.published} indicateur{qualify.data.published > 1 ? 's' : ''} publié{qualify.data.published > 1 ? 's' : ''} : les analyses les
          signalent désormais. {qualify.data.reportsQualified} signalement{qualify.data.reportsQualified > 1 ? 's' : ''} passé
          {qualify.data.reportsQualified > 1 ? 's' : ''} à « qualifié ».
        </Notice>
      ) : null}
      {locked ? (
        <Notice tone="info" title="Actions réservées à un agent national">
          <p id={ACTIONS_REASON_ID}>
            {reason} Vous pouvez la consulter et traiter vos propres signalements depuis la file de traitement ; pour la qualifier, la
            renommer, la scinder, la fusionner ou la clore, adressez-vous à un agent national.
          </p>
        </Notice>
      ) : null}
      <div className="button-row campaign-actions">
        {campaign.status !== 'close' ? (
          <button type="button" className="button" onClick={() => setOpen('qualify')} {...lock}>
            {campaign.status === 'qualifiee' ? 'Publier à nouveau les indicateurs' : 'Qualifier la campagne'}
          </button>
        ) : null}
        <Link className="button button--secondary" to={`/alertes/gestion/nouvelle?campagne=${encodeURIComponent(campaign.id)}`}>
          Rédiger une alerte
        </Link>
        <button type="button" className="button button--secondary" onClick={() => setOpen('edit')} {...lock}>
          Modifier
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen('merge')} {...lock}>
          Fusionner une autre campagne
        </button>
        {campaign.status !== 'close' ? (
          <button type="button" className="button button--secondary" onClick={() => setOpen('close')} {...lock}>
            Clore
          </button>
        ) : null}
      </div>
      {open === 'edit' ? <EditDialog campaign={campaign} onClose={() => setOpen(null)} /> : null}
      {open === 'merge' ? <MergeDialog campaign={campaign} onClose={() => setOpen(null)} /> : null}
      {open === 'qualify' ? (
        <ConfirmDialog
          title="Qualifier la campagne"
          text="Ses numéros, sites, liens et adresses seront publiés : chaque analyse de message les signalera (nombre de signalements et nom public de la campagne, jamais les déclarants), et toute demande de changement de coordonnées qui les utilise sera retenue pour revue. Ses signalements nouveaux ou en cours passeront à « qualifié »."
          submitLabel="Qualifier et publier"
          run={qualify}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === 'close' ? (
        <ConfirmDialog
          title="Clore la campagne"
          text="La campagne n'appelle plus d'action. Ses indicateurs publiés restent actifs jusqu'à leur expiration ; un nouveau signalement qui lui correspond la rejoint encore."
          submitLabel="Clore"
          run={close}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
