import { and, eq, inArray, ne } from 'drizzle-orm';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions.js';
import { ROLES } from '../../../contracts/roles.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { AlertRow } from '../../platform/db/schema-alerts.js';
import { users } from '../../platform/db/schema.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';
import { MAIL_SIGNATURE } from '../../platform/mail/signature.js';
import { coversAudience } from './alerts.policy.js';

// Four eyes works only if the second pair of eyes knows it is awaited: when an alert is submitted, every
// agent who may approve it is told; when it is approved or returned, its drafter is. The mails say the
// alert's title and where to act, nothing of its audience. Sent after commit, through the outbox.

const APPROVER_ROLES = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('alert:approve'));

const alertLink = (deps: ServiceDeps, row: AlertRow) => `${deps.config.publicUrl}/alertes/gestion/${row.id}`;

/** The active accounts that may approve this alert: approvers covering its audience, the drafter excepted. */
async function approversOf(deps: ServiceDeps, row: AlertRow): Promise<{ email: string }[]> {
  const candidates = await deps.database.db
    .select({ email: users.email, departement: users.departement })
    .from(users)
    .where(and(inArray(users.role, APPROVER_ROLES), eq(users.status, 'active'), ne(users.id, row.draftedBy)));
  const audience = { scope: row.audienceScope, departements: row.audienceDepartements };
  return candidates.filter((c) => coversAudience({ departement: c.departement }, audience));
}

function approvalRequestMail(to: string, row: AlertRow, link: string): OutgoingMail {
  return {
    to,
    subject: `Vigie — une alerte attend votre approbation : ${row.title}`,
    text:
      `Bonjour,\n\nUn agent a soumis l’alerte « ${row.title} » : elle ne sera diffusée aux médecins qu’après l’approbation d’un second agent. ` +
      `Relisez-la, avec l’aperçu du courriel et de la page publique, puis approuvez-la ou renvoyez-la avec un commentaire :\n${link}${MAIL_SIGNATURE}`,
  };
}

function decisionMail(to: string, row: AlertRow, link: string, decision: 'approved' | 'returned'): OutgoingMail {
  const what =
    decision === 'approved'
      ? `a été approuvée par un second agent : sa diffusion aux médecins a commencé et elle figure sur la page publique des alertes.`
      : `vous a été renvoyée avec un commentaire : corrigez-la puis soumettez-la à nouveau.`;
  return {
    to,
    subject: `Vigie — votre alerte ${decision === 'approved' ? 'est approuvée' : 'vous est renvoyée'} : ${row.title}`,
    text: `Bonjour,\n\nVotre alerte « ${row.title} » ${what}\n${link}${MAIL_SIGNATURE}`,
  };
}

/** After a submission: each agent who may approve it is told (none may be the drafter). */
export async function notifyApprovers(deps: ServiceDeps, row: AlertRow): Promise<void> {
  for (const approver of await approversOf(deps, row)) await deps.outbox.queue(approvalRequestMail(approver.email, row, alertLink(deps, row)));
}

/** After an approval or a return: the drafter is told. */
export async function notifyDrafter(deps: ServiceDeps, row: AlertRow, decision: 'approved' | 'returned'): Promise<void> {
  const [drafter] = await deps.database.db.select({ email: users.email, status: users.status }).from(users).where(eq(users.id, row.draftedBy));
  if (drafter?.status === 'active') await deps.outbox.queue(decisionMail(drafter.email, row, alertLink(deps, row), decision));
}
