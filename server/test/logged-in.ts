import type { TestUser } from './factories.js';
import type { TestApp } from './test-app.js';
import { TestClient } from './test-client.js';

/**
 * A client logged in as `account`, once the « nouvel appareil » mail of that login has arrived: no mail
 * job is left running when the test's database closes.
 */
export async function loggedIn(t: TestApp, account: TestUser): Promise<TestClient> {
  const seen = new Set(t.catcher.messages);
  const client = new TestClient(t.app);
  await client.login(t.database, account);
  await t.catcher.waitFor((m) => !seen.has(m) && m.to.includes(account.user.email));
  return client;
}
