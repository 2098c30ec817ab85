import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import type { ChangeRequestRow, DoctorRow, HoldReason } from '../../platform/db/schema.js';
import { contactChannelChangedSince } from './doctors.repo.js';

const EMAIL_FIELDS = ['corrEmail', 'proEmail'];
const PHONE_FIELDS = ['corrPhone', 'proPhone'];

export type SecondReviewTrigger = 'old_channel_missing' | 'old_channel_recent' | 'email_and_phone';

/** A reason a second agent must look, shown with the request like the suspicious-details holds. */
export interface SecondReviewReason extends HoldReason {
  code: `second_review_${SecondReviewTrigger}`;
}

const MESSAGES: Record<SecondReviewTrigger, { field: string; message: string }> = {
  old_channel_missing: {
    field: 'contact',
    message: 'La fiche n’a ni adresse électronique ni téléphone : le médecin ne peut pas être prévenu de la modification. Un second agent doit la valider.',
  },
  old_channel_recent: {
    field: 'contact',
    message: 'L’adresse électronique ou le téléphone de la fiche a lui-même changé pendant la période de prudence : il ne permet pas de confirmer. Un second agent doit valider.',
  },
  email_and_phone: {
    field: 'contact',
    message: 'La demande change à la fois l’adresse électronique et le téléphone : un second agent doit la valider.',
  },
};

/**
 * Why an in-person contact change must wait for a second agent, whatever the agent who checked the
 * identity says: the previous channels cannot tell the doctor (none on file, or themselves changed within
 * the cooling period), or the change replaces email and phone at once, leaving the doctor no channel the
 * requester does not control. Only contact changes: a transfer keeps the channels, a registration has none yet.
 */
export async function findSecondReviewReasons(tx: Executor, deps: ServiceDeps, request: ChangeRequestRow, doctor: DoctorRow): Promise<SecondReviewReason[]> {
  if (request.kind !== 'contact_change') return [];
  const triggers: SecondReviewTrigger[] = [];
  const fields = Object.keys(request.requested);
  const touchesChannel = fields.some((f) => EMAIL_FIELDS.includes(f) || PHONE_FIELDS.includes(f));
  if (![doctor.corrEmail, doctor.proEmail, doctor.corrPhone, doctor.proPhone].some(Boolean)) triggers.push('old_channel_missing');
  else if (await contactChannelChangedSince(tx, doctor.id, new Date(Date.now() - deps.config.registryCoolingHours * 3_600_000))) triggers.push('old_channel_recent');
  if (touchesChannel && fields.some((f) => EMAIL_FIELDS.includes(f)) && fields.some((f) => PHONE_FIELDS.includes(f))) triggers.push('email_and_phone');
  return triggers.map((trigger) => ({ code: `second_review_${trigger}`, ...MESSAGES[trigger] }));
}

