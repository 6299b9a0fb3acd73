// The write gate: a rewrite that Terraform would not load is refused before anything is written,
// naming the generated file:line and the module construct it came from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeChanges, type FileChange } from '../../src/inline/files.js';
import { snapshot } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const MAIN = `module "svc" {
  source = "./modules/svc"
}

output "id" {
  value = module.svc.id
}
`;

describe('write gate', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTemp('unmodule-gate-');
    writeFileSync(join(dir, 'main.tf'), MAIN);
    mkdirSync(join(dir, 'modules', 'svc'), { recursive: true });
    writeFileSync(join(dir, 'modules', 'svc', 'main.tf'), 'resource "terraform_data" "this" {\n  for_each = toset(["a"])\n  input    = each.key\n}\n\noutput "id" {\n  value = terraform_data.this["a"].id\n}\n');
  });
  afterEach(() => removeTemp(dir));

  /** A rewrite as a buggy inliner might produce it: for_each lost, a reference left dangling, a value where an address belongs. */
  function brokenRewrite(): FileChange[] {
    return [
      { path: 'main.tf', before: MAIN, after: 'output "id" {\n  value = terraform_data.svc_gone["a"].id\n}\n' },
      {
        path: 'svc.tf',
        after: '# Inlined\n\nresource "terraform_data" "svc" {\n  input = each.key\n}\n',
        provenance: { 'resource "terraform_data" "svc"': 'modules/svc/main.tf:1 (resource "terraform_data" "this" of module "svc")' },
      },
      { path: 'moved.tf', after: 'moved {\n  from = module.svc.terraform_data.this["a"]\n  to   = { id = "x" }\n}\n' },
    ];
  }

  it('refuses a broken rewrite with file:line and the construct it came from; every file stays byte-identical', async () => {
    const before = snapshot(dir);
    const err = await writeChanges(dir, brokenRewrite()).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).toBe('InlineError');
    expect(err?.message).toContain('nothing was written');
    expect(err?.message).toMatch(/svc\.tf:4: "each\.key" used where there is no for_each.*written from modules\/svc\/main\.tf:1 \(resource "terraform_data" "this" of module "svc"\)/);
    expect(err?.message).toMatch(/main\.tf:2: reference to undeclared resource "terraform_data\.svc_gone"/);
    expect(err?.message).toMatch(/moved\.tf:1: moved block with to = .*not an address/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a rewrite terraform validate rejects (an argument terraform_data does not have), nothing written', { timeout: 120_000 }, async () => {
    const before = snapshot(dir);
    const changes: FileChange[] = [
      { path: 'main.tf', before: MAIN, after: 'output "id" {\n  value = terraform_data.svc["a"].id\n}\n' },
      { path: 'svc.tf', after: 'resource "terraform_data" "svc" {\n  for_each = toset(["a"])\n\n  input   = each.key\n  payload = 1\n}\n' },
      { path: 'moved.tf', after: 'moved {\n  from = module.svc.terraform_data.this\n  to   = terraform_data.svc\n}\n' },
    ];
    const err = await writeChanges(dir, changes, { terraform: { env: testCliConfig() } }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/svc\.tf:5: terraform validate: Unsupported argument/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('lets a correct rewrite through (validated for real) and writes it', { timeout: 120_000 }, async () => {
    const changes: FileChange[] = [
      { path: 'main.tf', before: MAIN, after: 'output "id" {\n  value = terraform_data.svc["a"].id\n}\n' },
      { path: 'svc.tf', after: 'resource "terraform_data" "svc" {\n  for_each = toset(["a"])\n\n  input = each.key\n}\n' },
      { path: 'moved.tf', after: 'moved {\n  from = module.svc.terraform_data.this\n  to   = terraform_data.svc\n}\n' },
    ];
    const notes: string[] = [];
    expect(await writeChanges(dir, changes, { terraform: { env: testCliConfig() }, onNote: (n) => notes.push(n) })).toEqual(['main.tf', 'svc.tf', 'moved.tf']);
    expect(notes).toEqual([]);
  });

  it('names a problem once however many elements repeat it (validate reports each element of a for)', { timeout: 120_000 }, async () => {
    const before = snapshot(dir);
    const changes: FileChange[] = [
      { path: 'main.tf', before: MAIN, after: 'output "id" {\n  value = terraform_data.svc.id\n}\n' },
      { path: 'svc.tf', after: 'resource "terraform_data" "svc" {\n  input = [for r in [{ a = 1 }, { a = 2 }, { a = 3 }] : r.b]\n}\n' },
      { path: 'moved.tf', after: 'moved {\n  from = module.svc.terraform_data.this\n  to   = terraform_data.svc\n}\n' },
    ];
    const err = await writeChanges(dir, changes, { terraform: { env: testCliConfig() } }).then(
      () => undefined,
      (e: Error) => e,
    );
    const lines = (err?.message ?? '').split('\n').filter((l) => l.includes('svc.tf:2: terraform validate: Unsupported attribute'));
    expect(lines).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('says in words why validate was skipped when a provider cannot be installed (no JSON from terraform)', { timeout: 120_000 }, async () => {
    writeFileSync(join(dir, 'versions.tf'), 'terraform {\n  required_providers {\n    foo = { source = "example/foo" }\n  }\n}\n');
    const changes: FileChange[] = [
      { path: 'main.tf', before: MAIN, after: 'output "id" {\n  value = terraform_data.svc["a"].id\n}\n' },
      { path: 'svc.tf', after: 'resource "terraform_data" "svc" {\n  for_each = toset(["a"])\n\n  input = each.key\n}\n' },
      { path: 'moved.tf', after: 'moved {\n  from = module.svc.terraform_data.this\n  to   = terraform_data.svc\n}\n' },
    ];
    const notes: string[] = [];
    await writeChanges(dir, changes, { terraform: { env: testCliConfig() }, onNote: (n) => notes.push(n) });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^terraform validate was skipped: terraform init -backend=false could not prepare a copy \(Failed to query available provider packages\)/);
    expect(notes[0]).not.toMatch(/[{}"]@|@module/);
  });
});
