import { Link } from 'react-router';
import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { Notice } from '../../components/Notice.js';

export const IN_PERSON_RULE =
  "La demande est enregistrée. Elle ne pourra être finalisée qu'en présence du médecin, après vérification de son passeport ou de sa carte nationale d'identité.";

/** Shown once a request is recorded: nothing has changed yet, the doctor must come in person. */
export function RequestRecordedNotice({ request }: { request: TChangeRequestView }) {
  const link = `/tableau/demandes/${encodeURIComponent(request.id)}`;
  return (
    <Notice tone="warning" title={`Demande ${request.reference} : à finaliser en présence`} focus>
      <p>{IN_PERSON_RULE}</p>
      <p>La fiche n'est pas modifiée d'ici là.</p>
      {request.channel === 'guichet' ? (
        <p>
          <Link to={link}>Le médecin est présent : vérifier son titre d'identité et finaliser la demande</Link>
        </p>
      ) : (
        <p>
          Quand le médecin se présentera, retrouvez la demande dans la liste des demandes :{' '}
          <Link to={link}>ouvrir la demande {request.reference}</Link>.
        </p>
      )}
    </Notice>
  );
}
