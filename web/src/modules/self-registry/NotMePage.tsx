import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { InvalidLinkNotice, isTokenRejected } from '../../components/OneTimeLinkNotices.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useNotMe } from './self-registry.api.js';

const ID = 'ce-netait-pas-moi';

/**
 * Public, from the link sent to the previous address after a change of contact details. A button, not
 * the link itself, freezes the record: mail scanners that open links must not freeze anything.
 */
export function NotMePage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  const notMe = useNotMe();

  let content;
  if (!token || isTokenRejected(notMe.error)) {
    content = (
      <InvalidLinkNotice>
        <p>Ce lien est invalide, expiré ou a déjà servi.</p>
        <p>
          Si vous n'êtes pas à l'origine d'une modification de vos coordonnées et que votre fiche n'est pas encore
          gelée, appelez votre conseil départemental au numéro figurant sur son site officiel.
        </p>
      </InvalidLinkNotice>
    );
  } else if (notMe.isSuccess) {
    content = (
      <Notice tone="success" title="Votre fiche est gelée" focus>
        <p>
          Votre fiche est gelée : plus aucune modification ne peut y être appliquée. Votre conseil départemental est
          alerté ; il vous contactera par vos coordonnées antérieures pour rétablir la situation.
        </p>
        <p>
          Si vous avez un compte Vigie, changez votre mot de passe. Ne communiquez jamais vos identifiants ni un code
          reçu par SMS ou par courriel : l'Ordre ne vous les demandera jamais.
        </p>
      </Notice>
    );
  } else {
    content = (
      <div className="card">
        <p>
          Vous avez été prévenu d'une modification de vos coordonnées au tableau de l'Ordre des médecins. Si vous en
          êtes l'auteur, vous n'avez rien à faire.
        </p>
        <p>
          Sinon, quelqu'un tente peut-être d'usurper votre identité (par exemple pour faire émettre une carte
          professionnelle à votre nom). Gelez votre fiche : plus aucune modification ne sera possible et votre conseil
          départemental sera alerté.
        </p>
        <FormError errors={toFormErrors(notMe.error)} idPrefix={ID} />
        <button type="button" className="button button--danger" disabled={notMe.isPending} onClick={() => notMe.mutate({ token })}>
          Geler ma fiche et alerter mon conseil
        </button>
      </div>
    );
  }

  return <Page title="Ce n'était pas moi">{content}</Page>;
}
