import { useState } from 'react';
import type { FormEvent } from 'react';
import { CheckboxField } from '../../components/fields.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { Notice } from '../../components/Notice.js';

const ID = 'codes-de-secours';

function codesAsText(codes: string[]): string {
  const date = new Date().toLocaleDateString('fr-FR');
  return [
    `Vigie — Ordre des médecins : codes de secours (générés le ${date})`,
    'Chaque code ne sert qu’une fois. Ne les communiquez à personne.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/** Shows freshly generated recovery codes, once, until the user says they kept them. */
export function RecoveryCodesPanel({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const [kept, setKept] = useState(false);
  const [keptError, setKeptError] = useState<string | undefined>();
  const [copyStatus, setCopyStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(codesAsText(codes));
      setCopyStatus('Les codes ont été copiés dans le presse-papiers.');
    } catch {
      setCopyStatus('La copie a échoué : sélectionnez les codes et copiez-les vous-même.');
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([codesAsText(codes)], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'vigie-codes-de-secours.txt';
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked later: some browsers read the blob after click() has returned.
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setCopyStatus('Le fichier vigie-codes-de-secours.txt a été téléchargé.');
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!kept) {
      setKeptError('Cochez la case pour confirmer que vous avez conservé vos codes.');
      return;
    }
    onContinue();
  }

  return (
    <div className="recovery">
      <FocusedHeading>Vos codes de secours</FocusedHeading>
      <Notice tone="warning" title="Conservez ces codes en lieu sûr : ils ne seront plus affichés">
        <p>
          Chaque code permet une seule connexion si vous n'avez plus accès à votre application d'authentification
          (téléphone perdu ou changé). Gardez-les dans un gestionnaire de mots de passe ou imprimés, et ne les
          communiquez à personne.
        </p>
      </Notice>
      <ul className="recovery-codes" aria-label="Codes de secours">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copier
        </button>
        <button type="button" className="button button--secondary" onClick={download}>
          Télécharger
        </button>
      </div>
      <p role="status" className="status-message">
        {copyStatus}
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <CheckboxField
          idPrefix={ID}
          name="kept"
          label="J'ai conservé mes codes"
          checked={kept}
          onChange={(event) => {
            setKept(event.currentTarget.checked);
            setKeptError(undefined);
          }}
          error={keptError}
        />
        <FormActions submitLabel="Continuer" />
      </form>
    </div>
  );
}
