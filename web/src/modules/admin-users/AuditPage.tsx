import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  AUDIT_ACTION_FAMILIES,
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_LABELS,
  AUDIT_EXPORT_LIMIT,
  auditActionLabel,
  auditEntityLabel,
  type AuditActionFamily,
  type TAuditEntry,
} from '../../../../contracts/audit.js';
import { Page, Loading } from '../../components/Page.js';
import { SelectField, TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useFocusOnChange } from '../../lib/use-focus-on-change.js';
import { auditExportUrl, useAudit, type AuditFilterValues } from './audit.api.js';
import { roleLabel } from './options.js';
import { FilterActions } from '../../components/filters.js';

const ID = 'journal';
const PATH = '/admin/journal';
const FILTER_NAMES = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
const count = new Intl.NumberFormat('fr-FR');

const FAMILIES = Object.entries(AUDIT_ACTION_FAMILIES) as [AuditActionFamily, string][];
const ENTITY_TYPES = Object.entries(AUDIT_ENTITY_LABELS).sort(([, a], [, b]) => a.localeCompare(b, 'fr'));

/** A link that narrows the journal to one person or one thing, keeping the period. */
function filterLink(current: AuditFilterValues, narrowed: Partial<AuditFilterValues>): string {
  return `${PATH}${toQueryString({ from: current.from, to: current.to, ...narrowed })}`;
}

function Actor({ entry, filters }: { entry: TAuditEntry; filters: AuditFilterValues }) {
  const role = roleLabel(entry.actorRole);
  if (!entry.actorId) return <>{role}</>;
  const name = entry.actorName ?? 'Compte supprimé';
  return (
    <>
      {/* The name says whose actions the link lists; the visible name is part of it (WCAG 2.5.3). */}
      <Link to={filterLink(filters, { actor: entry.actorId })} aria-label={`Actions de ${name}`}>
        {name}
      </Link>
      <span className="muted"> · {role}</span>
    </>
  );
}

function Subject({ entry, filters }: { entry: TAuditEntry; filters: AuditFilterValues }) {
  const type = auditEntityLabel(entry.entityType);
  if (!entry.entityId) return <>{type}</>;
  const name = entry.entityLabel ?? entry.entityId;
  return (
    <>
      {type}{' '}
      <Link className="break" to={filterLink(filters, { entityType: entry.entityType, entityId: entry.entityId })} aria-label={`Historique de ${name}`}>
        {name}
      </Link>
    </>
  );
}

function AuditRow({ entry, filters }: { entry: TAuditEntry; filters: AuditFilterValues }) {
  return (
    <tr>
      <th scope="row">{entry.id}</th>
      <td>{formatShortDateTime(entry.occurredAt)}</td>
      <td>
        {auditActionLabel(entry.action)}
        <br />
        <code className="muted break">{entry.action}</code>
      </td>
      <td>
        <Actor entry={entry} filters={filters} />
      </td>
      <td>
        <Subject entry={entry} filters={filters} />
      </td>
      <td>{entry.ip ?? '—'}</td>
      <td>{entry.reason ?? '—'}</td>
    </tr>
  );
}

/** Families, then each action of the family: one list to pick « all of Entraide » or one action. */
function ActionOptions() {
  return (
    <>
      <option value="">Toutes les actions</option>
      {FAMILIES.map(([family, label]) => (
        <optgroup key={family} label={label}>
          <option value={family}>{label} : toutes</option>
          {AUDIT_ACTIONS.filter((a) => a.startsWith(family)).map((a) => (
            <option key={a} value={a}>
              {AUDIT_ACTION_LABELS[a]}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

function Summary({ matching, filters, filtered }: { matching: number; filters: AuditFilterValues; filtered: boolean }) {
  const what = filtered ? 'correspondent aux filtres' : 'dans le journal';
  if (matching > AUDIT_EXPORT_LIMIT) {
    return (
      <div className="audit-summary">
        <p role="status">Plus de {count.format(AUDIT_EXPORT_LIMIT)} entrées {what}.</p>
        <p>L’export est limité à {count.format(AUDIT_EXPORT_LIMIT)} entrées : resserrez les filtres (période, personne, action) pour exporter.</p>
      </div>
    );
  }
  return (
    <div className="audit-summary">
      <p role="status">
        {matching === 1 ? '1 entrée' : `${count.format(matching)} entrées`} {what}.
      </p>
      {matching > 0 ? (
        <p>
          <a className="button button--secondary" href={auditExportUrl(filters)} download>
            Exporter (CSV)
          </a>
        </p>
      ) : null}
    </div>
  );
}

/**
 * The audit journal, newest first, read by a person: French labels, names instead of ids, filters by
 * person, action, thing and period, a CSV export of the same filters. Paged by id (« Plus anciennes »),
 * so new entries never shift a page. Every reading and every export is itself audited by the server.
 */
export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_NAMES.map((name) => [name, searchParams.get(name) ?? ''])) as unknown as AuditFilterValues;
  const beforeId = searchParams.get('beforeId') ?? '';
  const audit = useAudit({ ...filters, beforeId });
  const data = audit.data;
  const errors = toFormErrors(audit.error);
  const filtered = FILTER_NAMES.some((name) => filters[name] !== '');
  useFocusOnChange(beforeId, `${ID}-tableau`);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSearchParams(toQueryString(Object.fromEntries(FILTER_NAMES.map((name) => [name, String(form.get(name) ?? '').trim()]))));
  }

  // An exact action from a link (another page) that is not in the list still shows as chosen.
  const unknownAction = filters.action && !(filters.action in AUDIT_ACTION_LABELS) && !(filters.action in AUDIT_ACTION_FAMILIES);

  return (
    <Page title="Journal d'audit">
      <p>
        Chaque action sensible est enregistrée ici : connexions, modifications de comptes, consultations et exports. Votre consultation
        l’est aussi.
      </p>
      <form key={searchParams.toString()} className="filters" role="search" aria-label="Filtrer le journal" noValidate onSubmit={onSubmit}>
        <TextField
          idPrefix={ID}
          name="actor"
          label="Personne"
          type="search"
          defaultValue={filters.actor}
          autoComplete="off"
          spellCheck={false}
          hint="Nom, adresse électronique ou identifiant du compte"
          error={errors?.fields.actor}
        />
        <SelectField idPrefix={ID} name="action" label="Action" defaultValue={filters.action} error={errors?.fields.action}>
          <ActionOptions />
          {unknownAction ? <option value={filters.action}>{filters.action}</option> : null}
        </SelectField>
        <SelectField idPrefix={ID} name="entityType" label="Type d’objet" defaultValue={filters.entityType} error={errors?.fields.entityType}>
          <option value="">Tous</option>
          {ENTITY_TYPES.map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
          {filters.entityType && !(filters.entityType in AUDIT_ENTITY_LABELS) ? <option value={filters.entityType}>{filters.entityType}</option> : null}
        </SelectField>
        <TextField
          idPrefix={ID}
          name="entityId"
          label="Identifiant de l’objet"
          type="search"
          defaultValue={filters.entityId}
          autoComplete="off"
          spellCheck={false}
          error={errors?.fields.entityId}
        />
        <TextField idPrefix={ID} name="from" label="Du" type="date" defaultValue={filters.from} error={errors?.fields.from} />
        <TextField idPrefix={ID} name="to" label="Au (inclus)" type="date" defaultValue={filters.to} error={errors?.fields.to} />
        <FilterActions>
          {filtered ? (
            <Link className="button button--secondary" to={PATH}>
              Effacer les filtres
            </Link>
          ) : null}
        </FilterActions>
      </form>
      {audit.isPending ? <Loading /> : null}
      {errors ? <FormError errors={errors} idPrefix={ID} /> : null}
      {data ? <Summary matching={data.matching} filters={filters} filtered={filtered} /> : null}
      {data && data.items.length === 0 ? <p>Aucun événement ne correspond.</p> : null}
      {data && data.items.length > 0 ? (
        <div id={`${ID}-tableau`} className="table-wrap" role="region" aria-labelledby={`${ID}-legende`} tabIndex={0}>
          <table className="table">
            <caption id={`${ID}-legende`}>
              <span className="table__caption">
                Événements du journal d’audit{beforeId ? ` antérieurs au n° ${beforeId}` : ', les plus récents'}
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
                <AuditRow key={entry.id} entry={entry} filters={filters} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {beforeId || data?.nextBeforeId ? (
        <nav className="pagination" aria-label="Pages du journal d’audit">
          {beforeId ? (
            <Link className="button button--secondary" to={`${PATH}${toQueryString({ ...filters })}`}>
              Plus récentes
            </Link>
          ) : null}
          {data?.nextBeforeId ? (
            <Link className="button button--secondary" to={`${PATH}${toQueryString({ ...filters, beforeId: data.nextBeforeId })}`}>
              Plus anciennes
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Page>
  );
}
