import { Link } from 'react-router';
import { Page } from '../components/Page.js';

export function NotFoundPage() {
  return (
    <Page title="Page introuvable">
      <p>La page demandée n'existe pas ou a été déplacée. Vérifiez l'adresse saisie.</p>
      <p>
        <Link to="/">Revenir à l'accueil</Link>
      </p>
    </Page>
  );
}
