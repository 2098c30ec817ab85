import type { FormEvent } from 'react';
import type { TCampaignPage } from '../../../../contracts/campaigns.schemas.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { TextField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { ACTIONS_REASON_ID } from './CampaignActions.js';
import { useApprovePublicLabel, useProposePublicLabel } from './campaigns.api.js';

const ID = 'nom-public';
const OWN_PROPOSAL_ID = 'nom-public-propre';

/**
 * The name the public check page shows after « campagne » when one of its numbers, sites or addresses is
 * checked: the scam family's label by default, or a name proposed by one agent and approved by another.
 * The campaign's working label never reaches the public page.
 */
export function CampaignPublicLabel({ page, canManage }: { page: TCampaignPage; canManage: boolean }) {
  const { campaign, publicLabel, access } = page;
  const propose = useProposePublicLabel(campaign.id);
  const approve = useApprovePublicLabel(campaign.id);
  const errors = toFormErrors(propose.error) ?? toFormErrors(approve.error);
  const mayAct = canManage && access.canChange;
  const proposal = publicLabel.proposal;

  function onPropose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    propose.mutate({ label: String(new FormData(form).get('label') ?? '') }, { onSuccess: () => form.reset() });
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Nom public</h2>
      <p>
        Ce que lit le public sur la page de vérification :{' '}
        {publicLabel.current ? (
          <>
            « <strong>{publicLabel.current}</strong> »{' '}
            <span className="muted">
              ({publicLabel.source === 'approuve' ? 'nom approuvé par un second agent' : "libellé de la famille d'escroquerie"})
            </span>
          </>
        ) : (
          <span className="muted">aucun nom de campagne (famille non déterminée) : seul le nombre de signalements est indiqué.</span>
        )}
      </p>
      <p className="hint">Le libellé de la campagne est un nom de travail : le modifier ne change jamais ce que lit le public.</p>
      <FormError errors={errors} idPrefix={ID} />
      {approve.isSuccess ? <Notice tone="success">Nom public approuvé : les analyses l'affichent désormais.</Notice> : null}
      {proposal ? (
        <div className="card">
          <p>
            Proposition en attente d'approbation : « <strong>{proposal.label}</strong> »{' '}
            <span className="muted">(proposée le {formatDateTime(proposal.proposedAt)}{proposal.proposedByMe ? ', par vous' : ''})</span>
          </p>
          {canManage ? (
            <>
              {proposal.proposedByMe ? (
                <p id={OWN_PROPOSAL_ID} className="hint">
                  Vous l'avez proposée : un autre agent doit l'approuver avant qu'elle soit publiée.
                </p>
              ) : null}
              <button
                type="button"
                className="button"
                disabled={!mayAct || proposal.proposedByMe || approve.isPending}
                aria-describedby={!access.canChange ? ACTIONS_REASON_ID : proposal.proposedByMe ? OWN_PROPOSAL_ID : undefined}
                onClick={() => approve.mutate({ label: proposal.label })}
              >
                Approuver et publier ce nom
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {canManage ? (
        <form className="form" noValidate onSubmit={onPropose}>
          <fieldset className="fieldset" disabled={!mayAct} aria-describedby={access.canChange ? undefined : ACTIONS_REASON_ID}>
            <legend>Proposer un nom public</legend>
            <TextField
              idPrefix={ID}
              name="label"
              label="Nom proposé"
              hint="Une ligne, 120 caractères au plus, sans nom de déclarant ni de victime. Il ne sera publié qu'après l'approbation d'un autre agent."
              maxLength={120}
              required
              error={errors?.fields.label}
            />
            <div className="form__actions">
              <button type="submit" className="button button--secondary" disabled={propose.isPending}>
                Proposer
              </button>
            </div>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
}
