// Remote modules for services that were never initialised. Rather than `terraform init` in every
// such directory (one clone each, and a .terraform left in a dry run's service), each distinct
// source is installed once per batch by `terraform get` in a scratch root that calls only it, so
// terraform's own getter decides what the source means, and every service using it reads that copy.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readModulesManifest } from '../sources/resolve.js';
import { getModules, type TerraformOptions } from '../terraform/index.js';
import { removeScratch, scratchDir } from '../scratch.js';

/** Installs remote module sources once each; `close` removes every copy. */
export interface ModuleFetcher {
  /** The directory holding the module `source` (at `version`, for registry sources). */
  fetch: (source: string, version?: string) => Promise<string>;
  close: () => Promise<void>;
}

/** A fetcher whose copies live in one temp dir until close. */
export function moduleFetcher(tf: Omit<TerraformOptions, 'cwd'>): ModuleFetcher {
  let root: string | undefined;
  const copies = new Map<string, Promise<string>>();
  let n = 0;

  const install = async (source: string, version: string | undefined): Promise<string> => {
    root ??= scratchDir('unmodule-modules');
    const dir = join(root, `m${n++}`);
    await mkdir(dir);
    const lines = [`  source = ${JSON.stringify(source)}`, ...(version !== undefined ? [`  version = ${JSON.stringify(version)}`] : [])];
    await writeFile(join(dir, 'main.tf'), `module "m" {\n${lines.join('\n')}\n}\n`);
    await getModules({ ...tf, cwd: dir });
    const entry = (await readModulesManifest(dir))?.find((m) => m.Key === 'm');
    if (!entry) throw new Error(`terraform get installed no module for source ${JSON.stringify(source)} (no "m" entry in ${dir}/.terraform/modules/modules.json)`);
    return resolve(dir, entry.Dir);
  };

  return {
    fetch(source, version) {
      const key = JSON.stringify([source, version ?? null]);
      let p = copies.get(key);
      if (!p) {
        p = install(source, version);
        copies.set(key, p);
        // A failed fetch (network blip) is tried again by the next service that needs it.
        p.catch(() => copies.delete(key));
      }
      return p;
    },
    async close() {
      if (root) await removeScratch(root);
    },
  };
}
