// The write gate: before any file is written, the whole rewritten directory is loaded the way
// Terraform loads it (every .tf file, overrides merged) and checked — names unique per block kind,
// every reference declared, each.*/count.* only where they mean something, moved blocks that are
// addresses with unique sources — and, where terraform can run, `terraform validate` on a scratch
// copy. Whatever trips it is an unmodule bug: nothing is written and the error says where.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { checkConfig, type ConfigProblem } from '../config/check.js';
import { buildModule, ConfigError } from '../config/module.js';
import { HclSyntaxError, parseHcl, type HclFile } from '../hcl/cst.js';
import { removeScratch, scratchDir } from '../scratch.js';
import { init, TerraformError, TerraformNotFoundError, validate } from '../terraform/index.js';
import { prepareOfflineWorkspace } from '../verify/offline-workspace.js';
import type { FileChange } from './files.js';
import { InlineError } from './refactor.js';

/** How the gate may run terraform; absent: the static checks only. */
export interface GateTerraform {
  bin?: string;
  env?: Record<string, string | undefined>;
}

/** What the gate could not check, for the user to know (e.g. validate skipped offline). */
export interface GateResult {
  notes: string[];
}

/** Throws InlineError (nothing written) when the rewritten directory would not load in Terraform. */
export async function gateWrite(dir: string, changes: FileChange[], tf?: GateTerraform): Promise<GateResult> {
  const problems = await staticProblems(dir, changes);
  if (problems.length) throw gateError(dir, changes, problems);
  if (!tf) return { notes: [] };
  const v = await validateCopy(dir, changes, tf);
  if ('skipped' in v) return { notes: [`terraform validate was skipped: ${v.skipped}`] };
  if (v.problems.length) throw gateError(dir, changes, v.problems);
  return { notes: [] };
}

/** The problems the rewrite introduces (those the directory already had are the user's, not ours). */
export async function staticProblems(dir: string, changes: FileChange[]): Promise<ConfigProblem[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.tf'));
  const jsonFiles = (await readdir(dir)).filter((n) => n.endsWith('.tf.json'));
  const rootChanges = changes.filter((c) => c.path.endsWith('.tf') && !c.path.includes('/'));
  const before = new Map<string, string>();
  for (const n of names) before.set(n, await readFile(join(dir, n), 'utf8'));
  const after = new Map(before);
  for (const c of rootChanges) after.set(c.path, c.after);
  const loaded = async (texts: Map<string, string>): Promise<ConfigProblem[]> => {
    const files: HclFile[] = [];
    for (const [n, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      try {
        files.push(await parseHcl(join(dir, n), text));
      } catch (err) {
        if (err instanceof HclSyntaxError) return [{ origin: { file: err.path, line: err.line }, message: err.message.replace(/^[^ ]+: /, '') }];
        throw err;
      }
    }
    try {
      const mod = buildModule(dir, files, jsonFiles.map((n) => join(dir, n)));
      // Declarations in JSON files are not in the model: only the moved-block checks hold there.
      const found = checkConfig(mod);
      return jsonFiles.length ? found.filter((p) => p.message.startsWith('moved block')) : found;
    } catch (err) {
      if (err instanceof ConfigError) return [{ origin: err.origin, message: err.message.replace(/^[^ ]+: /, '') }];
      throw err;
    }
  };
  const had = await loaded(before);
  const now = await loaded(after);
  return subtract(now, had, (p) => `${basename(p.origin.file)}|${p.message}`);
}

/** Items of `now` not in `had` (as multisets by key). */
function subtract<T>(now: T[], had: T[], key: (t: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const h of had) counts.set(key(h), (counts.get(key(h)) ?? 0) + 1);
  return now.filter((n) => {
    const c = counts.get(key(n)) ?? 0;
    if (c > 0) {
      counts.set(key(n), c - 1);
      return false;
    }
    return true;
  });
}

/**
 * `terraform init -backend=false` and `validate` on a scratch copy with the changes applied (the
 * original is validated too only when the copy fails, so that only new errors count). Skipped —
 * never a failure — when terraform is missing or init cannot install what the config needs.
 */
async function validateCopy(dir: string, changes: FileChange[], tf: GateTerraform): Promise<{ problems: ConfigProblem[] } | { skipped: string }> {
  const run = async (apply: boolean) => {
    const tmp = scratchDir('unmodule-validate');
    try {
      const ws = await prepareOfflineWorkspace(dir, tmp, 'us-east-1');
      if (apply) {
        for (const c of changes) {
          await mkdir(dirname(join(ws.dir, c.path)), { recursive: true });
          await writeFile(join(ws.dir, c.path), c.after);
        }
      }
      const opts = { bin: tf.bin, cwd: ws.dir, env: tf.env };
      try {
        await init(opts, { backend: false });
      } catch (err) {
        if (err instanceof TerraformError) return { skipped: `terraform init -backend=false could not prepare a copy (${firstLine(err)}); the providers or modules it needs may not be installable here` };
        throw err;
      }
      const res = await validate(opts);
      const errors = res.diagnostics.filter((d) => d.severity === 'error');
      return {
        problems: errors.map((d) => ({
          origin: { file: d.file ? join(dir, d.file) : dir, line: d.line ?? 0 },
          message: `terraform validate: ${d.summary}${d.detail ? ` (${d.detail.split('\n')[0]})` : ''}`,
        })),
      };
    } finally {
      await removeScratch(tmp);
    }
  };
  try {
    const after = await run(true);
    if ('skipped' in after || after.problems.length === 0) return after;
    const before = await run(false);
    if ('skipped' in before) return after;
    return { problems: subtract(after.problems, before.problems, (p) => `${basename(p.origin.file)}|${p.message}`) };
  } catch (err) {
    if (err instanceof TerraformNotFoundError) return { skipped: 'terraform is not installed' };
    throw err;
  }
}

/** Terraform's first error, in words: its parsed diagnostic (a -json run prints JSON), else its Error: line. */
function firstLine(err: TerraformError): string {
  const d = err.diagnostics[0];
  if (d) return d.summary;
  const m = /^\s*(?:│\s*)?Error: (.*)$/m.exec(`${err.stderr}\n${err.stdout}`);
  return m ? m[1]!.trim() : `exit ${err.exitCode}`;
}

/** The refusal: each problem at its generated file:line, with the module construct it was written from. */
function gateError(dir: string, changes: FileChange[], problems: ConfigProblem[]): InlineError {
  const lines = problems.map((p) => {
    const rel = relative(dir, p.origin.file) || p.origin.file;
    const change = changes.find((c) => c.path === rel);
    const from = change ? constructAt(change, p.origin.line) : undefined;
    return `  ${rel}:${p.origin.line}: ${p.message}${from ? ` — ${from}` : ''}`;
  });
  // terraform validate reports a problem once per instance of a for_each/count; one line says it.
  const unique = [...new Set(lines)];
  return new InlineError(
    `the rewritten configuration would not load in Terraform, so nothing was written (this is an unmodule bug; please report it with this message):\n${unique.join('\n')}\nUntil it is fixed, leave this module call as it is or inline it by hand.`,
  );
}

/** Which block of a written file a line is in, and the module construct that block was written from. */
export function constructAt(change: FileChange, line: number): string | undefined {
  const lines = change.after.split('\n');
  // The top-level block around the line: the nearest header at column 0 above it.
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^([a-z_]+(?: "[^"]*")*) \{/.exec(lines[i]!);
    if (!m) continue;
    const header = m[1]!;
    const origin = change.provenance?.[header];
    if (origin) return `in ${header}, written from ${origin}`;
    return change.before === undefined ? `in ${header}, written by unmodule` : `in ${header}, edited by unmodule (module references replaced)`;
  }
  return undefined;
}
