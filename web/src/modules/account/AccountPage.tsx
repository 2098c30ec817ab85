import { Page, Loading } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSession } from '../../lib/session.js';
import { useAccount } from './account.api.js';
import { AccountDetails } from './AccountDetails.js';
import { SecondFactorSection } from './SecondFactorSection.js';
import { PasswordChangeForm } from './PasswordChangeForm.js';

/**
 * The user's own account. While a required second factor is not set up (pending enrolment), this is
 * the only screen reachable and only the second factor can be configured on it.
 */
export function AccountPage() {
  const session = useSession();
  const account = useAccount();
  const enrolling = session.data?.state === 'pending_enrollment';

  return (
    <Page title="Mon compte">
      {enrolling ? (
        <Notice tone="warning" title="La double authentification est obligatoire pour votre rôle">
          <p>
            Configurez-la maintenant avec une application d'authentification sur votre téléphone : vous
            accéderez ensuite à Vigie.
          </p>
        </Notice>
      ) : null}
      {account.isPending ? <Loading /> : null}
      {account.isError ? <FormError errors={toFormErrors(account.error)} idPrefix="compte" /> : null}
      {account.data ? (
        <>
          <AccountDetails account={account.data} />
          <SecondFactorSection account={account.data} enrolling={enrolling} />
          {enrolling ? null : <PasswordChangeForm />}
        </>
      ) : null}
    </Page>
  );
}
