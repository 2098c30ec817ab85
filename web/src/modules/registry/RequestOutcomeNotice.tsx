import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { Notice } from '../../components/Notice.js';
import { CHANGE_STATUS_LABELS } from '../../../../contracts/registry.schemas.js';

/** What a request's status means for the agent, with the hold reasons when a second agent must look. */
export function RequestOutcomeNotice({ request, focus = false }: { request: TChangeRequestView; focus?: boolean }) {
  switch (request.status) {
    case 'appliquee':
      return (
        <Notice tone="success" title="Modification appliquée" focus={focus}>
          <p>
            La fiche est à jour. Les anciennes coordonnées ont été prévenues, avec un lien « Ce n'était pas moi » qui
            gèle la fiche. Les nouvelles coordonnées ne servent à aucune opération sensible pendant le délai de
            vérification.
          </p>
        </Notice>
      );
    case 'en_revue':
      return (
        <Notice tone="warning" title="Un second agent doit valider" focus={focus}>
          <p>L'identité est vérifiée, mais cette modification demande un second regard :</p>
          <ul>
            {request.holdReasons.map((reason) => (
              <li key={`${reason.code}-${reason.field}`}>{reason.message}</li>
            ))}
          </ul>
        </Notice>
      );
    case 'gelee':
      return (
        <Notice tone="danger" title="Demande gelée, le référent sécurité est alerté" focus={focus}>
          <p>Une tentative de fraude a été signalée lors de la vérification d'identité. Rien n'a été modifié sur la fiche.</p>
        </Notice>
      );
    case 'rejetee':
      return (
        <Notice title="Demande refusée" focus={focus}>
          <p>La fiche n'a pas été modifiée.</p>
        </Notice>
      );
    case 'attente_codes':
      return (
        <Notice title={CHANGE_STATUS_LABELS.attente_codes}>
          <p>Le médecin a fait cette demande depuis son espace ; elle attend les codes envoyés à ses nouvelles coordonnées.</p>
        </Notice>
      );
    case 'attente_presence':
      return null;
  }
}
