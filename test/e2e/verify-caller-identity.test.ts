// verify --offline on a module that builds ARNs, a queue policy and a tag from
// data.aws_caller_identity.current.account_id (real aws provider, no credentials, no network):
// offline mode answers the identity itself, so the inline is judged equivalent, a wrong account in
// the inline is caught, and a data source that really needs AWS is named in a clear refusal.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'corpus', 'caller-identity-arn', 'input');
// An aws verify --offline is ~20 s idle and much more beside other terraform-heavy suites.
const AWS_TIMEOUT = 300_000;

describe('verify --offline answers aws_caller_identity itself (aws)', () => {
  const env = testCliConfig();
  let root: string;
  let original: string;
  let dir: string;

  beforeAll(async () => {
    root = makeTemp('unmodule-caller-identity-');
    original = join(root, 'before');
    dir = join(root, 'after');
    cpSync(FIXTURE, original, { recursive: true });
    cpSync(FIXTURE, dir, { recursive: true });
    const w = await runCli(['inline', dir, '--module', 'audit_queue', '--write', '--inventory', 'none'], env);
    expect(w.stderr).toBe('');
    expect(w.exitCode).toBe(0);
  }, AWS_TIMEOUT);
  afterAll(() => removeTemp(root));

  it('the inline, which reads the account id in the root now, is equivalent', { timeout: AWS_TIMEOUT }, async () => {
    expect(readFileSync(join(dir, 'audit_queue.tf'), 'utf8')).toContain('OwnerAccount = data.aws_caller_identity.audit_queue.account_id');
    const r = await runCli(['verify', dir, '--offline', '--original', original], env);
    expect(r.stdout).toMatch(/^Zero change: 2 resources unchanged, 2 moves \(all expected\)\./);
    expect(r.exitCode).toBe(0);
  });

  it('a wrong account in the inline is caught, before/after showing the account offline mode answered', { timeout: AWS_TIMEOUT }, async () => {
    const file = join(dir, 'audit_queue.tf');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('OwnerAccount = data.aws_caller_identity.audit_queue.account_id', 'OwnerAccount = "210987654321"'));
    try {
      const r = await runCli(['verify', dir, '--offline', '--original', original], env);
      expect(r.exitCode, r.stderr).toBe(2);
      // The origin is the written `tags` attribute: a map's keys have no origin of their own.
      const line = text.split('\n').findIndex((l) => /^\s*tags\s*=/.test(l)) + 1;
      expect(r.stdout).toContain(`~ aws_sqs_queue.audit_queue (moved from module.audit_queue.aws_sqs_queue.this): tags.OwnerAccount: "123456789012" → "210987654321"  [audit_queue.tf:${line}]`);
    } finally {
      writeFileSync(file, text);
    }
  });

  it('a data source that needs AWS is named, with its line, as unreadable offline', { timeout: AWS_TIMEOUT }, async () => {
    const withVpc = join(root, 'with-vpc');
    cpSync(original, withVpc, { recursive: true });
    writeFileSync(join(withVpc, 'modules', 'account-queue', 'vpc.tf'), 'data "aws_vpc" "default" {\n  default = true\n}\n');
    const r = await runCli(['verify', dir, '--offline', '--original', withVpc], env);
    expect(r.exitCode).toBe(1);
    const message = r.stderr.replace(/\s+/g, ' ');
    expect(message).toContain('offline mode cannot read module.audit_queue.data.aws_vpc.default (modules/account-queue/vpc.tf line 1)');
    expect(message).toContain('run `unmodule verify` with credentials');
  });
});
