import { z, zEmail, zUuid } from './zod.js';
import { ROLES } from './roles.js';
import { isDepartementCode } from './departements.js';

const zDepartement = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isDepartementCode, { error: 'Département inconnu (01 à 95, 2A, 2B, 971 à 976).' });

export const USER_STATUSES = ['active', 'disabled'] as const;

export const ZUserCreate = z.strictObject({
  email: zEmail,
  displayName: z.string().trim().min(2, { error: 'Saisissez le nom affiché (2 caractères au moins).' }).max(120),
  role: z.enum(ROLES, { error: 'Rôle inconnu.' }),
  departement: zDepartement.nullable(),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z
  .strictObject({
    displayName: z.string().trim().min(2).max(120).optional(),
    role: z.enum(ROLES, { error: 'Rôle inconnu.' }).optional(),
    departement: zDepartement.nullable().optional(),
    status: z.enum(USER_STATUSES).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'Aucune modification demandée.' });
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

export const ZUserIdParams = z.strictObject({ id: zUuid });

export const ZUserListQuery = z.strictObject({
  q: z.string().trim().max(120).optional(),
  role: z.enum(ROLES).optional(),
  departement: zDepartement.optional(),
  status: z.enum(USER_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZUserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  departement: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  secondFactorEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** False until the owner's first complete login: an invited account shows « Invitation envoyée » until then. */
  hasLoggedIn: z.boolean(),
  /** When the last invitation was emailed; null for an account never invited (bootstrap, a doctor's activation). */
  invitationSentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TUserView = z.infer<typeof ZUserView>;

export const ZUserList = z.object({
  items: z.array(ZUserView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Resetting someone's second factor is an exceptional act: the reason is recorded in the audit log. */
export const ZSecondFactorReset = z.strictObject({
  reason: z.string().trim().min(10, { error: 'Indiquez le motif (10 caractères au moins).' }).max(500),
});
