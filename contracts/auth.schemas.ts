import { z, zEmail, zNewPassword, zOtpCode, zRecoveryCode } from './zod.js';
import { ROLES } from './roles.js';
import { PERMISSIONS } from './permissions.js';

export const ZLogin = z.strictObject({
  email: zEmail,
  password: z.string().min(1, { error: 'Saisissez votre mot de passe.' }).max(128),
});
export type TLogin = z.infer<typeof ZLogin>;

export const ZSecondFactor = z.union([
  z.strictObject({ code: zOtpCode }),
  z.strictObject({ recoveryCode: zRecoveryCode }),
]);
export type TSecondFactor = z.infer<typeof ZSecondFactor>;

export const ZPasswordResetRequest = z.strictObject({ email: zEmail });
export const ZPasswordResetConfirm = z.strictObject({
  token: z.string().trim().min(20).max(200),
  password: zNewPassword,
});

export const SESSION_STATES = ['anonymous', 'pending_second_factor', 'pending_enrollment', 'active'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const ZSessionUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  departement: z.string().nullable(),
  secondFactorEnabled: z.boolean(),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

/** What the web app needs to know about who is on the other side. */
export const ZSessionView = z.object({
  state: z.enum(SESSION_STATES),
  csrfToken: z.string(),
  user: ZSessionUser.nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type TSessionView = z.infer<typeof ZSessionView>;

export const ZLoginResult = z.object({ state: z.enum(SESSION_STATES) });
