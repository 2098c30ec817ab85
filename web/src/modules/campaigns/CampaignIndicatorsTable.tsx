import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { INDICATOR_KIND_LABELS } from '../../../../contracts/campaigns.schemas.js';
import type { TCampaignIndicator } from '../../../../contracts/campaigns.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useMarkFalsePositive } from './campaigns.api.js';
import { indicatorStatusBadge } from './labels.js';
import { INDICATOR_STATUS_LABELS } from '../../../../contracts/campaigns.schemas.js';

const PUBLISHED_LABELS = { active: 'Publié : signalé aux analyses', false_positive: 'Retiré (faux positif)', expired: 'Publié, expiré', withdrawn: 'Retiré : plus lu dans les signalements' } as const;

function FalsePositiveDialog({ indicator, onClose }: { indicator: TCampaignIndicator; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const mark = useMarkFalsePositive();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mark.mutate(indicator.id, { onSuccess: () => dialogRef.current?.close() });
  }
  return (
    <Dialog title="Marquer comme faux positif" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          {INDICATOR_KIND_LABELS[indicator.kind]} <strong className="break">{indicator.display}</strong> ne reliera plus aucun signalement et ne
          sera plus signalé par les analyses ni par le tableau de l'Ordre. Cette décision est définitive et journalisée.
        </p>
        <FormError errors={toFormErrors(mark.error)} idPrefix="faux-positif" />
        <FormActions submitLabel="Marquer comme faux positif" danger pending={mark.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

/** The campaign's indicators: what links its reports, how often seen, and what is published. */
export function CampaignIndicatorsTable({ indicators, canDecide }: { indicators: TCampaignIndicator[]; canDecide: boolean }) {
  const [marking, setMarking] = useState<TCampaignIndicator | null>(null);
  if (indicators.length === 0) return <p>Aucun indicateur : la campagne est regroupée par la ressemblance des textes.</p>;
  return (
    <>
      <div className="table-wrap" role="region" aria-labelledby="campagne-indicateurs-legende" tabIndex={0}>
        <table className="table">
          <caption id="campagne-indicateurs-legende">
            <span className="table__caption">Indicateurs de la campagne, ceux qui relient les signalements en premier</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">Statut</th>
              <th scope="col">Dans la campagne</th>
              <th scope="col">Vu au total</th>
              <th scope="col">Premier / dernier vu</th>
              <th scope="col">Publication</th>
              {canDecide ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => {
              const badge = indicatorStatusBadge(i.status);
              return (
                <tr key={i.id}>
                  <th scope="row">
                    <span className="muted">{INDICATOR_KIND_LABELS[i.kind]} : </span>
                    <span className="break">{i.display}</span>
                  </th>
                  <td>
                    <span className={badge.className}>{badge.label}</span>
                  </td>
                  <td>{i.reportCount}</td>
                  <td>{i.sightings}</td>
                  <td>
                    {formatShortDateTime(i.firstSeenAt)} / {formatShortDateTime(i.lastSeenAt)}
                  </td>
                  <td>
                    {i.published ? PUBLISHED_LABELS[i.published] : 'Non publié'}
                    {i.published === 'active' && i.expiresAt ? <span className="muted"> (jusqu'au {formatShortDateTime(i.expiresAt)})</span> : null}
                  </td>
                  {canDecide ? (
                    <td>
                      {i.status !== 'faux_positif' ? (
                        <button type="button" className="button button--secondary button--small" onClick={() => setMarking(i)}>
                          {INDICATOR_STATUS_LABELS.faux_positif}<span className="visually-hidden"> : {i.display}</span>
                        </button>
                      ) : (
                        '—'
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {marking ? <FalsePositiveDialog indicator={marking} onClose={() => setMarking(null)} /> : null}
    </>
  );
}
