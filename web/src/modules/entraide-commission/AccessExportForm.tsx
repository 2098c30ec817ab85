import { useState } from 'react';
import type { FormEvent } from 'react';
import { AuditReasonField } from '../../components/AuditReasonField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField } from '../../components/fields.js';
import { DownloadStatus } from '../../components/sharing/DownloadStatus.js';
import { saveFile } from '../../components/sharing/sharing.api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useAccessExport } from './entraide-commission.api.js';

const ID = 'droit-acces';
type Format = 'json' | 'pdf';
const FORMAT_OPTIONS = [
  { value: 'pdf', label: 'PDF, à remettre à la personne' },
  { value: 'json', label: 'JSON, fichier structuré (portabilité)' },
] as const;

/** The right of access (RGPD, article 15): everything held about the person, with a stated reason. */
export function AccessExportForm({ caseId, reference }: { caseId: string; reference: string }) {
  const exporter = useAccessExport(caseId, reference);
  const [format, setFormat] = useState<Format>('pdf');
  const errors = toFormErrors(exporter.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    exporter.mutate({ format, reason }, { onSuccess: (file) => saveFile(file) });
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Droit d'accès de la personne</h2>
      <p>
        À la demande de la personne, exportez tout ce que l'Ordre conserve à son sujet dans ce dossier : identité, journal,
        décisions, budgets et orientation vers Crésus. Le fichier contient l'identité : remettez-le à la personne seule.
        L'export est enregistré dans le journal d'audit avec son motif.
      </p>
      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
        <FormError errors={errors} idPrefix={ID} />
        <RadioGroupField<Format> idPrefix={ID} name="format" legend="Format du fichier" options={FORMAT_OPTIONS} value={format} onChange={setFormat} error={errors?.fields.format} />
        <AuditReasonField idPrefix={ID} error={errors?.fields.reason} />
        <FormActions submitLabel="Exporter les données de la personne" pending={exporter.isPending} />
      </form>
      <DownloadStatus error={null} file={exporter.data} failureTitle="Export impossible" />
    </section>
  );
}
