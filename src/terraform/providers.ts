// `terraform providers schema -json`: the schemas of every provider the config uses (the
// built-in terraform.io/builtin/terraform included when terraform_data is used). Needs an init
// with a backend: after `init -backend=false` with a remote backend configured it fails.
//
// For aws the answer is ~14 MB and costs ~5 s of CPU and ~600 MB of memory (terraform starts the
// provider to ask it), and it is the same for every directory that selects the same provider
// packages with the same terraform. A batch verifying many services offline asks once per such
// set: reusableProvidersSchema keeps what this process learned.
import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import createDebug from 'debug';
import { findProgram } from '../paths.js';
import { resolveTerraformBin, terraformEnv } from './argv.js';
import { runTerraform, type TerraformOptions } from './runner.js';
import type { ProviderSchemasJson, ResourceSchema } from './types.js';

const debug = createDebug('unmodule:terraform');

/** Runs `terraform providers schema -json`. */
export async function providersSchema(opts: TerraformOptions): Promise<ProviderSchemasJson> {
  const res = await runTerraform(['providers', 'schema', '-json'], opts);
  return JSON.parse(res.stdout) as ProviderSchemasJson;
}

/** The schema of a managed resource type from a provider ("registry.terraform.io/hashicorp/aws"). */
export function resourceSchema(schemas: ProviderSchemasJson, provider: string, type: string): ResourceSchema | undefined {
  return schemas.provider_schemas?.[provider]?.resource_schemas?.[type];
}

/** Provider schemas, and whether they were learned from another directory of this process. */
export interface ReusableSchemas {
  /** Shared with other callers: read it, never change it. */
  schemas: ProviderSchemasJson;
  /** True when no terraform ran for this call: an earlier directory selected the same providers. */
  reused: boolean;
}

// What this process learned, by schemaKey. A promise, so directories asking at the same time
// (batch --jobs N) wait for one run instead of starting N.
const learned = new Map<string, Promise<ProviderSchemasJson>>();

/**
 * `providers schema -json` for an initialised directory, answered without terraform when this
 * process already asked for a directory with the same key: the same terraform binary and the same
 * provider packages in `.terraform.lock.hcl` (address, version, hashes). Built-in providers are
 * not in the lock file and appear only where the config uses them, so a reused answer may lack
 * one: check `reused` against what you need and call again with `{ fresh: true }`, which runs
 * terraform and adds its answer to what is kept. Without a key (binary not found), terraform runs.
 */
export async function reusableProvidersSchema(opts: TerraformOptions, o: { fresh?: boolean } = {}): Promise<ReusableSchemas> {
  const key = await schemaKey(opts);
  if (key === undefined) return { schemas: await providersSchema(opts), reused: false };
  const known = learned.get(key);
  if (known && !o.fresh) {
    const schemas = await known.catch(() => undefined);
    if (schemas) {
      debug('providers schema of %s reused (same terraform and lock file as an earlier directory)', opts.cwd);
      return { schemas, reused: true };
    }
  }
  const asked = providersSchema(opts).then(async (fresh) => {
    const before = known && (await known.catch(() => undefined));
    return before ? { ...fresh, provider_schemas: { ...before.provider_schemas, ...fresh.provider_schemas } } : fresh;
  });
  learned.set(key, asked);
  // A failed run is not learned: the next directory asks again.
  asked.catch(() => {
    if (learned.get(key) === asked) learned.delete(key);
  });
  return { schemas: await asked, reused: false };
}

/** Forgets what reusableProvidersSchema learned (tests). */
export function forgetProvidersSchemas(): void {
  learned.clear();
}

// What the answer depends on: the binary (its real path, size and mtime; a wrapper script counts
// as its own binary), the CLI config (dev_overrides replace providers), and the provider packages
// the lock file selects. `constraints` lines and comments do not change the packages. Undefined
// when the binary cannot be found (terraform then fails with its own message).
async function schemaKey(opts: TerraformOptions): Promise<string | undefined> {
  const env = terraformEnv(opts.env);
  const bin = await binaryPath(resolveTerraformBin(opts.bin), opts.cwd, env.PATH ?? '');
  if (!bin) return undefined;
  const s = await stat(bin);
  const lock = await readFile(join(opts.cwd, '.terraform.lock.hcl'), 'utf8').catch(() => '(no lock file)');
  const packages = lock
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' ')) // `version     = ` is aligned with a constraints line
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('//') && !/^constraints\s*=/.test(l))
    .join('\n');
  return JSON.stringify([bin, s.size, s.mtimeMs, env.TF_CLI_CONFIG_FILE ?? '', packages]);
}

// The file a binary name or path runs, as the spawn would find it, links resolved; undefined when not found.
async function binaryPath(bin: string, cwd: string, path: string): Promise<string | undefined> {
  const found = findProgram(bin, cwd, path);
  return found === undefined ? undefined : realpath(found).catch(() => undefined);
}
