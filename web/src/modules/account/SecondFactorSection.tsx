import { useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { TAccountView } from '../../../../contracts/account.schemas.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { ACCOUNT_KEY, useTotpSetup } from './account.api.js';
import { TotpSetupPanel } from './TotpSetupPanel.js';
import { RecoveryCodesPanel } from './RecoveryCodesPanel.js';
import { TotpDisableForm } from './TotpDisableForm.js';
import { RecoveryCodesRegenerateForm } from './RecoveryCodesRegenerateForm.js';

const ID = 'double-authentification';
type OpenForm = 'regenerate' | 'disable' | null;

/** A button that opens or closes one of the forms shown below the buttons. */
function FormToggle({ expanded, onClick, children }: { expanded: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="button button--secondary"
      aria-expanded={expanded}
      aria-controls={`${ID}-action`}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Status of the second factor and every action on it: set up, regenerate recovery codes, disable. */
export function SecondFactorSection({ account, enrolling }: { account: TAccountView; enrolling: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const setup = useTotpSetup();
  const [codes, setCodes] = useState<{ list: string[]; afterEnrolment: boolean } | null>(null);
  const [openForm, setOpenForm] = useState<OpenForm>(null);
  const [disabled, setDisabled] = useState(false);

  async function onCodesKept() {
    const afterEnrolment = codes?.afterEnrolment ?? false;
    setCodes(null);
    setOpenForm(null);
    setup.reset();
    await queryClient.invalidateQueries({ queryKey: ACCOUNT_KEY });
    if (afterEnrolment) await navigate('/');
  }

  function toggle(form: Exclude<OpenForm, null>) {
    setDisabled(false);
    setOpenForm((current) => (current === form ? null : form));
  }

  let body;
  if (codes) {
    body = <RecoveryCodesPanel codes={codes.list} onContinue={() => void onCodesKept()} />;
  } else if (!account.secondFactorEnabled && setup.data) {
    body = (
      <TotpSetupPanel
        setup={setup.data}
        onConfirmed={(list) => setCodes({ list, afterEnrolment: enrolling })}
        onCancel={() => setup.reset()}
      />
    );
  } else if (!account.secondFactorEnabled) {
    body = (
      <>
        {disabled ? (
          <Notice tone="success" focus>
            <p>La double authentification est désactivée.</p>
          </Notice>
        ) : null}
        <p>
          La double authentification protège votre compte même si votre mot de passe est dérobé : à chaque
          connexion, Vigie vous demande en plus un code à 6 chiffres affiché par une application
          d'authentification installée sur votre téléphone.
        </p>
        <FormError errors={toFormErrors(setup.error)} idPrefix={ID} />
        <button type="button" className="button" onClick={() => setup.mutate()} disabled={setup.isPending}>
          Configurer la double authentification
        </button>
      </>
    );
  } else {
    body = (
      <>
        <p className="status-line">
          <span className="badge badge--success">Activée</span> Codes de secours restants :{' '}
          <strong>{account.recoveryCodesLeft}</strong>
        </p>
        {account.recoveryCodesLeft <= 3 ? (
          <Notice tone="warning">
            <p>Il vous reste peu de codes de secours : générez-en de nouveaux.</p>
          </Notice>
        ) : null}
        <div className="button-row">
          <FormToggle expanded={openForm === 'regenerate'} onClick={() => toggle('regenerate')}>
            Générer de nouveaux codes de secours
          </FormToggle>
          {account.secondFactorRequired ? null : (
            <FormToggle expanded={openForm === 'disable'} onClick={() => toggle('disable')}>
              Désactiver la double authentification
            </FormToggle>
          )}
        </div>
        <div id={`${ID}-action`}>
          {openForm === 'regenerate' ? (
            <RecoveryCodesRegenerateForm
              onGenerated={(list) => setCodes({ list, afterEnrolment: false })}
              onCancel={() => setOpenForm(null)}
            />
          ) : null}
          {openForm === 'disable' ? (
            <TotpDisableForm
              onDisabled={() => {
                setOpenForm(null);
                setDisabled(true);
              }}
              onCancel={() => setOpenForm(null)}
            />
          ) : null}
        </div>
        {account.secondFactorRequired ? (
          <p className="hint">La double authentification est obligatoire pour votre rôle : elle ne peut pas être désactivée.</p>
        ) : null}
      </>
    );
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Double authentification</h2>
      {body}
    </section>
  );
}
