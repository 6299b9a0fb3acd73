// Resolving a module call's source to a directory on disk: local paths directly, everything
// else through what `terraform init` recorded in .terraform/modules/modules.json.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A module source that cannot be found on disk, with what to do about it. */
export class SourceNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceNotFoundError';
  }
}

/** True for `./x` and `../x` sources (Terraform's local-path rule). */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

interface ModulesJson {
  Modules?: { Key: string; Source: string; Dir: string; Version?: string }[];
}

/** The directory holding the module for call `key` (call names joined by dots) of root dir. */
export async function resolveModuleDir(rootDir: string, key: string, source: string | undefined): Promise<string> {
  if (source && isLocalSource(source) && !key.includes('.')) return resolve(rootDir, source);
  let manifest: ModulesJson;
  try {
    manifest = JSON.parse(await readFile(join(rootDir, '.terraform', 'modules', 'modules.json'), 'utf8')) as ModulesJson;
  } catch {
    throw new SourceNotFoundError(
      `module "${key}" (source ${JSON.stringify(source)}) is not on disk: run \`terraform init\` in ${rootDir} so .terraform/modules holds it, then run unmodule again`,
    );
  }
  const entry = manifest.Modules?.find((m) => m.Key === key);
  if (!entry) throw new SourceNotFoundError(`module "${key}" is not in ${join(rootDir, '.terraform/modules/modules.json')}; run \`terraform init\` again (the configuration changed since the last init)`);
  return resolve(rootDir, entry.Dir);
}
