import { z, zNewPassword, zOtpCode } from './zod.js';

export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: zNewPassword,
});

export const ZTotpSetup = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeSvg: z.string(),
});
export type TTotpSetup = z.infer<typeof ZTotpSetup>;

export const ZTotpConfirm = z.strictObject({ code: zOtpCode });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const ZTotpDisable = z.strictObject({ password: z.string().min(1).max(128), code: zOtpCode });
export const ZRecoveryRegenerate = z.strictObject({ code: zOtpCode });

export const ZAccountView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  departement: z.string().nullable(),
  secondFactorEnabled: z.boolean(),
  secondFactorRequired: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TAccountView = z.infer<typeof ZAccountView>;
