import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

describe('upload store from the environment', () => {
  const PG = 'postgres://vigie@db.ordre.example:5432/vigie';

  it('keeps files in a local folder with the embedded database, in PostgreSQL once DATABASE_URL names a server', () => {
    expect(loadConfig({}).uploadStore).toEqual({ kind: 'local' });
    expect(loadConfig({ DATABASE_URL: PG }).uploadStore).toEqual({ kind: 'postgres' });
    expect(loadConfig({ DATABASE_URL: PG, UPLOAD_STORE: 'local' }).uploadStore).toEqual({ kind: 'local' });
    expect(loadConfig({ UPLOAD_STORE: 's3', S3_BUCKET: 'vigie-pieces', S3_ENDPOINT: 'https://s3.ordre.example' }).uploadStore).toMatchObject({
      kind: 's3',
      bucket: 'vigie-pieces',
      endpoint: 'https://s3.ordre.example',
      forcePathStyle: true,
    });
    expect(() => loadConfig({ UPLOAD_STORE: 'nfs' })).toThrow(/UPLOAD_STORE : attendu : local, postgres ou s3/);
    expect(() => loadConfig({ UPLOAD_STORE: 's3' })).toThrow(/S3_BUCKET : obligatoire avec UPLOAD_STORE=s3/);
  });

  it('refuses a local folder when several instances are declared: each would keep its own files', () => {
    const refusals = [{ VIGIE_INSTANCES: '2' }, { VIGIE_INSTANCES: '3', DATABASE_URL: PG, UPLOAD_STORE: 'local' }];
    for (const env of refusals) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/UPLOAD_STORE : avec plusieurs instances \(VIGIE_INSTANCES > 1\)[\s\S]*UPLOAD_STORE=postgres ou UPLOAD_STORE=s3/);
    }
    expect(loadConfig({ VIGIE_INSTANCES: '2', DATABASE_URL: PG })).toMatchObject({ instances: 2, uploadStore: { kind: 'postgres' } });
    expect(loadConfig({ VIGIE_INSTANCES: '4', UPLOAD_STORE: 's3', S3_BUCKET: 'vigie-pieces', S3_ENDPOINT: 'https://s3.ordre.example' }).uploadStore.kind).toBe('s3');
    expect(loadConfig({ VIGIE_INSTANCES: '1' }).instances).toBe(1);
    expect(() => loadConfig({ VIGIE_INSTANCES: 'deux' })).toThrow(/VIGIE_INSTANCES : attendu : le nombre d'instances de Vigie/);
  });

  it('refuses object storage without the address of the council\'s own S3 service or a bucket', () => {
    expect(() => loadConfig({ UPLOAD_STORE: 's3', S3_BUCKET: 'vigie-pieces' })).toThrow(/S3_ENDPOINT : obligatoire avec UPLOAD_STORE=s3/);
    expect(() => loadConfig({ UPLOAD_STORE: 's3', S3_ENDPOINT: 'https://s3.ordre.example' })).toThrow(/S3_BUCKET : obligatoire avec UPLOAD_STORE=s3/);
  });

  it('makes the server (what npm start runs) exit before opening anything when the store cannot be shared', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-refused-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { PATH: process.env.PATH, VIGIE_INSTANCES: '2', UPLOAD_STORE: 'local', VIGIE_DATA_DIR: dataDir, PORT: '3999', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 50_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('avec plusieurs instances (VIGIE_INSTANCES > 1), les fichiers déposés doivent être partagés');
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(`${run.stdout}${run.stderr}`).not.toContain('Vigie est démarré');
      // Refused before the embedded database, the secret or the mail folder were created.
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
