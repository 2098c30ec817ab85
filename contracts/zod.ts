import { z } from 'zod';

// Zod's own French messages for every generic rule; fields with a domain rule carry their own message.
z.config(z.locales.fr());

export { z };

export const zEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'Adresse électronique invalide.' }));

/** A new password: 12 to 128 characters (ANSSI guidance favours length over composition rules). */
export const zNewPassword = z
  .string()
  .min(12, { error: 'Le mot de passe doit contenir au moins 12 caractères.' })
  .max(128, { error: 'Le mot de passe ne peut pas dépasser 128 caractères.' });

export const zOtpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: 'Le code doit comporter 6 chiffres.' });

/** A recovery code as printed to the user: 10 characters in groups, dashes and case ignored. */
export const zRecoveryCode = z
  .string()
  .trim()
  .max(32)
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-9]{10}$/, { error: 'Code de secours invalide.' }));

export const zUuid = z.uuid({ error: 'Identifiant invalide.' });
