/** The Ordre's reminders against abusive solicitation (circulars on DPC and certification périodique). */
export function OrdreGuidance() {
  return (
    <section className="guidance" aria-labelledby="rappels-ordre">
      <h2 id="rappels-ordre">Les rappels de l'Ordre face aux démarchages abusifs</h2>
      <ul>
        <li>
          L'Ordre des médecins est la <strong>seule entité compétente</strong> pour valider votre parcours de
          certification périodique et votre DPC.
        </li>
        <li>
          Aucune radiation ne peut être prononcée en dehors d'une décision de la chambre disciplinaire de l'Ordre
          des médecins : jamais par téléphone.
        </li>
        <li>
          L'Agence du Numérique en Santé (ANS) et l'Agence nationale du DPC (ANDPC) ne vous contacteront jamais
          directement pour vous proposer des actions de certification périodique ou de DPC.
        </li>
        <li>
          La « direction régionale de certification périodique » <strong>n'existe pas</strong> : c'est un nom
          utilisé par des organismes malveillants.
        </li>
        <li>
          Ne communiquez jamais les identifiants de vos espaces personnels, ni par téléphone ni par courriel, et
          changez régulièrement vos mots de passe.
        </li>
        <li>
          Vérifiez les liens reçus par courriel ou SMS : les sites légitimes sont <strong>agencedpc.fr</strong>,{' '}
          <strong>mondpc.fr</strong> et <strong>esante.gouv.fr</strong>.
        </li>
      </ul>
      <p>
        Si vous êtes victime d'un démarchage abusif, bloquez le correspondant et informez votre conseil
        départemental en précisant le nom de l'organisme et en joignant la copie des échanges.
      </p>
    </section>
  );
}
