import { Link, useParams } from 'react-router';
import { DPC_ACTION_FORMAT_LABELS } from '../../../../contracts/dpc.schemas.js';
import { DriftFindingsList, DriftHighlightedText } from '../../components/dpc/DriftEvidence.js';
import { FormError } from '../../components/FormError.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { PriorityBadge } from './CatalogueBadges.js';
import { useCatalogueAction, type TDpcActionDetail } from './dpc.api.js';
import { Detail, Details } from '../../components/Details.js';

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** « 2026-03-14 » → « 14 mars 2026 ». */
export function formatDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : day.format(date);
}

function datesText(action: TDpcActionDetail): string {
  if (action.startsOn && action.endsOn) return action.startsOn === action.endsOn ? `Le ${formatDay(action.startsOn)}` : `Du ${formatDay(action.startsOn)} au ${formatDay(action.endsOn)}`;
  if (action.startsOn) return `À partir du ${formatDay(action.startsOn)}`;
  if (action.endsOn) return `Jusqu’au ${formatDay(action.endsOn)}`;
  return 'Non précisées';
}

/** One training action of the catalogue: what it is, who offers it, and what the drift screening found in it. */
export function CatalogueActionPage() {
  const { id = '' } = useParams();
  const query = useCatalogueAction(id);
  const action = query.data;
  return (
    <Page title={action ? `Action ${action.reference}` : 'Action de formation'} heading={action?.title ?? 'Action de formation'}>
      <p>
        <Link to="/vigilance-dpc/catalogue">Retour au catalogue</Link>
      </p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <FormError errors={toFormErrors(query.error)} idPrefix="action" /> : null}
      {action ? <ActionContent action={action} /> : null}
    </Page>
  );
}

function ActionContent({ action }: { action: TDpcActionDetail }) {
  const { organisation, screening } = action;
  const count = action.signalementCount;
  return (
    <>
      <h2>La formation</h2>
      <Details>
        <Detail label="Référence">{action.reference}</Detail>
        <Detail label="Orientation">{action.orientation ?? 'Non précisée'}</Detail>
        <Detail label="Format">{DPC_ACTION_FORMAT_LABELS[action.format]}</Detail>
        <Detail label="Dates">{datesText(action)}</Detail>
      </Details>

      <h2>L’organisme</h2>
      <Details>
        <Detail label="Nom">{organisation.name}</Detail>
        <Detail label="Numéro ODPC">
          <Link to={`/vigilance-dpc/catalogue?organisation=${encodeURIComponent(organisation.registrationNumber)}`}>{organisation.registrationNumber}</Link>
        </Detail>
        <Detail label="Courriel de contact">{organisation.contactEmail ? <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a> : 'Non communiqué'}</Detail>
        <Detail label="Téléphone de contact">{organisation.contactPhone ?? 'Non communiqué'}</Detail>
      </Details>

      <h2>Repérage des dérives</h2>
      <Details>
        <Detail label="Priorité">
          <PriorityBadge priority={screening.priority} />
        </Detail>
        <Detail label="Score">{screening.score} / 100</Detail>
        <Detail label="Lexique">
          Version {screening.lexiconVersion}, lu le {formatDateTime(screening.screenedAt)}
        </Detail>
      </Details>
      <h3>Titre et programme</h3>
      {screening.findings.length > 0 ? <p>Les passages qui ont fait relever un marqueur sont surlignés et numérotés.</p> : null}
      <DriftHighlightedText text={screening.screenedText} findings={screening.findings} label="Titre et programme de la formation" idPrefix="action" />
      <h3>Marqueurs relevés</h3>
      <DriftFindingsList findings={screening.findings} idPrefix="action" />

      <h2>Signalements</h2>
      <p>
        {count === 0
          ? 'Aucun signalement ne porte sur cette formation.'
          : `${count.toLocaleString('fr-FR')} signalement${count > 1 ? 's portent' : ' porte'} sur cette formation.`}
      </p>
      <p>
        <Link className="button" to={`/vigilance-dpc/signaler?action=${encodeURIComponent(action.id)}`}>
          Signaler cette formation
        </Link>
      </p>
    </>
  );
}
