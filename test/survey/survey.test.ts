// `unmodule survey` over the fleet fixture, run as a user would (built CLI), with no terraform
// available: the survey reads configurations only.
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SurveyReport } from '../../src/survey/index.js';
import { alikeness, recommend } from '../../src/survey/recommend.js';
import type { ModuleFacts } from '../../src/survey/analyze.js';
import { runCli, snapshot } from '../helpers/cli.js';

const FLEET = resolve(__dirname, '..', '..', 'fixtures', 'fleet');
const noTerraform = { UNMODULE_TERRAFORM_BIN: '/nonexistent/terraform', PATH: '/usr/bin:/bin' };
const tmp = mkdtempSync(join(tmpdir(), 'unmodule-survey-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('unmodule survey over a fleet', () => {
  it('ranks the two-caller wrapper "inline" and the networking module "keep", with reasons, as JSON', async () => {
    const before = snapshot(FLEET);
    const r = await runCli(['survey', 'services', 'modules', '--json'], noTerraform, FLEET);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as SurveyReport;
    expect(report.services.sort()).toEqual(['services/billing', 'services/search', 'services/web']);
    expect(report.modules.map((m) => [m.rank, m.module, m.recommendation])).toEqual([
      [1, 'modules/bucket', 'inline'],
      [2, 'modules/network', 'keep'],
    ]);
    const bucket = report.modules[0]!;
    expect(bucket.callers.map((c) => `${c.service}:${c.call}`).sort()).toEqual(['services/billing:invoices', 'services/search:index']);
    expect(bucket.inputsDeclared).toBe(8);
    expect(bucket.inputsSet).toEqual(['name', 'tags']);
    expect(bucket.unusedInputs).toContain('replication_destination_arn');
    expect(bucket.unusedToggles.map((t) => t.what)).toEqual([
      'aws_s3_bucket_versioning.this',
      'aws_s3_bucket_replication_configuration.this',
      'aws_s3_bucket_lifecycle_configuration.this',
      'aws_s3_bucket_lifecycle_configuration.this: dynamic "rule"',
      'aws_s3_bucket_cors_configuration.this',
    ]);
    // The replication toggle is controlled through a local: the survey follows it to the input.
    expect(bucket.unusedToggles[1]).toMatchObject({ meta: 'count', inputs: ['replication_destination_arn'], at: 'modules/bucket/main.tf:16' });
    expect(bucket.reasons.join('\n')).toMatch(/2 services call it: below the rule of three/);
    expect(bucket.reasons.join('\n')).toMatch(/6 of 8 inputs are set by no caller/);
    const network = report.modules[1]!;
    expect(network.services).toBe(3);
    expect(network.foundation).toEqual({ kind: 'core networking', evidence: ['aws_vpc'] });
    expect(network.reasons[0]).toMatch(/slow-moving foundation \(core networking: aws_vpc\)/);
    expect(snapshot(FLEET)).toEqual(before);
  });

  it('prints a Markdown table and the reasons, and says where to start', async () => {
    const r = await runCli(['survey', '.'], noTerraform, FLEET);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('## Module survey: 2 module sources over 3 services');
    expect(lines).toContain('| 1 | `modules/bucket` | **inline** | 2 (2 calls) | — | 2 / 8 | 5 | 5 | 0 |');
    expect(lines).toContain('| 2 | `modules/network` | **keep** | 3 (3 calls) | — | 3 / 3 | 0 | 2 | 0 |');
    expect(r.stdout).toContain('- always at its default: `aws_s3_bucket_cors_configuration.this` (for_each on `var.cors_origins`, modules/bucket/main.tf:43)');
    expect(r.stdout).toContain('Start with `modules/bucket`: `unmodule inline services/billing --module invoices` previews it.');
  });

  it('counts instances from local state files and reports refs of remote sources', async () => {
    const fleet = join(tmp, 'fleet');
    cpSync(FLEET, fleet, { recursive: true });
    writeFileSync(
      join(fleet, 'services/search/terraform.tfstate'),
      JSON.stringify({ version: 4, resources: [
        { module: 'module.index', mode: 'managed', type: 'aws_s3_bucket', name: 'this', instances: [{}] },
        { module: 'module.index', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'this', instances: [{ index_key: 0 }] },
        { module: 'module.indexer', mode: 'managed', type: 'aws_s3_bucket', name: 'this', instances: [{}] },
      ] }),
    );
    mkdirSync(join(fleet, 'services/remote'));
    writeFileSync(join(fleet, 'services/remote/main.tf'), 'module "logs" {\n  source = "git::https://example.com/mods.git//logs?ref=v1.2.0"\n}\n');
    const r = await runCli(['survey', fleet, '--json'], noTerraform);
    const report = JSON.parse(r.stdout) as SurveyReport;
    const bucket = report.modules.find((m) => m.module.endsWith('modules/bucket'))!;
    expect(bucket.callers.find((c) => c.call === 'index')!.instances).toBe(2);
    expect(bucket.instances).toBeUndefined(); // billing has no state file
    const logs = report.modules.find((m) => m.module === 'https://example.com/mods.git//logs')!;
    expect(logs).toMatchObject({ kind: 'git', refs: ['v1.2.0'], recommendation: 'review' });
    expect(logs.reasons[0]).toMatch(/not installed in .*services\/remote; run terraform init there/);
  });

  it('refuses a path that is not a directory, naming it', async () => {
    const r = await runCli(['survey', join(tmp, 'nope')], noTerraform);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(join(tmp, 'nope'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the recommendation rules', () => {
  const facts = (over: Partial<ModuleFacts> = {}): ModuleFacts => ({
    dir: '/m',
    inputs: [{ name: 'a', required: true }, { name: 'b', required: false }],
    resources: ['aws_sqs_queue.this'],
    resourceTypes: ['aws_sqs_queue'],
    toggles: [],
    depth: 0,
    mentionsGithubOidc: false,
    ...over,
  });
  const caller = (service: string, inputs: string[]) => ({ service, inputs });

  it('keeps a module three services use alike (the third clear repetition)', () => {
    const v = recommend([caller('x', ['a', 'b']), caller('y', ['a', 'b']), caller('z', ['a'])], facts());
    expect(v.recommendation).toBe('keep');
    expect(v.reasons[0]).toMatch(/3 services use it alike/);
  });

  it('asks for a review when three services use it differently', () => {
    const v = recommend([caller('x', ['a']), caller('y', ['b']), caller('z', ['a'])], facts({ inputs: ['a', 'b', 'c', 'd'].map((name) => ({ name, required: false })) }));
    expect(v.recommendation).toBe('review');
  });

  it('keeps a CI/CD identity module even with one caller', () => {
    const v = recommend([caller('x', ['a'])], facts({ resourceTypes: ['aws_iam_openid_connect_provider', 'aws_iam_role'] }));
    expect(v.recommendation).toBe('keep');
    expect(v.foundation?.kind).toBe('CI/CD identity');
  });

  it('measures how alike callers are', () => {
    expect(alikeness([caller('x', ['a', 'b']), caller('y', ['a', 'b'])])).toBe(1);
    expect(alikeness([caller('x', ['a']), caller('y', ['b'])])).toBe(0);
  });
});
