import { useState } from 'react';
import { DPC_EXCHANGE_DIRECTION_LABELS } from '../../../../contracts/dpc-exchanges.schemas.js';
import { Loading } from '../../components/Page.js';
import { formatDateTime } from '../../lib/format.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { packageUrl, useExchangeLog, type TDpcExchangeEntry } from './dpc-exchanges.api.js';
import { PackageForm, RecordExchangeForm } from './DpcExchangeForms.js';

/**
 * The exchanges of a signalement with the ANDPC and the MIVILUDES, for agents (dpc:exchange): what was
 * shared, with whom, when, acknowledged or not; a form per decided transmission not sent yet; a form to
 * record what a partner answered. Mounted by the signalement page.
 */
export function DpcExchangesPanel({ signalementId }: { signalementId: string }) {
  const session = useSession();
  const allowed = hasPermission(session.data, 'dpc:exchange');
  const log = useExchangeLog(signalementId, allowed);
  const [sent, setSent] = useState<TDpcExchangeEntry | null>(null);
  if (!allowed) return null;

  return (
    <section className="card" aria-labelledby="echanges-partenaires">
      <h2 id="echanges-partenaires">Échanges avec l’ANDPC et la MIVILUDES</h2>
      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        <p role="alert">{toFormErrors(log.error)?.message}</p>
      ) : (
        <>
          {sent ? (
            <div role="status" className="notice">
              <p>
                Dossier pour {sent.partnerLabel} préparé et enregistré. Téléchargez-le pour l’envoyer :{' '}
                <PackageLinks entry={sent} />
              </p>
            </div>
          ) : null}
          <ExchangeTable entries={log.data.entries} />
          {log.data.pending.map((p) => (
            <PackageForm key={p.partner} signalementId={signalementId} partner={p.partner} draftFacts={p.draftFacts} onSent={setSent} />
          ))}
          <RecordExchangeForm signalementId={signalementId} entries={log.data.entries} />
        </>
      )}
    </section>
  );
}

function PackageLinks({ entry }: { entry: TDpcExchangeEntry }) {
  if (!entry.package) return null;
  return (
    <>
      <a href={packageUrl(entry.id, 'pdf')} download={`${entry.package.fileBaseName}.pdf`}>
        dossier PDF<span className="visually-hidden"> {entry.package.fileBaseName}</span>
      </a>
      {' · '}
      <a href={packageUrl(entry.id, 'json')} download={`${entry.package.fileBaseName}.json`}>
        données JSON<span className="visually-hidden"> {entry.package.fileBaseName}</span>
      </a>
    </>
  );
}

function acknowledgement(entry: TDpcExchangeEntry): string {
  if (entry.acknowledged === null) return '—';
  return entry.acknowledged ? 'Reçu par le partenaire' : 'En attente d’accusé de réception';
}

function ExchangeTable({ entries }: { entries: TDpcExchangeEntry[] }) {
  if (entries.length === 0) return <p>Aucun échange enregistré pour ce signalement.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="journal-echanges" tabIndex={0}>
      <table className="table">
        <caption id="journal-echanges">
          <span className="table__caption">Journal des échanges, du plus ancien au plus récent</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Partenaire</th>
            <th scope="col">Échange</th>
            <th scope="col">Résumé</th>
            <th scope="col">Enregistré par</th>
            <th scope="col">Accusé de réception</th>
            <th scope="col">Dossier</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.occurredAt)}</td>
              <td>{e.partnerLabel}</td>
              <th scope="row">
                {e.kindLabel}
                <br />
                <span className="hint">{DPC_EXCHANGE_DIRECTION_LABELS[e.direction]}</span>
              </th>
              <td>
                {e.summary ?? '—'}
                {e.partnerReference ? <span className="hint"> (réf. {e.partnerReference})</span> : null}
              </td>
              <td>{e.recordedBy}</td>
              <td>{acknowledgement(e)}</td>
              <td>{e.package ? <PackageLinks entry={e} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
