import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { fieldLabel } from '../../components/registry/labels.js';
import { Detail, Details } from '../../components/Details.js';

/** The new values a request asks for. */
export function RequestedChanges({ request }: { request: TChangeRequestView }) {
  return (
    <Details>
      {Object.entries(request.requested).map(([field, value]) => (
        <Detail key={field} label={fieldLabel(field)}>
          {value === null || value === '' ? <em>effacé</em> : value}
        </Detail>
      ))}
    </Details>
  );
}
