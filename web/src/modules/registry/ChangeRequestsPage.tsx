import { Link, useSearchParams } from 'react-router';
import { CHANGE_STATUS_TAB_LABELS, CHANGE_STATUSES } from '../../../../contracts/registry.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useChangeRequests } from './registry.api.js';
import type { ChangeStatus } from './registry.api.js';
import { RegistryNav } from './RegistryNav.js';
import { ChangeRequestsTable } from './ChangeRequestsTable.js';

const TABS: readonly { status: ChangeStatus | ''; label: string }[] = (['attente_presence', 'en_revue', 'gelee', 'appliquee', ''] as const).map((status) => ({
  status,
  label: CHANGE_STATUS_TAB_LABELS[status]!,
}));

function readStatus(params: URLSearchParams): ChangeStatus | '' {
  const value = params.get('statut');
  if (value === null) return 'attente_presence';
  return (CHANGE_STATUSES as readonly string[]).includes(value) ? (value as ChangeStatus) : '';
}

/** The council's queue: requests waiting for the doctor in person, held for review, frozen, done. */
export function ChangeRequestsPage() {
  const [searchParams] = useSearchParams();
  const status = readStatus(searchParams);
  const requests = useChangeRequests(status);
  const tab = TABS.find((t) => t.status === status);
  const items = requests.data?.items;

  return (
    <Page title="Demandes de modification">
      <RegistryNav />
      <p>
        Une demande reçue par téléphone, courriel ou courrier n'est finalisée qu'en présence du médecin, après
        vérification de son passeport ou de sa carte nationale d'identité.
      </p>
      <nav className="tabs" aria-label="Filtrer les demandes par statut">
        <ul>
          {TABS.map((t) => (
            <li key={t.status || 'toutes'}>
              <Link to={`/tableau/demandes?statut=${t.status}`} aria-current={t.status === status ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {requests.isPending ? <Loading /> : null}
      {requests.isError ? <FormError errors={toFormErrors(requests.error)} idPrefix="demandes" /> : null}
      {items && items.length === 0 ? <p role="status">Aucune demande dans cette liste.</p> : null}
      {items && items.length > 0 ? (
        <ChangeRequestsTable
          id="demandes-tableau"
          requests={items}
          caption={`${tab?.label ?? 'Demandes'} : ${items.length} demande${items.length > 1 ? 's' : ''}`}
          withDoctor
        />
      ) : null}
    </Page>
  );
}
