import type { FormEvent, ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { SelectField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { useSecurityOverview } from './registry.api.js';
import { RegistryNav } from './RegistryNav.js';
import { FilterActions } from '../../components/filters.js';

const formatShare = (share: number) => share.toLocaleString('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** Audit entry numbers, each a link to the journal starting at that entry. */
function AuditLinks({ ids, linked }: { ids: number[]; linked: boolean }) {
  if (ids.length === 0) return <>—</>;
  return (
    <ul className="inline-list">
      {ids.map((id) => (
        <li key={id}>
          {linked ? (
            <Link to={`/admin/journal${toQueryString({ beforeId: id + 1 })}`}>
              <span className="visually-hidden">Entrée du journal </span>n° {id}
            </Link>
          ) : (
            `n° ${id}`
          )}
        </li>
      ))}
    </ul>
  );
}

function Table({ id, caption, headers, empty, children, count }: {
  id: string;
  caption: string;
  headers: string[];
  empty: string;
  children: ReactNode;
  count: number;
}) {
  if (count === 0) return <p>{empty}</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">{caption}</span>
        </caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** For the security referent: unusual volumes, each agent's in-person changes, records changed often, changes followed by an export. */
export function SecurityPage() {
  const { data: session } = useSession();
  const national = !session?.user?.departement;
  const linked = hasPermission(session, 'audit:read');
  const [searchParams, setSearchParams] = useSearchParams();
  const departement = national ? (searchParams.get('departement') ?? '') : '';
  const overview = useSecurityOverview(departement);
  const data = overview.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(toQueryString({ departement: String(new FormData(event.currentTarget).get('departement') ?? '') }));
  }

  return (
    <Page title="Sécurité du tableau">
      <RegistryNav />
      <p>Les signaux à examiner. Chaque ligne renvoie aux entrées du journal d'audit qui la fondent.</p>
      {national ? (
        <form key={departement} className="filters" aria-label="Choisir le département" noValidate onSubmit={onSubmit}>
          <SelectField idPrefix="securite" name="departement" label="Département" defaultValue={departement}>
            <option value="">Tous les départements</option>
            <DepartementOptions />
          </SelectField>
          <FilterActions submitLabel="Afficher" />
        </form>
      ) : null}
      {overview.isPending ? <Loading /> : null}
      {overview.isError ? <FormError errors={toFormErrors(overview.error)} idPrefix="securite" /> : null}
      {data ? (
        <>
          <section className="section" aria-labelledby="securite-agents">
            <h2 id="securite-agents">Agents au volume inhabituel (7 derniers jours)</h2>
            <p className="hint">Seuil : {data.threshold} modifications appliquées ou plus.</p>
            <Table id="securite-agents-tableau" caption="Agents au-delà du seuil" headers={['Agent', 'Modifications', "Journal d'audit"]} empty="Aucun agent au-delà du seuil." count={data.unusualAgents.length}>
              {data.unusualAgents.map((agent) => (
                <tr key={agent.agentId}>
                  <th scope="row">{agent.displayName}</th>
                  <td>{agent.changes}</td>
                  <td>
                    <AuditLinks ids={agent.auditEntryIds} linked={linked} />
                  </td>
                </tr>
              ))}
            </Table>
          </section>
          <section className="section" aria-labelledby="securite-presentiel">
            <h2 id="securite-presentiel">Modifications en présentiel par agent (30 derniers jours)</h2>
            <p className="hint">
              Modifications appliquées après une vérification d'identité enregistrée par l'agent, et leur part dans les{' '}
              {data.inPersonRates.appliedChanges} modifications appliquées. Signalé : {data.inPersonRates.floor} ou plus et plus de{' '}
              {data.inPersonRates.factor} fois la médiane des autres agents.
            </p>
            <Table id="securite-presentiel-tableau" caption="Modifications en présentiel par agent" headers={['Agent', 'Modifications', 'Part du département', 'Médiane des autres', 'Signal', "Journal d'audit"]} empty="Aucune modification en présentiel sur la période." count={data.inPersonRates.agents.length}>
              {data.inPersonRates.agents.map((agent) => (
                <tr key={agent.agentId}>
                  <th scope="row">{agent.displayName}</th>
                  <td>{agent.inPersonChanges}</td>
                  <td>{formatShare(agent.share)}</td>
                  <td>{agent.othersMedian.toLocaleString('fr-FR')}</td>
                  <td>{agent.flagged ? <span className="badge badge--danger">Très au-dessus des autres</span> : '—'}</td>
                  <td>
                    <AuditLinks ids={agent.auditEntryIds} linked={linked} />
                  </td>
                </tr>
              ))}
            </Table>
          </section>
          <section className="section" aria-labelledby="securite-fiches">
            <h2 id="securite-fiches">Fiches modifiées souvent (30 derniers jours)</h2>
            <Table id="securite-fiches-tableau" caption="Fiches modifiées trois fois ou plus" headers={['RPPS', 'Modifications', "Journal d'audit"]} empty="Aucune fiche modifiée trois fois ou plus." count={data.busyRecords.length}>
              {data.busyRecords.map((record) => (
                <tr key={record.doctorId}>
                  <th scope="row">
                    <Link to={`/tableau/medecins/${encodeURIComponent(record.doctorId)}`}>{record.rpps}</Link>
                  </th>
                  <td>{record.changes}</td>
                  <td>
                    <AuditLinks ids={record.auditEntryIds} linked={linked} />
                  </td>
                </tr>
              ))}
            </Table>
          </section>
          <section className="section" aria-labelledby="securite-exports">
            <h2 id="securite-exports">Modifications suivies d'un export (48 heures)</h2>
            <Table id="securite-exports-tableau" caption="Modifications suivies d'un export du département" headers={['Demande', 'Appliquée le', 'Export le', "Journal d'audit"]} empty="Aucune modification suivie d'un export." count={data.changesFollowedByExport.length}>
              {data.changesFollowedByExport.map((item) => (
                <tr key={`${item.changeRequestId}-${item.auditEntryIds.join('-')}`}>
                  <th scope="row">
                    <Link to={`/tableau/demandes/${encodeURIComponent(item.changeRequestId)}`}>{item.reference}</Link>
                  </th>
                  <td>{formatShortDateTime(item.appliedAt)}</td>
                  <td>{formatShortDateTime(item.exportAt)}</td>
                  <td>
                    <AuditLinks ids={item.auditEntryIds} linked={linked} />
                  </td>
                </tr>
              ))}
            </Table>
          </section>
        </>
      ) : null}
    </Page>
  );
}
