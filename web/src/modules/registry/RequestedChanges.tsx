import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { fieldLabel } from '../../components/registry/labels.js';

/** The new values a request asks for. */
export function RequestedChanges({ request }: { request: TChangeRequestView }) {
  return (
    <dl className="details">
      {Object.entries(request.requested).map(([field, value]) => (
        <div key={field}>
          <dt>{fieldLabel(field)}</dt>
          <dd>{value === null || value === '' ? <em>effacé</em> : value}</dd>
        </div>
      ))}
    </dl>
  );
}
