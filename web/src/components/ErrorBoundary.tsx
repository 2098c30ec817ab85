import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface State {
  failed: boolean;
}

/** Catches a rendering error so the user sees a French message instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="contenu" className="container">
        <h1>Une erreur est survenue</h1>
        <p>L'affichage de cette page a échoué. Rechargez la page ; si l'erreur persiste, contactez le support.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Recharger la page
        </button>
      </main>
    );
  }
}
