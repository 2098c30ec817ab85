import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TTriageReportDetail, TriageTargetStatus } from '../../../../contracts/triage.schemas.js';
import { FormError } from '../../components/FormError.js';
import { SelectField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useAssign, useAssignees } from './triage.api.js';
import { MergeDialog } from './MergeDialog.js';
import { StatusDialog, statusActionLabel } from './StatusDialog.js';
import { StaleVersionAction } from './StaleVersionAction.js';

const ID = 'attribution';

function AssignmentForm({ report, userId, onDone, onReload }: {
  report: TTriageReportDetail;
  userId: string | undefined;
  onDone: (message: string) => void;
  onReload: () => void;
}) {
  const assignees = useAssignees(report.id, report.actions.canAssign);
  const assign = useAssign(report.id);
  const errors = toFormErrors(assign.error);

  function submit(assigneeId: string | null) {
    assign.mutate(
      { assigneeId, version: report.version },
      {
        onSuccess: (state) => onDone(state.assignee ? `Signalement attribué à ${state.assignee.displayName}.` : "Le signalement n'est plus attribué."),
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('assigneeId') ?? '');
    submit(value || null);
  }

  if (!report.actions.canAssign) return null;
  const people = assignees.data?.items ?? [];
  return (
    <form key={`${report.assignee?.id ?? ''}-${report.version}`} className="form triage-assign" noValidate onSubmit={onSubmit} aria-label="Attribuer le signalement">
      <FormError errors={errors} idPrefix={ID} />
      <StaleVersionAction error={assign.error} onReload={onReload} />
      <SelectField idPrefix={ID} name="assigneeId" label="Attribué à" defaultValue={report.assignee?.id ?? ''} error={errors?.fields.assigneeId} disabled={assignees.isPending}>
        <option value="">Personne</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
            {person.departement ? '' : ' (national)'}
          </option>
        ))}
      </SelectField>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={assign.isPending}>
          Attribuer
        </button>
        {userId && report.assignee?.id !== userId ? (
          <button type="button" className="button button--secondary" disabled={assign.isPending} onClick={() => submit(userId)}>
            Me l'attribuer
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Assignment, status moves and merge, as the server's state machine allows them now. */
export function ReportActions({ report, userId, onMessage, onReload }: {
  report: TTriageReportDetail;
  userId: string | undefined;
  onMessage: (message: string) => void;
  /** Reads the report again, after someone else changed it. */
  onReload: () => void;
}) {
  const [target, setTarget] = useState<{ status: TriageTargetStatus; reasonRequired: boolean } | null>(null);
  const [merging, setMerging] = useState(false);
  const { statuses, canMerge, canAssign } = report.actions;
  if (!canAssign && !canMerge && statuses.length === 0) return null;

  return (
    <section className="section" aria-labelledby="signalement-traitement">
      <h2 id="signalement-traitement">Traitement</h2>
      <AssignmentForm report={report} userId={userId} onDone={onMessage} onReload={onReload} />
      {statuses.length > 0 || canMerge ? (
        <div className="button-row">
          {statuses.map((option) => (
            <button
              key={option.status}
              type="button"
              className={option.status === 'classe_sans_suite' ? 'button button--danger' : 'button'}
              onClick={() => {
                onMessage('');
                setTarget(option);
              }}
            >
              {statusActionLabel(report.status, option.status)}
            </button>
          ))}
          {canMerge ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                onMessage('');
                setMerging(true);
              }}
            >
              Marquer comme doublon
            </button>
          ) : null}
        </div>
      ) : null}
      {target ? (
        <StatusDialog
          reportId={report.id}
          version={report.version}
          from={report.status}
          target={target}
          onDone={onMessage}
          onReload={onReload}
          onClose={() => setTarget(null)}
        />
      ) : null}
      {merging ? (
        <MergeDialog
          reportId={report.id}
          receiptNumber={report.receiptNumber}
          version={report.version}
          onDone={onMessage}
          onReload={onReload}
          onClose={() => setMerging(false)}
        />
      ) : null}
    </section>
  );
}
