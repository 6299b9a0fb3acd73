// Reading a module directory from disk (the I/O edge of src/config).
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
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
 * How many bytes of JS heap reading one byte of .tf may need: a 20 MB root holds 1.3 GB of heap
 * once parsed (the syntax tree with positions, comments and the model over it, ~65 bytes a byte),
 * plus room for the engine's own work. Files are parsed one top-level block at a time (see
 * parseHcl), so the parser's own memory does not grow with the file.
 */
const HEAP_BYTES_PER_TF_BYTE = 100;

/** The most .tf bytes one directory may hold for this process: its heap limit over the cost per byte. */
export function maxConfigBytes(heapLimit = getHeapStatistics().heap_size_limit): number {
  return Math.floor(heapLimit / HEAP_BYTES_PER_TF_BYTE);
}

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
  refuseBeyondMemory(dir, names);
  const jsonFiles = all.filter((n) => n.endsWith('.tf.json')).map((n) => join(dir, n));
  // Synchronous reads: a .tf file is small, and one readFileSync costs less than the four
  // round trips of an async read (this runs for every service of a batch, several times).
  const files = await Promise.all(names.map((n) => parseHcl(join(dir, n), decodeSource(join(dir, n), readTfFile(join(dir, n))))));
  return { files, jsonFiles };
}

/**
 * Refuses, before reading any, .tf files this process has not the memory to hold (a heap overflow
 * ends in a crash), and .tf files that are not regular files.
 */
function refuseBeyondMemory(dir: string, names: string[]): void {
  let total = 0;
  for (const n of names) {
    let st: Stats;
    try {
      st = statSync(join(dir, n));
    } catch {
      continue; // readTfFile names what cannot be read
    }
    // Reading a named pipe waits for a writer (forever, in CI) and a device may never end: neither
    // has bytes that can be read twice, so nothing exact can come of it.
    if (isSpecial(st)) throw new ModuleLoadError(notRegular(join(dir, n)));
    total += st.size;
  }
  const max = maxConfigBytes();
  if (total <= max) return;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  const heapMb = Math.ceil((total * HEAP_BYTES_PER_TF_BYTE) / 1024 / 1024 / 1024) * 1024;
  throw new ModuleLoadError(
    `${dir}: ${mb(total)} MB of .tf files; with this Node.js heap limit (${mb(getHeapStatistics().heap_size_limit)} MB) unmodule reads up to ${mb(max)} MB of configuration per directory. ` +
      `Run it with a larger heap, e.g. NODE_OPTIONS=--max-old-space-size=${heapMb} (memory permitting), and run again`,
  );
}

/** One .tf file's bytes; refuses, naming the file, what Terraform could not read either. */
function readTfFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'is a symbolic link to a file that does not exist' : describeSystemError(e, '');
    throw new ModuleLoadError(`${path}: cannot be read: ${why}. Terraform reads every .tf file of the directory, so it fails on this one too`);
  }
}

/**
 * A configuration or variables file's text (a .tf read without parsing, a .tfvars); refuses,
 * naming it, a named pipe, socket or device, which a plain read would wait on forever.
 */
export function readConfigText(path: string): string {
  if (isSpecial(statSync(path))) throw new ModuleLoadError(notRegular(path));
  return readFileSync(path, 'utf8');
}

function isSpecial(st: Stats): boolean {
  return st.isFIFO() || st.isSocket() || st.isCharacterDevice() || st.isBlockDevice();
}

function notRegular(path: string): string {
  return `${path}: is not a regular file (a named pipe, socket or device), so unmodule does not read it; replace it with a plain file or remove it`;
}

/** Loads a module directory; refuses a directory with no .tf files. */
export async function loadModule(dir: string): Promise<ModuleConfig> {
  const { files, jsonFiles } = await readConfigFiles(dir);
  if (files.length === 0 && jsonFiles.length === 0) {
    throw new ModuleLoadError(`${dir}: no .tf files here; point unmodule at a Terraform root module (a service directory)`);
  }
  return buildModule(dir, files, jsonFiles);
}
