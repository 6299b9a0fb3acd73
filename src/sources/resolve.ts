// Resolving a module call's source to a directory on disk: local paths directly, everything
// else through what `terraform init` recorded in .terraform/modules/modules.json.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitSubdir } from './source.js';
import { UserError } from '../errors.js';

/** A module source that cannot be found on disk, with what to do about it. */
export class SourceNotFoundError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'SourceNotFoundError';
  }
}

/** True for `./x` and `../x` sources (Terraform's local-path rule). */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

/** One entry of .terraform/modules/modules.json as `terraform init` writes it. */
export interface ManifestEntry {
  /** Call names joined by dots (`a.b`), no instance keys; "" is the root. */
  Key: string;
  /** The source as written when init ran. */
  Source: string;
  /** Relative to the root, including the `//subdir` part. */
  Dir: string;
  /** Registry modules only: the version init selected. */
  Version?: string;
}

/** The path of a root's module manifest. */
export function manifestPath(rootDir: string): string {
  return join(rootDir, '.terraform', 'modules', 'modules.json');
}

/** The manifest entries of rootDir, or undefined when `terraform init` never installed modules there. */
export async function readModulesManifest(rootDir: string): Promise<ManifestEntry[] | undefined> {
  let text: string;
  try {
    text = await readFile(manifestPath(rootDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return ((JSON.parse(text) as { Modules?: ManifestEntry[] }).Modules ?? []).filter((m) => typeof m.Key === 'string');
  } catch {
    throw new SourceNotFoundError(`${manifestPath(rootDir)} is not valid JSON; run \`terraform init\` in ${rootDir} to rewrite it`);
  }
}

/** The package directory (relative to the root) of an entry: its Dir without the `//subdir` part. */
export function packageDirOf(entry: ManifestEntry): string {
  const { subdir } = splitSubdir(entry.Source);
  if (!subdir) return entry.Dir;
  const suffix = `/${subdir.replace(/^\/+|\/+$/g, '')}`;
  return entry.Dir.endsWith(suffix) ? entry.Dir.slice(0, -suffix.length) : entry.Dir;
}

/** The directory holding the module for call `key` (call names joined by dots) of root dir. */
export async function resolveModuleDir(rootDir: string, key: string, source: string | undefined): Promise<string> {
  if (source && isLocalSource(source) && !key.includes('.')) return resolve(rootDir, source);
  const manifest = await readModulesManifest(rootDir);
  if (!manifest) {
    throw new SourceNotFoundError(
      `module "${key}" (source ${JSON.stringify(source)}) is not on disk: run \`terraform init\` in ${rootDir} so .terraform/modules holds it, then run unmodule again`,
    );
  }
  const entry = manifest.find((m) => m.Key === key);
  if (!entry) throw new SourceNotFoundError(`module "${key}" is not in ${manifestPath(rootDir)}; run \`terraform init\` again (the configuration changed since the last init)`);
  return resolve(rootDir, entry.Dir);
}
