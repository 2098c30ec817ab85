import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS, SCAM_FAMILIES, SCAM_FAMILY_LABELS } from '../../../../contracts/campaigns.schemas.js';
import { FormError } from '../../components/FormError.js';
import { Loading, Page } from '../../components/Page.js';
import { Pagination } from '../../components/Pagination.js';
import { SelectField } from '../../components/fields.js';
import { toQueryString } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useCampaigns, type CampaignFilters } from './campaigns.api.js';
import { campaignStatusBadge, familyLabel } from './labels.js';
import { FilterActions, LabelledOptions } from '../../components/filters.js';

const ID = 'campagnes';

function readFilters(params: URLSearchParams): CampaignFilters {
  const status = params.get('statut') ?? '';
  const family = params.get('famille') ?? '';
  const page = Number(params.get('page') ?? '1');
  return {
    status: (CAMPAIGN_STATUSES as readonly string[]).includes(status) ? status : '',
    family: (SCAM_FAMILIES as readonly string[]).includes(family) ? family : '',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

const hrefOf = (f: CampaignFilters) => `/campagnes${toQueryString({ statut: f.status, famille: f.family, page: f.page > 1 ? f.page : '' })}`;

/** Campaigns grouped from the reports, most recently reported first; agents see their département's. */
export function CampaignsPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = readFilters(searchParams);
  const campaigns = useCampaigns(filters);
  const data = campaigns.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void navigate(hrefOf({ status: String(form.get('status') ?? ''), family: String(form.get('family') ?? ''), page: 1 }));
  }

  return (
    <Page title="Campagnes">
      <p>
        Les signalements qui partagent un numéro, un site, une adresse d'expéditeur, un nom d'organisme ou un texte
        presque identique sont regroupés automatiquement. <Link to="/indicateurs">Indicateurs en attente de décision</Link>
      </p>
      <form className="filters" onSubmit={onSubmit} aria-label="Filtrer les campagnes">
        <SelectField idPrefix={ID} name="status" label="Statut" defaultValue={filters.status}>
          <option value="">Tous</option>
          <LabelledOptions values={CAMPAIGN_STATUSES} labels={CAMPAIGN_STATUS_LABELS} />
        </SelectField>
        <SelectField idPrefix={ID} name="family" label="Famille d'escroquerie" defaultValue={filters.family}>
          <option value="">Toutes</option>
          <LabelledOptions values={SCAM_FAMILIES} labels={SCAM_FAMILY_LABELS} />
        </SelectField>
        <FilterActions />
      </form>
      {campaigns.isPending ? <Loading /> : null}
      {campaigns.isError ? <FormError errors={toFormErrors(campaigns.error)} idPrefix={ID} /> : null}
      {data && data.items.length === 0 ? <p role="status">Aucune campagne ne correspond.</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <div className="table-wrap" role="region" aria-labelledby={`${ID}-legende`} tabIndex={0}>
            <table className="table">
              <caption id={`${ID}-legende`}>
                <span className="table__caption">
                  {data.total} campagne{data.total > 1 ? 's' : ''}, la plus récemment signalée en premier
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Campagne</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Famille</th>
                  <th scope="col">Signalements</th>
                  <th scope="col">Premier</th>
                  <th scope="col">Dernier</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => {
                  const badge = campaignStatusBadge(c.status);
                  return (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/campagnes/${encodeURIComponent(c.id)}`}>{c.reference}</Link>
                        <span className="campaign-list__label">{c.label}</span>
                      </th>
                      <td>
                        <span className={badge.className}>{badge.label}</span>
                      </td>
                      <td>{familyLabel(c.scamFamily)}</td>
                      <td>{c.reportCount}</td>
                      <td>{formatShortDateTime(c.firstReportAt)}</td>
                      <td>{formatShortDateTime(c.lastReportAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={filters.page} pageCount={Math.ceil(data.total / data.pageSize)} hrefFor={(page) => hrefOf({ ...filters, page })} label="Pages des campagnes" />
        </>
      ) : null}
    </Page>
  );
}
