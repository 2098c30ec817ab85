import { Link } from 'react-router';
import { DPC_REPORTER_PROTECTION, type TDpcSignalementFiled } from '../../../../contracts/dpc-filing.schemas.js';
import { Notice } from '../../components/Notice.js';


/** The receipt: the reference to quote, what happens next, where a doctor follows it. */
export function SignalementFormReceipt({ filed, canFollow, emailed }: { filed: TDpcSignalementFiled; canFollow: boolean; emailed: boolean }) {
  return (
    <>
      <Notice tone="success" title={`Signalement ${filed.reference} enregistré`} focus>
        <p>Rappelez cette référence dans tout échange avec le conseil.{emailed ? ' Un accusé de réception vous a été envoyé par courriel.' : ''}</p>
      </Notice>
      <h2>Et maintenant ?</h2>
      <ol>
        <li>Le conseil examine votre signalement, et le confie si besoin à un relecteur expert.</li>
        <li>L’organisme de formation peut être invité à s’expliquer, sans jamais savoir qui l’a signalé.</li>
        <li>
          Le conseil décide : classement, transmission à l’Agence nationale du DPC (ANDPC) ou à la MIVILUDES, ou saisine de la
          chambre disciplinaire.
        </li>
      </ol>
      <p>{DPC_REPORTER_PROTECTION}</p>
      <p>En cas de danger immédiat pour une personne, appelez le 15 ou le 112.</p>
      {canFollow ? (
        <p>
          <Link to="/vigilance-dpc/mes-signalements">Suivre mes signalements DPC</Link>
        </p>
      ) : null}
    </>
  );
}
