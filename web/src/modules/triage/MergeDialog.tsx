import { useRef } from 'react';
import type { FormEvent } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { StaleVersionAction } from './StaleVersionAction.js';
import { useMerge } from './triage.api.js';

const ID = 'fusion';

/** Marks this report as a duplicate of another, named by its receipt number. */
export function MergeDialog({ reportId, receiptNumber, version, onDone, onReload, onClose }: {
  reportId: string;
  receiptNumber: string;
  version: number;
  onDone: (message: string) => void;
  onReload: () => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const merge = useMerge(reportId);
  const errors = toFormErrors(merge.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const targetReceiptNumber = String(new FormData(event.currentTarget).get('targetReceiptNumber') ?? '').trim().toUpperCase();
    merge.mutate(
      { targetReceiptNumber, version },
      {
        onSuccess: () => {
          onDone(`Le signalement ${receiptNumber} est marqué comme doublon de ${targetReceiptNumber}.`);
          dialogRef.current?.close();
        },
      },
    );
  }

  return (
    <Dialog title="Marquer comme doublon" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          Le signalement {receiptNumber} sera fusionné dans le signalement principal : son statut deviendra « Fusionné »,
          ses fichiers resteront attachés et seront listés sur le signalement principal. Une fusion ne peut pas être
          annulée.
        </p>
        <FormError errors={errors} idPrefix={ID} />
        <StaleVersionAction
          error={merge.error}
          onReload={() => {
            onReload();
            dialogRef.current?.close();
          }}
        />
        <TextField
          idPrefix={ID}
          name="targetReceiptNumber"
          label="Numéro du signalement principal"
          hint="Par exemple SIG-2026-7KQ4M2XD. Il doit relever du même département."
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          error={errors?.fields.targetReceiptNumber}
        />
        <FormActions submitLabel="Fusionner" pending={merge.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}
