import { Link } from 'react-router';
import type { EntraideContactMeans, EntraideUrgency, TEntraideReceipt } from '../../../../contracts/entraide.schemas.js';
import { Notice } from '../../components/Notice.js';
import { EmergencyNotice, HelplineCards } from '../../components/entraide/Helplines.js';
import type { Writer } from './RequestFields.js';

const CONTACT_NEXT: Record<Writer, Record<EntraideContactMeans, string>> = {
  self: {
    telephone: 'Un membre de la commission vous appellera.',
    courriel: 'Un membre de la commission vous écrira par courriel.',
    courrier: 'Un membre de la commission vous écrira par courrier.',
    aucun: "La commission ne vous contactera pas : appelez votre conseil départemental quand vous le souhaitez, en donnant cette référence.",
  },
  relative: {
    telephone: 'Un membre de la commission vous appellera.',
    courriel: 'Un membre de la commission vous écrira par courriel.',
    courrier: 'Un membre de la commission vous écrira par courrier.',
    aucun: "La commission ne vous contactera pas : appelez le conseil départemental quand vous le souhaitez, en donnant cette référence.",
  },
  staff: {
    telephone: 'Un membre de la commission rappellera la personne par téléphone.',
    courriel: 'Un membre de la commission écrira à la personne par courriel.',
    courrier: 'Un membre de la commission écrira à la personne par courrier.',
    aucun: 'La commission ne contactera pas la personne : elle rappellera le conseil en donnant cette référence.',
  },
};

/**
 * Shown in place of the form once the request is filed: the pseudonym, what happens next, and the
 * helplines to call meanwhile. No mail follows (docs/entraide.md): this screen is the only receipt.
 */
export function RequestReceipt({ receipt, writer, means, urgency, onAnother }: {
  receipt: TEntraideReceipt;
  writer: Writer;
  means: EntraideContactMeans;
  urgency: EntraideUrgency;
  onAnother?: () => void;
}) {
  return (
    <div>
      {urgency === 'immediate' && writer !== 'staff' ? <EmergencyNotice emergency={receipt.helplines.emergency} /> : null}
      <Notice tone="success" title={writer === 'staff' ? 'Demande enregistrée' : 'Votre demande est transmise'} focus>
        <p>
          Référence : <strong className="receipt-number">Dossier {receipt.reference}</strong>
        </p>
        {writer === 'staff' ? (
          <p>
            Elle est transmise à la commission départementale d'entraide. Vous ne verrez plus que cette référence :
            l'identité de la personne est réservée aux membres de la commission.
          </p>
        ) : (
          <p>
            La commission d'entraide du département l'a reçue. Seuls ses membres, médecins élus du conseil, connaissent
            {writer === 'self' ? ' votre identité' : " l'identité de la personne"} : les autres ne voient que cette référence.
          </p>
        )}
        <p>{CONTACT_NEXT[writer][means]}</p>
        {writer === 'self' ? (
          <p>
            Par discrétion, aucun courriel ne vous est envoyé. Vous retrouverez cette demande et son avancement dans{' '}
            <Link to="/entraide/mes-demandes">Mes demandes d'entraide</Link>.
          </p>
        ) : writer === 'relative' ? (
          <p>Par discrétion, aucun courriel ne vous est envoyé : notez cette référence.</p>
        ) : null}
      </Notice>
      <section className="section" aria-labelledby="lignes-apres-demande">
        <h2 id="lignes-apres-demande">{writer === 'staff' ? "Lignes d'écoute à indiquer à la personne" : 'En attendant, vous pouvez appeler'}</h2>
        <HelplineCards helplines={receipt.helplines.helplines} />
      </section>
      {onAnother ? (
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={onAnother}>
            Enregistrer une autre demande
          </button>
        </div>
      ) : null}
    </div>
  );
}
