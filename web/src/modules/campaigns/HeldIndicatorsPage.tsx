import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { INDICATOR_KIND_LABELS } from '../../../../contracts/campaigns.schemas.js';
import type { THeldIndicator, TIndicatorDecision } from '../../../../contracts/campaigns.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { TextAreaField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useDecideIndicator, useHeldIndicators } from './campaigns.api.js';
import { INDICATOR_STATUS_LABELS } from '../../../../contracts/campaigns.schemas.js';

const ID = 'decision';

const DECISIONS: Record<TIndicatorDecision['decision'], { title: string; text: string; submit: string }> = {
  approuver: {
    title: 'Approuver l’indicateur',
    text: 'Il relie de nouveau les signalements, dès maintenant : ceux qui le portent sont regroupés dans une même campagne.',
    submit: 'Approuver et regrouper',
  },
  commun: {
    title: 'Valeur commune',
    text: 'Il ne reliera plus jamais de signalements (valeur partagée par des messages sans rapport), mais reste visible dans les campagnes.',
    submit: 'Classer en valeur commune',
  },
  faux_positif: {
    title: INDICATOR_STATUS_LABELS.faux_positif,
    text: 'Il ne reliera plus de signalements et ne sera plus signalé par les analyses ni par le tableau de l’Ordre.',
    submit: 'Marquer comme faux positif',
  },
};

function DecisionDialog({ indicator, decision, onClose }: { indicator: THeldIndicator; decision: TIndicatorDecision['decision']; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const decide = useDecideIndicator();
  const errors = toFormErrors(decide.error);
  const copy = DECISIONS[decision];
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    decide.mutate({ id: indicator.id, decision, ...(reason ? { reason } : {}) }, { onSuccess: () => dialogRef.current?.close() });
  }
  return (
    <Dialog title={copy.title} onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          {INDICATOR_KIND_LABELS[indicator.kind]} <strong className="break">{indicator.display}</strong> : {copy.text}
        </p>
        <FormError errors={errors} idPrefix={ID} />
        <TextAreaField idPrefix={ID} name="reason" label="Motif (facultatif, conservé au journal)" maxLength={500} error={errors?.fields.reason} />
        <FormActions submitLabel={copy.submit} danger={decision !== 'approuver'} pending={decide.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

/**
 * Indicators the over-correlation guard held: each would have tied together more unrelated reports
 * than allowed, so it stopped linking until an agent decides.
 */
export function HeldIndicatorsPage() {
  const held = useHeldIndicators();
  const [deciding, setDeciding] = useState<{ indicator: THeldIndicator; decision: TIndicatorDecision['decision'] } | null>(null);
  const data = held.data;
  return (
    <Page title="Indicateurs en attente">
      <p>
        Un indicateur est mis en attente quand, à lui seul, il relierait plus de {data?.limit ?? '…'} signalements sans autre point commun (un
        hébergeur partagé, un nom trop générique…). Il ne relie plus rien jusqu'à votre décision. <Link to="/campagnes">Campagnes</Link>
      </p>
      {held.isPending ? <Loading /> : null}
      {held.isError ? <FormError errors={toFormErrors(held.error)} idPrefix={ID} /> : null}
      {data && data.items.length === 0 ? <Notice tone="success">Aucun indicateur en attente de décision.</Notice> : null}
      {data && data.items.some((i) => !i.canDecide) ? (
        <Notice tone="info" title="Certaines décisions reviennent à un agent national">
          <p id={`${ID}-partage`}>{data.sharedReason} Les boutons de ces indicateurs sont désactivés.</p>
        </Notice>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="indicateurs-legende" tabIndex={0}>
          <table className="table">
            <caption id="indicateurs-legende">
              <span className="table__caption">
                {data.items.length} indicateur{data.items.length > 1 ? 's' : ''} en attente, le plus reliant en premier
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Liens isolés</th>
                <th scope="col">Vu</th>
                <th scope="col">Dernier vu</th>
                <th scope="col">Campagnes</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <span className="muted">{INDICATOR_KIND_LABELS[i.kind]} : </span>
                    <span className="break">{i.display}</span>
                  </th>
                  <td>{i.soloLinks}</td>
                  <td>{i.sightings} fois</td>
                  <td>{formatShortDateTime(i.lastSeenAt)}</td>
                  <td>
                    {i.campaigns.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="plain-list">
                        {i.campaigns.map((c) => (
                          <li key={c.id}>
                            <Link to={`/campagnes/${encodeURIComponent(c.id)}`}>{c.reference}</Link> <span className="muted">{c.label}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <div className="table-actions">
                      {(Object.keys(DECISIONS) as TIndicatorDecision['decision'][]).map((decision) => (
                        <button
                          key={decision}
                          type="button"
                          className={decision === 'approuver' ? 'button button--small' : 'button button--secondary button--small'}
                          disabled={!i.canDecide}
                          aria-describedby={i.canDecide ? undefined : `${ID}-partage`}
                          onClick={() => setDeciding({ indicator: i, decision })}
                        >
                          {decision === 'approuver' ? 'Approuver' : decision === 'commun' ? 'Valeur commune' : INDICATOR_STATUS_LABELS.faux_positif}
                          <span className="visually-hidden"> : {i.display}</span>
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {deciding ? <DecisionDialog indicator={deciding.indicator} decision={deciding.decision} onClose={() => setDeciding(null)} /> : null}
    </Page>
  );
}
