import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading, Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { useCampaignPrefill, useCreateAlert } from './alerts.api.js';
import { AlertForm, EMPTY_ALERT } from './AlertForm.js';
import { alertTemplateFor } from '../../../../contracts/alert-templates.js';
import { FAMILY_LABELS, isFamilyId } from '../../../../analysis/messages/families.js';

const familyLabel = (family: string | null) => (family && isFamilyId(family) ? ` — ${FAMILY_LABELS[family]}` : '');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A new draft, from a template written for doctors: the campaign's family's (?campagne=ID) or the
 * generic one. The campaign's internal label is shown to the agent, never put in the public text.
 */
export function AlertDraftPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const campaignParam = params.get('campagne');
  const campaignId = campaignParam && UUID.test(campaignParam) ? campaignParam : null;
  const campaign = useCampaignPrefill(campaignId);
  const create = useCreateAlert();
  const start = alertTemplateFor(campaign.data?.scamFamily);

  return (
    <Page title="Nouvelle alerte">
      <p>
        <Link to="/alertes/gestion">Retour aux alertes</Link>
      </p>
      <p>
        Rédigez l’alerte que les médecins recevront par courriel et qui sera affichée sur la page publique « Alertes en cours ».
        Une fois le brouillon soumis, un autre agent devra l’approuver avant toute diffusion.
      </p>
      {campaignParam && !campaignId ? <Notice tone="warning">Le lien de campagne est invalide : l’alerte sera rédigée sans campagne.</Notice> : null}
      {campaignId && campaign.isPending ? <Loading label="Chargement de la campagne…" /> : null}
      {campaignId && campaign.isError ? <Notice tone="warning">Cette campagne est introuvable : l’alerte sera rédigée sans campagne.</Notice> : null}
      {campaign.data ? (
        <Notice title={`À partir de la campagne ${campaign.data.reference}`}>
          <p>
            « {campaign.data.label} »{familyLabel(campaign.data.scamFamily)}. Le texte part du modèle de cette famille d’escroquerie : n’y reprenez que ce qui
            aide les médecins à reconnaître la manœuvre.
          </p>
        </Notice>
      ) : null}
      {!campaignId || !campaign.isPending ? (
        <AlertForm
          key={campaign.data?.id ?? 'sans-campagne'}
          initial={{ ...EMPTY_ALERT, ...start.content, campaignId: campaign.data?.id ?? null }}
          template={start.id}
          submitLabel="Enregistrer le brouillon"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input, { onSuccess: (alert) => void navigate(`/alertes/gestion/${encodeURIComponent(alert.id)}`) })}
          onCancel={() => void navigate('/alertes/gestion')}
        />
      ) : null}
    </Page>
  );
}
