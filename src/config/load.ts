// Reading a module directory from disk (the I/O edge of src/config).
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSource, parseHcl, type HclFile } from '../hcl/cst.js';
import { buildModule, type ModuleConfig } from './module.js';

/** A directory that cannot be read as a Terraform module. */
export class ModuleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

/** Reads and parses every `.tf` file of dir (sorted, as Terraform loads them). */
export async function readTfFiles(dir: string): Promise<HclFile[]> {
  return (await readConfigFiles(dir)).files;
}

/** The directory's native-syntax files, parsed, and the names of its JSON configuration files. */
async function readConfigFiles(dir: string): Promise<{ files: HclFile[]; jsonFiles: string[] }> {
  let all: string[];
  try {
    all = (await readdir(dir)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModuleLoadError(code === 'ENOENT' ? `${dir}: no such directory` : `${dir}: cannot read directory (${code})`);
  }
  const names = all.filter((n) => n.endsWith('.tf'));
  const jsonFiles = all.filter((n) => n.endsWith('.tf.json')).map((n) => join(dir, n));
  // Synchronous reads: a .tf file is small, and one readFileSync costs less than the four
  // round trips of an async read (this runs for every service of a batch, several times).
  const files = await Promise.all(names.map((n) => parseHcl(join(dir, n), decodeSource(join(dir, n), readFileSync(join(dir, n))))));
  return { files, jsonFiles };
}

/** Loads a module directory; refuses a directory with no .tf files. */
export async function loadModule(dir: string): Promise<ModuleConfig> {
  const { files, jsonFiles } = await readConfigFiles(dir);
  if (files.length === 0 && jsonFiles.length === 0) {
    throw new ModuleLoadError(`${dir}: no .tf files here; point unmodule at a Terraform root module (a service directory)`);
  }
  return buildModule(dir, files, jsonFiles);
}
