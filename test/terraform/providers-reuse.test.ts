// reusableProvidersSchema: one `providers schema -json` per terraform binary and lock file in a
// process. Real terraform through a logging wrapper, so the runs are counted, not assumed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { init } from '../../src/terraform/init.js';
import { forgetProvidersSchemas, reusableProvidersSchema } from '../../src/terraform/providers.js';
import { countingTerraform } from '../helpers/counting-terraform.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));
beforeEach(() => forgetProvidersSchemas());

const AWS = 'registry.terraform.io/hashicorp/aws';
const BUILTIN = 'terraform.io/builtin/terraform';
const REQUIRES_AWS = 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n';

function counted() {
  const c = countingTerraform();
  temps.push(c.dir);
  return c;
}

async function initialised(files: Record<string, string>, bin: string): Promise<string> {
  const dir = makeTemp('unmodule-schema-');
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  await init({ cwd: dir, bin, env: testCliConfig() });
  return dir;
}

const schemaRuns = (runs: string[]) => runs.filter((a) => a.startsWith('providers schema')).length;

describe('provider schemas learned once per process', () => {
  it('directories with the same lock file share one run; a built-in provider the first lacked is asked for and kept', async () => {
    const tf = counted();
    const opts = (cwd: string) => ({ cwd, bin: tf.bin, env: testCliConfig() });
    const a = await initialised({ 'main.tf': REQUIRES_AWS }, tf.bin);
    const b = await initialised({ 'main.tf': REQUIRES_AWS }, tf.bin);
    // Same providers, a different constraint and a terraform_data: the lock's packages are the same.
    const c = await initialised({ 'main.tf': REQUIRES_AWS.replace('"hashicorp/aws"', '"hashicorp/aws"\n      version = ">= 4.0"') + 'resource "terraform_data" "x" {}\n' }, tf.bin);
    expect(readFileSync(join(c, '.terraform.lock.hcl'), 'utf8')).toContain('constraints = ">= 4.0.0"');

    // Both at once (batch --jobs 2): one run.
    const [first, second] = await Promise.all([reusableProvidersSchema(opts(a)), reusableProvidersSchema(opts(b))]);
    expect(schemaRuns(tf.runs())).toBe(1);
    expect([first.reused, second.reused].sort()).toEqual([false, true]);
    expect(second.schemas).toBe(first.schemas);
    expect(Object.keys(first.schemas.provider_schemas ?? {})).toEqual([AWS]);

    // c's lock selects the same package: reused, though c also uses the built-in provider...
    const reused = await reusableProvidersSchema(opts(c));
    expect(reused.reused).toBe(true);
    expect(schemaRuns(tf.runs())).toBe(1);
    expect(reused.schemas.provider_schemas?.[BUILTIN]).toBeUndefined();
    // ...which the caller notices and asks for: terraform runs, and the answer is kept merged.
    const fresh = await reusableProvidersSchema(opts(c), { fresh: true });
    expect(fresh.reused).toBe(false);
    expect(schemaRuns(tf.runs())).toBe(2);
    expect(Object.keys(fresh.schemas.provider_schemas ?? {}).sort()).toEqual([AWS, BUILTIN]);
    const again = await reusableProvidersSchema(opts(a));
    expect(again).toEqual({ schemas: fresh.schemas, reused: true });
    expect(schemaRuns(tf.runs())).toBe(2);
  });

  it('another lock file, or another terraform binary, is asked again', async () => {
    const tf = counted();
    const aws = await initialised({ 'main.tf': REQUIRES_AWS }, tf.bin);
    // No provider to lock: only the built-in one, and no lock file.
    const builtin = await initialised({ 'main.tf': 'resource "terraform_data" "x" {}\n' }, tf.bin);
    const fromAws = await reusableProvidersSchema({ cwd: aws, bin: tf.bin, env: testCliConfig() });
    const fromBuiltin = await reusableProvidersSchema({ cwd: builtin, bin: tf.bin, env: testCliConfig() });
    expect(fromBuiltin.reused).toBe(false);
    expect(Object.keys(fromBuiltin.schemas.provider_schemas ?? {})).toEqual([BUILTIN]);
    expect(Object.keys(fromAws.schemas.provider_schemas ?? {})).toEqual([AWS]);
    expect(schemaRuns(tf.runs())).toBe(2);

    // A second wrapper: the same real terraform, but a binary of its own (path, size, mtime).
    const other = counted();
    const viaOther = await reusableProvidersSchema({ cwd: builtin, bin: other.bin, env: testCliConfig() });
    expect(viaOther.reused).toBe(false);
    expect(schemaRuns(other.runs())).toBe(1);
    // The same binary through PATH instead of a path: the same binary, reused.
    const viaPath = await reusableProvidersSchema({ cwd: builtin, env: tf.envWith(testCliConfig()) });
    expect(viaPath.reused).toBe(true);
    expect(schemaRuns(tf.runs())).toBe(2);
  });
});
