import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { EXPORT_PURPOSES } from '../../../../contracts/registry.schemas.js';
import { Page } from '../../components/Page.js';
import { RadioGroupField, SelectField } from '../../components/fields.js';
import type { RadioOption } from '../../components/fields.js';
import { AuditReasonField } from '../../components/AuditReasonField.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { useRegistryExport } from './registry.api.js';
import type { ExportInput } from './registry.api.js';
import { RegistryNav } from './RegistryNav.js';

const ID = 'export';
type Purpose = ExportInput['purpose'];

const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = {
  emission_carte: 'Émission de cartes professionnelles (e-CPS)',
  autre: 'Autre finalité',
};
const PURPOSE_OPTIONS: readonly RadioOption<Purpose>[] = EXPORT_PURPOSES.map((value) => ({ value, label: PURPOSE_LABELS[value] }));

/** Bulk export of a département, with a stated reason; for card issuance, records not yet trusted are left out. */
export function ExportPage() {
  const { data: session } = useSession();
  const ownDepartement = session?.user?.departement ?? null;
  const exporter = useRegistryExport();
  const [purpose, setPurpose] = useState<Purpose>('emission_carte');
  const [fileUrl, setFileUrl] = useState<string | null>(null);
  const errors = toFormErrors(exporter.error);

  useEffect(() => () => {
    if (fileUrl) URL.revokeObjectURL(fileUrl);
  }, [fileUrl]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const departement = ownDepartement ?? String(form.get('departement') ?? '');
    exporter.mutate(
      { departement, purpose, reason: String(form.get('reason') ?? '').trim() },
      {
        onSuccess: (file) => {
          const url = URL.createObjectURL(file.blob);
          setFileUrl(url);
          const link = document.createElement('a');
          link.href = url;
          link.download = file.fileName;
          link.click();
        },
      },
    );
  }

  const file = exporter.data;
  return (
    <Page title="Exporter le tableau">
      <RegistryNav />
      <p>
        Un export en masse contient les coordonnées de tous les médecins d'un département : il est enregistré dans le
        journal d'audit avec son motif, et le référent sécurité voit les exports qui suivent de près une modification de
        coordonnées.
      </p>
      <div aria-live="polite">
        {file && fileUrl ? (
          <Notice tone="success" title="Export prêt" focus>
            <p>
              Le téléchargement du fichier {file.fileName} a commencé.{' '}
              {file.excluded > 0
                ? `${file.excluded} fiche${file.excluded > 1 ? 's ont été écartées' : ' a été écartée'} : coordonnées en période de vérification ou fiche gelée.`
                : 'Aucune fiche écartée.'}
            </p>
            <p>
              <a href={fileUrl} download={file.fileName}>
                Télécharger de nouveau {file.fileName}
              </a>
            </p>
          </Notice>
        ) : null}
      </div>
      <form className="form card" noValidate onSubmit={onSubmit}>
        <FormError errors={errors} idPrefix={ID} />
        {ownDepartement ? (
          <p>
            Département exporté : <strong>{ownDepartement}</strong>
          </p>
        ) : (
          <SelectField idPrefix={ID} name="departement" label="Département" required defaultValue="" error={errors?.fields.departement}>
            <option value="">Choisir un département</option>
            <DepartementOptions />
          </SelectField>
        )}
        <RadioGroupField
          idPrefix={ID}
          name="purpose"
          legend="Finalité de l'export"
          hint="Pour l'émission de cartes, les fiches gelées et celles dont les coordonnées viennent de changer sont écartées."
          options={PURPOSE_OPTIONS}
          value={purpose}
          onChange={setPurpose}
          error={errors?.fields.purpose}
        />
        <AuditReasonField idPrefix={ID} error={errors?.fields.reason} />
        <FormActions submitLabel="Exporter le tableau" pending={exporter.isPending} />
      </form>
    </Page>
  );
}
