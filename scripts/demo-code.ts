import { currentTotpCode } from '../server/platform/auth/totp.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

// Prints the current 6-digit code of a demo account, in place of an authenticator app.
const key = process.argv[2];
const account = DEMO_ACCOUNTS.find((a) => a.key === key && a.totpSecret);
if (!account) {
  console.error(`Usage : npm run demo:code -- <${DEMO_ACCOUNTS.filter((a) => a.totpSecret).map((a) => a.key).join('|')}>`);
  process.exit(1);
}
const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${currentTotpCode(account.totpSecret!)}  (${account.email}, valable encore ${remaining} s)`);
