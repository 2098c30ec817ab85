/** What a scan concluded. `non_analyse`: no scanner is configured (development), recorded as such. */
export type ScanVerdict = { status: 'sain' } | { status: 'infecte'; signature: string } | { status: 'non_analyse' };

/**
 * The antivirus port. Production uses ClamAV's clamd (CLAMD_URL, INSTREAM command, see
 * docs/operations.md); development and tests use the local scanner, which only recognises the EICAR
 * test file, so the refusal path is exercised end to end without a daemon.
 */
export interface Antivirus {
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
}

const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export function createLocalAntivirus(): Antivirus {
  return {
    async scan(bytes) {
      const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
      return head.includes(EICAR) ? { status: 'infecte', signature: 'Eicar-Test-Signature' } : { status: 'non_analyse' };
    },
  };
}
