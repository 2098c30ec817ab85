import { Link, useParams } from 'react-router';
import { FormError } from '../../components/FormError.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { departementLabel, formatDateTime } from '../../lib/format.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { CampaignExportLinks } from '../../components/sharing/CampaignExportLinks.js';
import { CampaignActions } from './CampaignActions.js';
import { DepartementsChart, TimelineChart } from './CampaignCharts.js';
import { CampaignIndicatorsTable } from './CampaignIndicatorsTable.js';
import { CampaignPublicLabel } from './CampaignPublicLabel.js';
import { CampaignReportsSection } from './CampaignReportsSection.js';
import { CampaignWithdrawnValues } from './CampaignWithdrawnValues.js';
import { useCampaign } from './campaigns.api.js';
import { campaignStatusBadge, familyLabel } from './labels.js';
import { Detail, Details } from '../../components/Details.js';

/** One campaign: what it is, how it spread (per day, per département), what links it, its reports. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const session = useSession();
  const canManage = hasPermission(session.data, 'campaign:manage');
  const canDecide = hasPermission(session.data, 'indicator:manage');
  const page = campaign.data;

  if (!page) {
    return (
      <Page title="Campagne">
        {campaign.isPending ? <Loading /> : <FormError errors={toFormErrors(campaign.error)} idPrefix="campagne" />}
        <p>
          <Link to="/campagnes">Retour aux campagnes</Link>
        </p>
      </Page>
    );
  }
  const c = page.campaign;
  const badge = campaignStatusBadge(c.status);
  const shared = page.departements.length > 1;
  return (
    <Page title={`Campagne ${c.reference}`} heading={c.label}>
      <p>
        <Link to="/campagnes">Retour aux campagnes</Link>
      </p>
      <Details>
        <Detail label="Référence">{c.reference}</Detail>
        <Detail label="Statut">
          <span className={badge.className}>{badge.label}</span>
          {c.qualifiedAt ? <span className="muted"> depuis le {formatDateTime(c.qualifiedAt)}</span> : null}
        </Detail>
        <Detail label="Famille">{familyLabel(c.scamFamily)}</Detail>
        <Detail label="Signalements">{c.reportCount}</Detail>
        <Detail label={shared ? 'Départements concernés' : 'Département concerné'}>
          {page.departements.map((d) => `${departementLabel(d.departement)} (${d.count})`).join(', ') || '—'}
          {shared ? <span className="muted"> — campagne partagée : seul un agent national peut la modifier</span> : null}
        </Detail>
        <Detail label="Premier signalement">{formatDateTime(c.firstReportAt, '—')}</Detail>
        <Detail label="Dernier signalement">{formatDateTime(c.lastReportAt, '—')}</Detail>
        {c.summary ? <Detail label="Résumé" className="campaign-summary">{c.summary}</Detail> : null}
      </Details>
      {canManage ? <CampaignActions campaign={c} reason={page.access.reason} /> : null}
      <div className="campaign-charts">
        <TimelineChart timeline={page.timeline} />
        <DepartementsChart departements={page.departements} />
      </div>
      <section className="section" aria-labelledby="campagne-indicateurs">
        <h2 id="campagne-indicateurs">Indicateurs</h2>
        <CampaignIndicatorsTable indicators={page.indicators} canDecide={canDecide && page.access.canChange} />
        {page.indicatorsOtherDepartements > 0 ? (
          <p className="muted">
            {page.indicatorsOtherDepartements} autre{page.indicatorsOtherDepartements > 1 ? 's' : ''} indicateur
            {page.indicatorsOtherDepartements > 1 ? 's' : ''}, relevé{page.indicatorsOtherDepartements > 1 ? 's' : ''} uniquement dans les
            signalements d'autres départements, n'{page.indicatorsOtherDepartements > 1 ? 'apparaissent' : 'apparaît'} pas ici.
          </p>
        ) : null}
        <CampaignWithdrawnValues withdrawn={page.withdrawn} />
        <CampaignExportLinks campaignId={c.id} />
      </section>
      <CampaignPublicLabel page={page} canManage={canManage} />
      <CampaignReportsSection key={c.id} page={page} canManage={canManage && page.access.canChange} />
    </Page>
  );
}
