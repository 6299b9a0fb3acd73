// The essay's example with the real aws provider, no credentials: inline --write, then the
// offline equivalence oracle must judge zero change; a deliberately wrong inline must not pass.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtCheck } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

describe('service-alpha (aws, offline): inline --write, verify --offline', () => {
  const env = testCliConfig();
  let original: string;
  let dir: string;

  beforeAll(async () => {
    original = copyFixture('service-alpha');
    dir = join(original, '..', 'rewritten');
    cpSync(original, dir, { recursive: true });
    const w = await runCli(['inline', dir, '--module', 'service_alpha_bucket', '--write', '--inventory', 'none'], env);
    expect(w.exitCode, w.stderr).toBe(0);
  });
  afterAll(() => removeTemp(join(original, '..')));

  it('inventory --offline lists what the module manages without state or credentials', async () => {
    const r = await runCli(['inventory', original, '--offline', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    const inv = JSON.parse(r.stdout);
    expect(inv.source).toBe('plan');
    expect(inv.calls[0].instances.sort()).toEqual([
      'module.service_alpha_bucket.aws_s3_bucket.this[0]',
      'module.service_alpha_bucket.aws_s3_bucket_lifecycle_configuration.this[0]',
      'module.service_alpha_bucket.aws_s3_bucket_public_access_block.this[0]',
      'module.service_alpha_bucket.aws_s3_bucket_versioning.this[0]',
    ]);
  });

  it('writes the four plain resources of the essay, formatted, with no module leftovers', async () => {
    const hcl = readFileSync(join(dir, 'service_alpha_bucket.tf'), 'utf8');
    for (const type of ['aws_s3_bucket', 'aws_s3_bucket_versioning', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_public_access_block']) {
      expect(hcl).toContain(`resource "${type}" "service_alpha_bucket" {`);
    }
    expect(hcl).toContain('bucket        = "service-alpha-data-logs-2025"');
    expect(hcl).toContain('status = "Enabled"');
    expect(hcl).toContain('days = 90');
    expect(hcl).not.toMatch(/\bvar\.|\blocal\.|\bcount\b|\[0\]/);
    expect(readFileSync(join(dir, 'moved.tf'), 'utf8')).toContain(
      'moved {\n  from = module.service_alpha_bucket.aws_s3_bucket.this[0]\n  to   = aws_s3_bucket.service_alpha_bucket\n}',
    );
    expect(readFileSync(join(dir, 'outputs.tf'), 'utf8')).toContain('value       = aws_s3_bucket.service_alpha_bucket.arn');
    expect((await fmtCheck(dir, { env })).files).toEqual([]);
  });

  it('verify --offline judges the rewrite zero-change with the real aws provider', async () => {
    const v = await runCli(['verify', dir, '--offline', '--original', original, '--json'], env);
    expect(v.exitCode, v.stderr).toBe(0);
    const verdict = JSON.parse(v.stdout).verdict;
    expect(verdict.zeroChange).toBe(true);
    expect(verdict.moves).toHaveLength(4);
    expect(verdict.moves.every((m: { expected: boolean }) => m.expected)).toBe(true);
  });

  it('a wrong inline (a changed tag) is caught: exit 2, the attribute named with before and after', async () => {
    const wrong = join(original, '..', 'wrong');
    cpSync(dir, wrong, { recursive: true });
    const f = join(wrong, 'service_alpha_bucket.tf');
    writeFileSync(f, readFileSync(f, 'utf8').replace('Service   = "alpha"', 'Service   = "beta"'));
    const v = await runCli(['verify', wrong, '--offline', '--original', original], env);
    expect(v.exitCode).toBe(2);
    expect(v.stdout).toMatch(/aws_s3_bucket\.service_alpha_bucket.*tags\.Service: "alpha" → "beta"/);
  });
});
