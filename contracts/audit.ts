import { z } from './zod.js';

/**
 * Every auditable action, named `module.entity.verb_past`. One list shared by the server (which records
 * them, `server/platform/audit/audit.ts`) and the web app (which labels them), so a new action cannot be
 * recorded without a French label: `AUDIT_ACTION_LABELS` is a `Record<AuditAction, string>`.
 */
export const AUDIT_ACTIONS = [
  'auth.session.created',
  'auth.session.second_factor_verified',
  'auth.session.ended',
  'auth.login.failed',
  'auth.second_factor.failed',
  'authz.access.denied',
  'authz.access.denied_repeatedly',
  'audit.checkpoint.written',
  'account.password.changed',
  'account.password_reset.requested',
  'account.password_reset.completed',
  'account.totp.setup_started',
  'account.totp.enabled',
  'account.totp.disabled',
  'account.recovery_codes.regenerated',
  'account.recovery_code.used',
  'admin.user.created',
  'admin.user.updated',
  'admin.user.second_factor_reset',
  'admin.audit_log.read',
  'admin.audit_log.exported',
  'auth.step_up.granted',
  'registry.doctor.read',
  'registry.doctor.frozen',
  'registry.doctor.unfrozen',
  'registry.export.created',
  'registry.import.completed',
  'registry.import.rejected',
  'registry.change_request.recorded',
  'registry.change_request.held',
  'registry.change_request.applied',
  'registry.change_request.rejected',
  'registry.change_request.frozen',
  'registry.identity_check.recorded',
  'registry.identity_check.refused',
  'registry.change_request.second_review_required',
  'registry.contact_verification.sent',
  'registry.contact_verification.failed',
  'registry.activation.issued',
  'registry.activation.completed',
  'registry.security_alert.sent',
  'reports.report.created',
  'reports.report.confirmed',
  'reports.report.purged',
  'reports.report.read',
  'reports.report.assigned',
  'reports.report.status_changed',
  'reports.report.merged',
  'reports.note.added',
  'reports.attachment.read',
  'reports.attachment.rejected',
  'reports.dossier.exported',
  'intake.email.received',
  'intake.email.rejected',
  'campaigns.campaign.created',
  'campaigns.campaign.updated',
  'campaigns.campaign.reports_grouped',
  'campaigns.campaign.merged',
  'campaigns.campaign.split',
  'campaigns.campaign.qualified',
  'campaigns.campaign.closed',
  'campaigns.campaign.public_label_proposed',
  'campaigns.campaign.public_label_approved',
  'campaigns.indicator.held',
  'campaigns.indicator.decided',
  'campaigns.indicator.marked_false_positive',
  'campaigns.indicator.withdrawn',
  'campaigns.report.indicators_reread',
  'campaigns.indicators.exported',
  'alerts.alert.drafted',
  'alerts.alert.updated',
  'alerts.alert.submitted',
  'alerts.alert.approved',
  'alerts.alert.returned',
  'alerts.alert.withdrawn',
  'alerts.broadcast.completed',
  'watchlists.watch.added',
  'watchlists.watch.removed',
  'watchlists.match.notified',
  'dashboard.stats.read',
  'dpc.import.completed',
  'dpc.import.rejected',
  'dpc.catalogue.rescreened',
  // Signalements (docs/dpc-signalements.md): entries name the signalement by id and reference, never the reporter.
  'dpc.signalement.filed',
  'dpc.signalement.read',
  'dpc.signalement.triaged',
  'dpc.signalement.reviewer_assigned',
  'dpc.signalement.reviewed',
  'dpc.signalement.decided',
  'dpc.signalement.reporter_read',
  'dpc.signalement.evidence_read',
  'dpc.signalement.evidence_rejected',
  'dpc.contradictory.invited',
  'dpc.contradictory.answered',
  'dpc.contradictory.closed',
  'dpc.exchange.package_created',
  'dpc.exchange.package_downloaded',
  'dpc.exchange.recorded',
  'dpc.stats.read',
  // Entraide (docs/entraide.md): entries name the case by its id and pseudonym only; a doctor's own
  // request is recorded without its actor, so the journal never links a person to a case.
  'entraide.case.requested',
  'entraide.case.recorded',
  'entraide.case.read',
  'entraide.case.assigned',
  'entraide.case.note_added',
  'entraide.case.decided',
  'entraide.case.escalated',
  'entraide.case.cne_consent_recorded',
  'entraide.case.closed',
  'entraide.case.reopened',
  'entraide.case.purged',
  'entraide.identity.revealed',
  'entraide.access.exported',
  'entraide.call.logged',
  'entraide.call.converted',
  'entraide.cresus.referred',
  'entraide.cresus.action_recorded',
  'entraide.budget.recorded',
  'entraide.mandate.granted',
  'entraide.mandate.expired',
  'entraide.mandate.ended',
  'entraide.helplines.updated',
  'entraide.retention.updated',
  'entraide.stats.read',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the journal says for each action; a missing or unknown key fails the type check. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.session.created': 'Connexion',
  'auth.session.second_factor_verified': 'Double authentification validée',
  'auth.session.ended': 'Déconnexion',
  'auth.login.failed': 'Échec de connexion',
  'auth.second_factor.failed': 'Code de double authentification refusé',
  'authz.access.denied': 'Accès refusé',
  'authz.access.denied_repeatedly': 'Accès refusés à répétition',
  'audit.checkpoint.written': 'Point de contrôle du journal écrit',
  'account.password.changed': 'Mot de passe modifié',
  'account.password_reset.requested': 'Réinitialisation du mot de passe demandée',
  'account.password_reset.completed': 'Mot de passe réinitialisé',
  'account.totp.setup_started': 'Activation de la double authentification commencée',
  'account.totp.enabled': 'Double authentification activée',
  'account.totp.disabled': 'Double authentification désactivée',
  'account.recovery_codes.regenerated': 'Codes de secours régénérés',
  'account.recovery_code.used': 'Code de secours utilisé',
  'admin.user.created': 'Compte créé',
  'admin.user.updated': 'Compte modifié',
  'admin.user.second_factor_reset': 'Double authentification réinitialisée par un administrateur',
  'admin.audit_log.read': 'Journal d’audit consulté',
  'admin.audit_log.exported': 'Journal d’audit exporté',
  'auth.step_up.granted': 'Identité confirmée pour une action sensible',
  'registry.doctor.read': 'Fiche du Tableau consultée',
  'registry.doctor.frozen': 'Fiche du Tableau gelée',
  'registry.doctor.unfrozen': 'Fiche du Tableau dégelée',
  'registry.export.created': 'Export du Tableau',
  'registry.import.completed': 'Import du Tableau effectué',
  'registry.import.rejected': 'Import du Tableau refusé',
  'registry.change_request.recorded': 'Demande de modification enregistrée',
  'registry.change_request.held': 'Demande de modification mise en attente',
  'registry.change_request.applied': 'Demande de modification appliquée',
  'registry.change_request.rejected': 'Demande de modification refusée',
  'registry.change_request.frozen': 'Demande de modification gelée',
  'registry.identity_check.recorded': 'Vérification d’identité enregistrée',
  'registry.identity_check.refused': 'Vérification d’identité refusée',
  'registry.change_request.second_review_required': 'Demande de modification soumise à un second examen',
  'registry.contact_verification.sent': 'Vérification des coordonnées envoyée',
  'registry.contact_verification.failed': 'Vérification des coordonnées échouée',
  'registry.activation.issued': 'Code d’activation délivré',
  'registry.activation.completed': 'Compte médecin activé',
  'registry.security_alert.sent': 'Alerte de sécurité envoyée',
  'reports.report.created': 'Signalement reçu',
  'reports.report.confirmed': 'Signalement confirmé',
  'reports.report.purged': 'Signalement supprimé (durée de conservation)',
  'reports.report.read': 'Signalement consulté',
  'reports.report.assigned': 'Signalement attribué',
  'reports.report.status_changed': 'Statut du signalement modifié',
  'reports.report.merged': 'Signalements fusionnés',
  'reports.note.added': 'Note ajoutée au signalement',
  'reports.attachment.read': 'Pièce jointe consultée',
  'reports.attachment.rejected': 'Pièce jointe refusée',
  'reports.dossier.exported': 'Dossier de signalement exporté',
  'intake.email.received': 'Courriel reçu par la boîte de signalement',
  'intake.email.rejected': 'Courriel refusé par la boîte de signalement',
  'campaigns.campaign.created': 'Campagne créée',
  'campaigns.campaign.updated': 'Campagne modifiée',
  'campaigns.campaign.reports_grouped': 'Signalements regroupés dans une campagne',
  'campaigns.campaign.merged': 'Campagnes fusionnées',
  'campaigns.campaign.split': 'Campagne scindée',
  'campaigns.campaign.qualified': 'Campagne qualifiée',
  'campaigns.campaign.closed': 'Campagne close',
  'campaigns.campaign.public_label_proposed': 'Libellé public de campagne proposé',
  'campaigns.campaign.public_label_approved': 'Libellé public de campagne approuvé',
  'campaigns.indicator.held': 'Indicateur retenu pour décision',
  'campaigns.indicator.decided': 'Décision sur un indicateur',
  'campaigns.indicator.marked_false_positive': 'Indicateur marqué faux positif',
  'campaigns.indicator.withdrawn': 'Indicateur publié retiré (relecture des signalements)',
  'campaigns.report.indicators_reread': 'Indicateurs d’un signalement relus',
  'campaigns.indicators.exported': 'Indicateurs exportés',
  'alerts.alert.drafted': 'Alerte rédigée',
  'alerts.alert.updated': 'Alerte modifiée',
  'alerts.alert.submitted': 'Alerte soumise à approbation',
  'alerts.alert.approved': 'Alerte approuvée',
  'alerts.alert.returned': 'Alerte renvoyée à son auteur',
  'alerts.alert.withdrawn': 'Alerte retirée',
  'alerts.broadcast.completed': 'Diffusion de l’alerte terminée',
  'watchlists.watch.added': 'Veille ajoutée',
  'watchlists.watch.removed': 'Veille retirée',
  'watchlists.match.notified': 'Correspondance de veille signalée',
  'dashboard.stats.read': 'Statistiques consultées',
  'dpc.import.completed': 'Import du catalogue DPC effectué',
  'dpc.import.rejected': 'Import du catalogue DPC refusé',
  'dpc.catalogue.rescreened': 'Catalogue DPC contrôlé à nouveau',
  'dpc.signalement.filed': 'Signalement DPC reçu',
  'dpc.signalement.read': 'Signalement DPC consulté',
  'dpc.signalement.triaged': 'Signalement DPC trié',
  'dpc.signalement.reviewer_assigned': 'Relecteur du signalement DPC désigné',
  'dpc.signalement.reviewed': 'Avis du relecteur rendu',
  'dpc.signalement.decided': 'Décision prise sur un signalement DPC (classement ou transmission)',
  'dpc.signalement.reporter_read': 'Identité de l’auteur d’un signalement DPC consultée',
  'dpc.signalement.evidence_read': 'Pièce d’un signalement DPC consultée',
  'dpc.signalement.evidence_rejected': 'Pièce d’un signalement DPC refusée (logiciel malveillant)',
  'dpc.contradictory.invited': 'Organisme invité à répondre (contradictoire)',
  'dpc.contradictory.answered': 'Réponse de l’organisme reçue',
  'dpc.contradictory.closed': 'Contradictoire clos sans réponse',
  'dpc.exchange.package_created': 'Dossier de transmission préparé',
  'dpc.exchange.package_downloaded': 'Dossier de transmission téléchargé',
  'dpc.exchange.recorded': 'Échange avec un partenaire enregistré',
  'dpc.stats.read': 'Statistiques DPC consultées',
  'entraide.case.requested': 'Demande d’entraide reçue',
  'entraide.case.recorded': 'Demande d’entraide enregistrée après un appel',
  'entraide.case.read': 'Dossier d’entraide consulté',
  'entraide.case.assigned': 'Référent du dossier d’entraide désigné',
  'entraide.case.note_added': 'Note ajoutée au dossier d’entraide',
  'entraide.case.decided': 'Décision de la commission d’entraide',
  'entraide.case.escalated': 'Dossier d’entraide transmis à la commission nationale',
  'entraide.case.cne_consent_recorded': 'Accord pour la commission nationale enregistré',
  'entraide.case.closed': 'Dossier d’entraide clos',
  'entraide.case.reopened': 'Dossier d’entraide rouvert',
  'entraide.case.purged': 'Dossier d’entraide supprimé (durée de conservation)',
  'entraide.identity.revealed': 'Identité affichée, avec motif',
  'entraide.access.exported': 'Export au titre du droit d’accès',
  'entraide.call.logged': 'Appel à la ligne d’écoute enregistré',
  'entraide.call.converted': 'Appel transformé en demande d’entraide',
  'entraide.cresus.referred': 'Orientation vers Crésus',
  'entraide.cresus.action_recorded': 'Action de Crésus enregistrée',
  'entraide.budget.recorded': 'Budget enregistré',
  'entraide.mandate.granted': 'Mandat de commission attribué',
  'entraide.mandate.expired': 'Mandat de commission arrivé à échéance',
  'entraide.mandate.ended': 'Mandat de commission terminé',
  'entraide.helplines.updated': 'Lignes d’écoute modifiées',
  'entraide.retention.updated': 'Durée de conservation de l’entraide modifiée',
  'entraide.stats.read': 'Statistiques de l’entraide consultées',
};

/** The families an administrator filters by (the action's first segment, with its dot). */
export const AUDIT_ACTION_FAMILIES = {
  'auth.': 'Connexions',
  'authz.': 'Accès refusés',
  'account.': 'Comptes (par leur titulaire)',
  'admin.': 'Administration',
  'audit.': 'Journal d’audit',
  'registry.': 'Tableau de l’Ordre',
  'reports.': 'Signalements',
  'intake.': 'Boîte de signalement',
  'campaigns.': 'Campagnes',
  'alerts.': 'Alertes',
  'watchlists.': 'Veilles',
  'dashboard.': 'Statistiques',
  'dpc.': 'Vigilance DPC',
  'entraide.': 'Entraide',
} as const satisfies Record<`${string}.`, string>;
export type AuditActionFamily = keyof typeof AUDIT_ACTION_FAMILIES;

/** Each action belongs to a listed family (checked by the type system). */
type FamilyOf<A extends string> = A extends `${infer F}.${string}` ? `${F}.` : never;
const everyActionHasAFamily: FamilyOf<AuditAction> extends AuditActionFamily ? true : never = true;
void everyActionHasAFamily;

/** What an entry is about. Unknown types are shown as recorded. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: 'Compte',
  doctor: 'Fiche du Tableau',
  change_request: 'Demande de modification',
  registry_import: 'Import du Tableau',
  departement: 'Département',
  report: 'Signalement',
  report_attachment: 'Pièce jointe',
  intake_email: 'Courriel reçu',
  campaign: 'Campagne',
  indicator: 'Indicateur',
  alert: 'Alerte',
  watchlist: 'Veille',
  dpc_import: 'Import du catalogue DPC',
  dpc_rescreening: 'Contrôle du catalogue DPC',
  dpc_signalement: 'Signalement DPC',
  dpc_exchange: 'Échange avec un partenaire',
  dpc_stats: 'Statistiques DPC',
  entraide_case: 'Dossier d’entraide',
  entraide_mandate: 'Mandat de commission',
  entraide_helpline_call: 'Appel à la ligne d’écoute',
  entraide_commission: 'Commission d’entraide',
  entraide_helplines: 'Lignes d’écoute',
  entraide_settings: 'Réglages de l’entraide',
  entraide_stats: 'Statistiques de l’entraide',
  route: 'Page ou service',
  audit_log: 'Journal d’audit',
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

export function auditEntityLabel(entityType: string): string {
  return AUDIT_ENTITY_LABELS[entityType] ?? entityType;
}

/** An export bigger than this is refused: a spreadsheet cannot use more, and the filters can narrow it. */
export const AUDIT_EXPORT_LIMIT = 50_000;

// A real calendar day: « 3252-83-80 » has the shape of a date and would reach the database as one.
const zDay = z.iso.date({ error: 'Saisissez une date réelle (AAAA-MM-JJ).' });

const filterFields = {
  /** An account's id, or part of a name or address. */
  actor: z.string().trim().max(120).optional(),
  entityType: z.string().trim().regex(/^[a-z_]{1,40}$/, { error: 'Type d’objet inconnu.' }).optional(),
  entityId: z.string().trim().max(200).optional(),
  /** One action, or a family ending with a dot (« entraide. »). */
  action: z.string().trim().max(100).regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, { error: 'Action inconnue.' }).optional(),
  from: zDay.optional(),
  to: zDay.optional(),
};
const periodInOrder = (f: { from?: string | undefined; to?: string | undefined }) => !f.from || !f.to || f.from <= f.to;
const periodError = { error: 'La date de début doit précéder la date de fin.', path: ['to'] };

/** The journal's filters (page and export alike). Days are Paris days, both ends included. */
export const ZAuditQuery = z
  .strictObject({ ...filterFields, beforeId: z.coerce.number().int().positive().optional() })
  .refine(periodInOrder, periodError);
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditExportQuery = z
  .strictObject({ ...filterFields, format: z.literal('csv', { error: 'Format d’export inconnu (csv seulement).' }).default('csv') })
  .refine(periodInOrder, periodError);
export type TAuditFilters = Omit<z.infer<typeof ZAuditExportQuery>, 'format'>;

/**
 * One entry as an administrator reads it: names resolved at read time where they are not confidential
 * (an account's name, a report's receipt number, a campaign's reference and name, an alert's title, an
 * entraide case's pseudonym — never a person helped by the entraide).
 */
export const ZAuditEntry = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  entityLabel: z.string().nullable(),
  ip: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditEntry),
  nextBeforeId: z.number().int().nullable(),
  /** Entries matching the filters, counted up to AUDIT_EXPORT_LIMIT + 1 (beyond, the export is refused). */
  matching: z.number().int(),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
