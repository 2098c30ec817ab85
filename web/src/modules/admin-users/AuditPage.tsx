import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page, Loading } from '../../components/Page.js';
import { TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { useAudit } from './admin-users.api.js';
import type { AuditEntry } from './admin-users.api.js';
import { roleLabel } from './options.js';

const ID = 'journal';

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <th scope="row">{entry.id}</th>
      <td>{formatShortDateTime(entry.occurredAt)}</td>
      <td className="break">
        <code>{entry.action}</code>
      </td>
      <td>
        {roleLabel(entry.actorRole)}
        {entry.actorId ? <span className="muted break"> {entry.actorId}</span> : null}
      </td>
      <td className="break">
        {entry.entityType}
        {entry.entityId ? <span className="muted"> {entry.entityId}</span> : null}
      </td>
      <td>{entry.ip ?? '—'}</td>
      <td>{entry.reason ?? '—'}</td>
    </tr>
  );
}

/** The audit log, newest first, paged with « Plus ancien » (by id, so new rows never shift a page). */
export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const beforeId = searchParams.get('beforeId') ?? '';
  const action = searchParams.get('action') ?? '';
  const audit = useAudit({ beforeId, action });
  const data = audit.data;
  useFocusOnChange(beforeId, `${ID}-tableau`);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(toQueryString({ action: String(new FormData(event.currentTarget).get('action') ?? '').trim() }));
  }

  return (
    <Page title="Journal d'audit">
      <p>Chaque action sensible est enregistrée ici : connexions, modifications de comptes, réinitialisations.</p>
      <form key={action} className="filters" role="search" aria-label="Filtrer le journal" noValidate onSubmit={onSubmit}>
        <TextField
          idPrefix={ID}
          name="action"
          label="Action"
          type="search"
          defaultValue={action}
          autoComplete="off"
          spellCheck={false}
          hint="Nom exact de l'action, par exemple : auth.login.succeeded"
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            Filtrer
          </button>
        </div>
      </form>
      {audit.isPending ? <Loading /> : null}
      {audit.isError ? <FormError errors={toFormErrors(audit.error)} idPrefix={ID} /> : null}
      {data && data.items.length === 0 ? <p role="status">Aucun événement ne correspond.</p> : null}
      {data && data.items.length > 0 ? (
        <div id={`${ID}-tableau`} className="table-wrap" role="region" aria-labelledby={`${ID}-legende`} tabIndex={0}>
          <table className="table">
            <caption id={`${ID}-legende`}>
              <span className="table__caption">
                Événements du journal d'audit{beforeId ? ` antérieurs au n° ${beforeId}` : ', les plus récents'}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Date</th>
                <th scope="col">Action</th>
                <th scope="col">Auteur</th>
                <th scope="col">Objet</th>
                <th scope="col">Adresse IP</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {beforeId || data?.nextBeforeId ? (
        <nav className="pagination" aria-label="Pages du journal d'audit">
          {beforeId ? (
            <Link className="button button--secondary" to={`/admin/journal${toQueryString({ action })}`}>
              Plus récents
            </Link>
          ) : null}
          {data?.nextBeforeId ? (
            <Link
              className="button button--secondary"
              to={`/admin/journal${toQueryString({ action, beforeId: data.nextBeforeId })}`}
            >
              Plus ancien
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Page>
  );
}
