import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { STATUS_LABELS } from './options.js';

const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** The invitation is still waiting: the owner has not completed a first login since it was emailed. */
export function invitationPending(user: TUserView): user is TUserView & { invitationSentAt: string } {
  return !user.hasLoggedIn && user.invitationSentAt !== null;
}

/** « Invitation envoyée le 3 décembre 2026 », with the exact date for assistive technologies and copy. */
export function InvitationBadge({ sentAt }: { sentAt: string }) {
  return (
    <span className="badge badge--warning">
      Invitation envoyée le <time dateTime={sentAt}>{longDate.format(new Date(sentAt))}</time>
    </span>
  );
}

/** The account's status badge, and the invitation badge until its first login. */
export function AccountState({ user }: { user: TUserView }) {
  return (
    <span className="users-state">
      <span className={`badge ${user.status === 'active' ? 'badge--success' : 'badge--muted'}`}>{STATUS_LABELS[user.status]}</span>
      {invitationPending(user) ? <InvitationBadge sentAt={user.invitationSentAt} /> : null}
    </span>
  );
}
