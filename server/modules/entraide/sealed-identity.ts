import type { EntraideBeneficiaryKind, EntraideContactMeans } from '../../../contracts/entraide.schemas.js';

/** What `entraide_cases.sealed_identity` holds once opened: everything that names or reaches the person. */
export interface SealedIdentity {
  beneficiary: { kind: EntraideBeneficiaryKind; firstName: string; lastName: string; rpps?: string | undefined };
  requester: { firstName: string; lastName: string; relation: string } | null;
  contact: { means: EntraideContactMeans; consent: boolean; phone?: string | undefined; email?: string | undefined; address?: string | undefined };
  message: string;
}

/** The keyed hash that finds a doctor's own requests again, without naming them in the table. */
export const REQUESTER_TAG_PURPOSE = 'entraide:requester';
