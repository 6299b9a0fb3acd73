// The results file: written whole after every finished directory (temp file + rename, so a run
// killed at any moment leaves the last complete version), read back by --resume and by
// `report --merge`. Merging is pure.
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeSystemError } from '../errors.js';
import { servicePath } from './discover.js';
import { BatchUsageError } from './select.js';
import { RESULTS_SCHEMA, totalsOf, type BatchResults, type RunSettings, type ServiceReport } from './types.js';

/** A results document for settings, planned dirs and the services done so far. */
export function buildResults(settings: RunSettings, planned: string[], services: ServiceReport[]): BatchResults {
  const sorted = [...services].sort((a, b) => a.path.localeCompare(b.path));
  return { schema: RESULTS_SCHEMA, settings, planned: [...planned].sort(), services: sorted, totals: totalsOf(sorted, planned) };
}

/** Writes results atomically (a reader never sees half a file). */
export async function writeResults(file: string, results: BatchResults): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, JSON.stringify(results, null, 2) + '\n');
  await rename(tmp, file);
}

/** Reads a results file; a file that is not one says so. */
export async function readResults(file: string): Promise<BatchResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new BatchUsageError(`cannot read results: ${describeSystemError(err as NodeJS.ErrnoException, file)}`);
  }
  let json: Partial<BatchResults>;
  try {
    json = JSON.parse(text) as Partial<BatchResults>;
  } catch {
    throw new BatchUsageError(`${file}: not JSON; pass files written by \`unmodule batch --results\` or \`--json\``);
  }
  if (json.schema !== RESULTS_SCHEMA || !Array.isArray(json.services) || !json.settings) {
    throw new BatchUsageError(`${file}: not an unmodule results file (expected "schema": "${RESULTS_SCHEMA}")`);
  }
  return json as BatchResults;
}

/** Settings that must agree for two result sets to describe one run (the shard is what differs). */
function sameRun(a: RunSettings, b: RunSettings): boolean {
  return a.module === b.module && a.steps.join() === b.steps.join() && a.mode === b.mode && a.write === b.write && a.offline === b.offline;
}

/**
 * Joins shard results into one run. A directory present in several (an overlapping or re-run
 * shard) keeps its latest-listed result. Settings must agree: merging a dry run with a --write
 * run would describe neither. With `base`, paths are re-expressed from there (results files record
 * them from their own directory).
 */
export function mergeResults(parts: { file: string; results: BatchResults }[], base?: string): BatchResults {
  if (parts.length === 0) throw new BatchUsageError('--merge needs at least one results file');
  const first = parts[0]!;
  for (const p of parts.slice(1)) {
    if (!sameRun(first.results.settings, p.results.settings)) {
      throw new BatchUsageError(`${p.file} was made with different settings than ${first.file} (module, steps, mode, --write, --offline must match)`);
    }
  }
  // Each file's paths resolve from its own directory; the merged report names them from `base`.
  const rebase = (file: string, path: string) => (base === undefined ? path : servicePath(resolve(dirname(resolve(file)), path), base));
  const byPath = new Map<string, ServiceReport>();
  for (const p of parts) for (const s of p.results.services) byPath.set(rebase(p.file, s.path), { ...s, path: rebase(p.file, s.path) });
  const planned = [...new Set(parts.flatMap((p) => p.results.planned.map((x) => rebase(p.file, x))))];
  const { shard: _shard, ...settings } = first.results.settings;
  return buildResults(settings, planned, [...byPath.values()]);
}
