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

/**
 * One assignment action: « M’attribuer » in one click when the report is not the reader's, and
 * « Attribuer à… » to choose someone else (or nobody), the list of agents read only when opened.
 */
function AssignmentForm({ report, userId, onDone, onReload }: {
  report: TTriageReportDetail;
  userId: string | undefined;
  onDone: (message: string) => void;
  onReload: () => void;
}) {
  const [choosing, setChoosing] = useState(false);
  const assignees = useAssignees(report.id, report.actions.canAssign && choosing);
  const assign = useAssign(report.id);
  const errors = toFormErrors(assign.error);

  function submit(assigneeId: string | null) {
    assign.mutate(
      { assigneeId, version: report.version },
      {
        onSuccess: (state) => {
          setChoosing(false);
          onDone(state.assignee ? `Signalement attribué à ${state.assignee.displayName}.` : "Le signalement n'est plus attribué.");
        },
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
  const mine = userId !== undefined && report.assignee?.id === userId;
  return (
    <div className="triage-assign">
      <FormError errors={errors} idPrefix={ID} />
      <StaleVersionAction error={assign.error} onReload={onReload} />
      <div className="button-row">
        {userId && !mine ? (
          <button type="button" className="button" disabled={assign.isPending} onClick={() => submit(userId)}>
            M’attribuer
          </button>
        ) : null}
        <button type="button" className="button button--secondary" aria-expanded={choosing} aria-controls={`${ID}-choix`} onClick={() => setChoosing((v) => !v)}>
          Attribuer à…
        </button>
      </div>
      {choosing ? (
        <form id={`${ID}-choix`} key={`${report.assignee?.id ?? ''}-${report.version}`} className="form" noValidate onSubmit={onSubmit} aria-label="Attribuer le signalement">
          <SelectField idPrefix={ID} name="assigneeId" label="Attribuer à" defaultValue={report.assignee?.id ?? ''} error={errors?.fields.assigneeId} disabled={assignees.isPending}>
            <option value="">Personne</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
                {person.departement ? '' : ' (national)'}
              </option>
            ))}
          </SelectField>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={assign.isPending || assignees.isPending}>
              Valider l’attribution
            </button>
          </div>
        </form>
      ) : null}
    </div>
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
