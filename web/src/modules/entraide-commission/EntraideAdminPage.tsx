import { useState } from 'react';
import { Link } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { Page } from '../../components/Page.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { HelplinesSection } from './HelplinesForm.js';
import { MandatesSection } from './MandatesSection.js';
import { RetentionForm } from './RetentionForm.js';

/**
 * What administrators set for entraide: seats, retention, helplines. No administrator permission opens a
 * case: this page shows members and settings, never a case nor an identity.
 */
export function EntraideAdminPage() {
  const { data: session } = useSession();
  const [message, setMessage] = useState('');
  const can = (permission: Parameters<typeof hasPermission>[1]) => hasPermission(session, permission);
  return (
    <Page title="Administration de l'entraide">
      <p>
        Les dossiers d'entraide ne sont ouverts qu'aux membres des commissions, pendant leur mandat ; l'administration fixe les
        mandats, la durée de conservation et les lignes d'écoute, sans jamais voir un dossier.
        {can('entraide:stats_read') ? (
          <>
            {' '}
            <Link to="/entraide/statistiques">Voir les statistiques anonymisées</Link>.
          </>
        ) : null}
      </p>
      <div aria-live="polite">
        {message ? (
          <Notice tone="success">
            <p>{message}</p>
          </Notice>
        ) : null}
      </div>
      {can('entraide:mandates_manage') ? <MandatesSection onDone={setMessage} /> : null}
      {can('entraide:retention_manage') ? <RetentionForm onDone={setMessage} /> : null}
      {can('entraide:helplines_manage') ? <HelplinesSection onDone={setMessage} /> : null}
    </Page>
  );
}
