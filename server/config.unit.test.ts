import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('starts with no variable at all: port 3000, embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', publicUrl: 'http://localhost:3000', cookieSecure: false });
  });

  it('names the bad variable and what it expects', () => {
    expect(() => loadConfig({ PORT: 'trois mille' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'trois mille' })).toThrow(/PORT : attendu : un numéro de port/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL : attendu : une URL postgres/);
    expect(() => loadConfig({ TRUST_PROXY: 'oui' })).toThrow(/TRUST_PROXY/);
  });

  it('refuses to run in production without a secret, a mail relay and a public address', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/VIGIE_SECRET[\s\S]*SMTP_URL[\s\S]*PUBLIC_URL/);
    const ok = loadConfig({ NODE_ENV: 'production', VIGIE_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://relay:25', PUBLIC_URL: 'https://vigie.example' });
    expect(ok.cookieSecure).toBe(true);
  });
});
