import type { Executor } from '../../platform/db/client.js';
import type { DoctorRow, HoldReason, RequestedChanges } from '../../platform/db/schema.js';
import { findActiveIndicators } from '../indicators/index.js';
import { findOtherRecordsUsing } from './doctors.repo.js';
import { isDisposableEmail, isForeignPhone } from './contact-values.js';

const EMAIL_FIELDS = ['corrEmail', 'proEmail'] as const;
const PHONE_FIELDS = ['corrPhone', 'proPhone'] as const;

/**
 * Why new contact details deserve a second agent's look: already on another doctor's record, a
 * throw-away mailbox, a foreign number, or a known fraud indicator. Empty when nothing is odd.
 */
export async function findHoldReasons(db: Executor, doctor: DoctorRow, requested: RequestedChanges): Promise<HoldReason[]> {
  const reasons: HoldReason[] = [];
  if (doctor.frozenAt) reasons.push({ code: 'record_frozen', field: 'doctor', message: 'La fiche est gelée (signalement « ce n’était pas moi » ou fraude suspectée).' });
  const lookups: string[] = [];
  for (const field of EMAIL_FIELDS) {
    const email = requested[field];
    if (!email) continue;
    const domain = email.split('@')[1] ?? '';
    lookups.push(email, domain);
    const others = await findOtherRecordsUsing(db, doctor.id, { email });
    if (others.length) reasons.push({ code: 'shared_with_other_record', field, message: `L’adresse ${email} figure déjà sur la fiche d’un autre médecin (RPPS ${others.map((o) => o.rpps).join(', ')}).` });
    if (isDisposableEmail(email)) reasons.push({ code: 'disposable_email', field, message: `${domain} est un service d’adresses jetables.` });
  }
  for (const field of PHONE_FIELDS) {
    const phone = requested[field];
    if (!phone) continue;
    lookups.push(phone);
    const others = await findOtherRecordsUsing(db, doctor.id, { phone });
    if (others.length) reasons.push({ code: 'shared_with_other_record', field, message: `Le numéro ${phone} figure déjà sur la fiche d’un autre médecin (RPPS ${others.map((o) => o.rpps).join(', ')}).` });
    if (isForeignPhone(phone)) reasons.push({ code: 'foreign_phone', field, message: `Le numéro ${phone} est étranger, pour un médecin inscrit en France.` });
  }
  for (const sighting of await findActiveIndicators(db, lookups)) {
    const field = Object.entries(requested).find(([, v]) => v === sighting.value || (v ?? '').endsWith(`@${sighting.value}`))?.[0] ?? 'contact';
    reasons.push({
      code: 'fraud_indicator',
      field,
      message: `${sighting.value} a été signalé ${sighting.reportCount} fois comme utilisé dans une fraude${sighting.campaignLabel ? ` (campagne « ${sighting.campaignLabel} »)` : ''}.`,
    });
  }
  return reasons;
}
