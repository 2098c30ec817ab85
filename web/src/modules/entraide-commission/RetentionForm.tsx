import type { FormEvent } from 'react';
import { ENTRAIDE_RETENTION_MONTHS } from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextField } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSaveSettings, useSettings } from './entraide-commission.api.js';

const ID = 'conservation';

/** How long a closed case is kept before it is deleted with everything attached. */
export function RetentionForm({ onDone }: { onDone: (message: string) => void }) {
  const settings = useSettings();
  const save = useSaveSettings();
  const errors = toFormErrors(save.error) ?? toFormErrors(settings.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('retentionMonths') ?? '').trim();
    // A non-number goes to the server as is, which answers with its French message.
    const months = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    save.mutate(
      { retentionMonths: months },
      { onSuccess: (next) => onDone(`Les dossiers clos seront supprimés ${next.retentionMonths} mois après leur clôture.`) },
    );
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Durée de conservation</h2>
      <p>
        Les dossiers d'entraide contiennent des données de santé et des données financières. Un dossier clos est supprimé, avec tout
        ce qui s'y rattache, à la fin de cette durée ; un dossier rouvert d'ici là est conservé. Le changement vaut pour les dossiers
        clos après lui.
      </p>
      {settings.isPending ? <Loading /> : null}
      {settings.data || settings.isError ? (
        <form key={settings.data?.retentionMonths ?? 'x'} className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
          <FormError errors={errors} idPrefix={ID} />
          <TextField
            idPrefix={ID}
            name="retentionMonths"
            type="number"
            inputMode="numeric"
            min={ENTRAIDE_RETENTION_MONTHS.min}
            max={ENTRAIDE_RETENTION_MONTHS.max}
            label="Conservation après la clôture, en mois"
            hint={`De ${ENTRAIDE_RETENTION_MONTHS.min} à ${ENTRAIDE_RETENTION_MONTHS.max} mois ; ${ENTRAIDE_RETENTION_MONTHS.default} par défaut.`}
            required
            defaultValue={settings.data?.retentionMonths ?? ENTRAIDE_RETENTION_MONTHS.default}
            error={errors?.fields.retentionMonths}
          />
          <FormActions submitLabel="Enregistrer la durée" pending={save.isPending} />
        </form>
      ) : null}
    </section>
  );
}
