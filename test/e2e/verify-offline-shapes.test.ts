// verify --offline with the real aws provider on nested blocks (lifecycle rule/filter/expiration),
// a set of nested blocks (security group ingress from a dynamic block), maps (tags with a key that
// needs quoting) and a sensitive value (SSM SecureString): the inline is equivalent, and a wrong
// inline is caught with the attribute, before/after and the written line.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'migrate', 'fixtures', 'aws-shapes');

describe('verify --offline on nested blocks, sets, maps and sensitive values (aws)', () => {
  const env = testCliConfig();
  let root: string;
  let original: string;
  let dir: string;

  beforeAll(async () => {
    root = makeTemp('unmodule-offline-shapes-');
    original = join(root, 'before');
    dir = join(root, 'after');
    cpSync(FIXTURE, original, { recursive: true });
    cpSync(FIXTURE, dir, { recursive: true });
    const w = await runCli(['inline', dir, '--module', 'store', '--write', '--inventory', 'none'], env);
    expect(w.stderr).toBe('');
    expect(w.exitCode).toBe(0);
  });
  afterAll(() => removeTemp(root));

  it('the inline is equivalent', async () => {
    const r = await runCli(['verify', dir, '--offline', '--original', original], env);
    expect(r.stdout).toMatch(/^Zero change: 4 resources unchanged, 4 moves \(all expected\)\./);
    expect(r.exitCode).toBe(0);
  });

  it('a wrong nested value is caught, named with before/after and the written line; the secret is never printed', async () => {
    const file = join(dir, 'store.tf');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('days = 90');
    writeFileSync(file, text.replace('days = 90', 'days = 30').replace('"cost center" = "42"', '"cost center" = "43"'));
    try {
      const r = await runCli(['verify', dir, '--offline', '--original', original], env);
      expect(r.exitCode).toBe(2);
      const lines = text.split('\n');
      const daysLine = lines.findIndex((l) => l.includes('days = 90')) + 1;
      expect(r.stdout).toContain(`rule[0].expiration[0].days: 90 → 30  [store.tf:${daysLine}]`);
      expect(r.stdout).toMatch(/tags\["cost center"\]: "42" → "43" {2}\[store\.tf:\d+\]/);
      expect(r.stdout + r.stderr).not.toContain('not-a-real-password');
    } finally {
      writeFileSync(file, text);
    }
  });
});
