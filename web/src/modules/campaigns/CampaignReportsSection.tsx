import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TCampaignPage } from '../../../../contracts/campaigns.schemas.js';
import { REPORT_CHANNEL_LABELS, REPORT_STATUS_LABELS } from '../../../../contracts/report-vocabulary.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { TextField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { departementLabel, formatShortDateTime } from '../../lib/format.js';
import { useRemoveReport, useSplitCampaign } from './campaigns.api.js';
import { dayLabel } from './labels.js';

const ID = 'scission';

/**
 * The campaign's reports (receipt, dates, channel, département, status; never who reported). An agent
 * may tick some to split them off into a new campaign, or take one out of any campaign.
 */
export function CampaignReportsSection({ page, canManage }: { page: TCampaignPage; canManage: boolean }) {
  const { campaign, reports } = page;
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const split = useSplitCampaign(campaign.id);
  const remove = useRemoveReport(campaign.id);
  const errors = toFormErrors(split.error) ?? toFormErrors(remove.error);

  function toggle(id: string, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function onSplit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const label = String(new FormData(event.currentTarget).get('label') ?? '').trim();
    split.mutate(
      { reportIds: [...selected], ...(label ? { label } : {}) },
      { onSuccess: (created) => void navigate(`/campagnes/${encodeURIComponent(created.id)}`) },
    );
  }

  return (
    <section className="section" aria-labelledby="campagne-signalements">
      <h2 id="campagne-signalements">Signalements</h2>
      {page.reportsShown < campaign.reportCount - page.reportsOtherDepartements ? (
        <p className="muted">
          Les {page.reportsShown} plus récents sur {campaign.reportCount - page.reportsOtherDepartements}.
        </p>
      ) : null}
      {page.reportsOtherDepartements > 0 ? (
        <p className="muted">
          {page.reportsOtherDepartements} signalement{page.reportsOtherDepartements > 1 ? 's' : ''} d'autres départements{' '}
          {page.reportsOtherDepartements > 1 ? 'sont comptés' : 'est compté'} dans la campagne sans être détaillé
          {page.reportsOtherDepartements > 1 ? 's' : ''} ici.
        </p>
      ) : null}
      {remove.isSuccess ? (
        <Notice tone="success">Le signalement a été retiré de la campagne ; le regroupement automatique ne l'y remettra pas.</Notice>
      ) : null}
      <form noValidate onSubmit={onSplit}>
        <FormError errors={errors} idPrefix={ID} />
        <div className="table-wrap" role="region" aria-labelledby="campagne-signalements-legende" tabIndex={0}>
          <table className="table">
            <caption id="campagne-signalements-legende">
              <span className="table__caption">Signalements de la campagne, le plus récent en premier</span>
            </caption>
            <thead>
              <tr>
                {canManage ? <th scope="col">Choisir</th> : null}
                <th scope="col">Reçu</th>
                <th scope="col">Reçu le</th>
                <th scope="col">Faits du</th>
                <th scope="col">Canal</th>
                <th scope="col">Département</th>
                <th scope="col">Statut</th>
                {canManage ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  {canManage ? (
                    <td>
                      {r.inScope ? (
                        <input
                          type="checkbox"
                          id={`${ID}-${r.id}`}
                          checked={selected.has(r.id)}
                          onChange={(event) => toggle(r.id, event.currentTarget.checked)}
                          aria-label={`Choisir le signalement ${r.receiptNumber}`}
                        />
                      ) : null}
                    </td>
                  ) : null}
                  <th scope="row">
                    {r.inScope ? <Link to={`/signalements/${encodeURIComponent(r.id)}`}>{r.receiptNumber}</Link> : r.receiptNumber}
                    {r.pinned ? <span className="muted"> (placé à la main)</span> : null}
                  </th>
                  <td>{formatShortDateTime(r.createdAt)}</td>
                  <td>{r.occurredOn ? dayLabel(r.occurredOn, true) : '—'}</td>
                  <td>{REPORT_CHANNEL_LABELS[r.channel]}</td>
                  <td>{r.departement ? departementLabel(r.departement) : 'Non renseigné'}</td>
                  <td>{REPORT_STATUS_LABELS[r.status]}</td>
                  {canManage ? (
                    <td>
                      {r.inScope ? (
                        <button type="button" className="button button--secondary button--small" disabled={remove.isPending} onClick={() => remove.mutate(r.id)}>
                          Retirer<span className="visually-hidden"> le signalement {r.receiptNumber} de la campagne</span>
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canManage ? (
          <fieldset className="fieldset form campaign-split">
            <legend>Scinder la campagne</legend>
            <p className="hint">
              Les signalements cochés ({selected.size}) forment une nouvelle campagne ; le regroupement automatique ne les fusionnera plus
              avec celle-ci.
            </p>
            <TextField idPrefix={ID} name="label" label="Libellé de la nouvelle campagne (facultatif)" maxLength={200} error={errors?.fields.label} />
            <div className="form__actions">
              <button type="submit" className="button" disabled={selected.size === 0 || split.isPending}>
                Scinder : créer une campagne avec les signalements cochés
              </button>
            </div>
          </fieldset>
        ) : null}
      </form>
    </section>
  );
}
