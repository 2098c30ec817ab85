import { z, zEmail, zNewPassword } from './zod.js';

export const ZBootstrapAdmin = z.strictObject({
  token: z.string().trim().min(20).max(200),
  email: zEmail,
  displayName: z.string().trim().min(2, { error: 'Saisissez votre nom (2 caractères au moins).' }).max(120),
  password: zNewPassword,
});
export type TBootstrapAdmin = z.infer<typeof ZBootstrapAdmin>;
