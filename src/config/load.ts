// Reading a module directory from disk (the I/O edge of src/config).
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSource, parseHcl, type HclFile } from '../hcl/cst.js';
import { buildModule, type ModuleConfig } from './module.js';
import { describeSystemError, UserError } from '../errors.js';

/** A directory that cannot be read as a Terraform module. */
export class ModuleLoadError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleLoadError';
  }
}

/**
 * The largest .tf file read. The HCL parser (tree-sitter compiled to WASM) aborts the whole
 * process past ~16 MB of one file and needs ~40 s for 10 MB; a file this big is generated, and
 * splitting it changes nothing for Terraform (it loads a directory's files together).
 */
export const MAX_TF_FILE_BYTES = 10 * 1024 * 1024;

/** Reads and parses every `.tf` file of dir (sorted, as Terraform loads them). */
export async function readTfFiles(dir: string): Promise<HclFile[]> {
  return (await readConfigFiles(dir)).files;
}

/** The directory's native-syntax files, parsed, and the names of its JSON configuration files. */
async function readConfigFiles(dir: string): Promise<{ files: HclFile[]; jsonFiles: string[] }> {
  let all: string[];
  try {
    // Directories named *.tf are skipped, as Terraform skips them.
    all = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ModuleLoadError(e.code === 'ENOENT' ? `${dir}: no such directory` : `cannot read the directory ${describeSystemError(e, dir)}`);
  }
  const names = all.filter((n) => n.endsWith('.tf'));
  const jsonFiles = all.filter((n) => n.endsWith('.tf.json')).map((n) => join(dir, n));
  // Synchronous reads: a .tf file is small, and one readFileSync costs less than the four
  // round trips of an async read (this runs for every service of a batch, several times).
  const files = await Promise.all(names.map((n) => parseHcl(join(dir, n), decodeSource(join(dir, n), readTfFile(join(dir, n))))));
  return { files, jsonFiles };
}

/** One .tf file's bytes; refuses, naming the file, what Terraform could not read either (or the parser could not hold). */
function readTfFile(path: string): Buffer {
  try {
    const size = statSync(path).size;
    if (size > MAX_TF_FILE_BYTES) {
      throw new ModuleLoadError(
        `${path}: ${(size / 1024 / 1024).toFixed(1)} MB; unmodule reads .tf files up to ${MAX_TF_FILE_BYTES / 1024 / 1024} MB. Split it into several .tf files in the same directory (Terraform loads them together) and run again`,
      );
    }
    return readFileSync(path);
  } catch (err) {
    if (err instanceof ModuleLoadError) throw err;
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'is a symbolic link to a file that does not exist' : describeSystemError(e, '');
    throw new ModuleLoadError(`${path}: cannot be read: ${why}. Terraform reads every .tf file of the directory, so it fails on this one too`);
  }
}

/** Loads a module directory; refuses a directory with no .tf files. */
export async function loadModule(dir: string): Promise<ModuleConfig> {
  const { files, jsonFiles } = await readConfigFiles(dir);
  if (files.length === 0 && jsonFiles.length === 0) {
    throw new ModuleLoadError(`${dir}: no .tf files here; point unmodule at a Terraform root module (a service directory)`);
  }
  return buildModule(dir, files, jsonFiles);
}
