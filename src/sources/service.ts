// One service directory, end to end: find its module calls (its own and those of local modules
// inside it), learn what is deployed, decide the pins, turn them into file edits, and write all of
// a service's files or none. Decisions live in pin.ts; this file is the I/O around them.
import { chmod, rename, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { loadModule } from '../config/load.js';
import type { ModuleCall, ModuleConfig } from '../config/module.js';
import { applyEdits, type TextEdit } from '../hcl/edit.js';
import { gateFiles } from '../hcl/reference.js';
import { renderDiff } from '../report/diff.js';
import { formatHcl } from '../hcl/format.js';
import type { TerraformOptions } from '../terraform/index.js';
import { gitFacts, registryInstalled, type GitCache } from './deployed.js';
import { decideGitPin, decideRegistryPin, pinEdits, type PinChange } from './pin.js';
import { readModulesManifest, type ManifestEntry } from './resolve.js';
import { classifyVersionConstraint, moduleIdentity, parseModuleSource, tryParseModuleSource, type ModuleSource } from './source.js';

/** Where a call stands: pinned already, floating (a pin is planned), or outside what pinning covers. */
export type CallStatus = 'pinned' | 'floating' | 'local' | 'unpinnable' | 'error';

/** One module call of one service, as the pin run and the fleet view see it. */
export interface CallFinding {
  /** Call names joined by dots, as in modules.json (`network.vpc` for a call inside a local module). */
  key: string;
  file: string;
  line: number;
  source: string;
  kind: ModuleSource['kind'] | 'invalid';
  /** The same module across services: the source without ref/query (see moduleIdentity). */
  module: string;
  /** git `?ref=` or registry `version` as written; undefined when there is none. */
  ref?: string;
  refKind?: 'tag' | 'branch' | 'commit' | 'default-branch' | 'exact' | 'range' | 'none';
  status: CallStatus;
  /** The commit or registry version in use, when learned. */
  deployed?: string;
  /** The planned pin (source and/or version text), when floating. */
  pin?: { source?: string; version?: string; comment?: string };
  notes: string[];
  error?: string;
}

/** A file a service run rewrites. */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** The outcome for one service directory. */
export interface ServiceResult {
  dir: string;
  status: 'changed' | 'unchanged' | 'failed';
  calls: CallFinding[];
  files: FileChange[];
  /** Unified diff of every file change (empty when nothing changes). */
  diff: string;
  errors: string[];
  written: boolean;
}

/** How a pin run behaves. */
export interface PinOptions {
  /** Pin tags to their commit hash too, keeping the tag as a trailing comment. */
  digest?: boolean;
  /** Only calls whose source matches (substring, or glob with `*`). */
  module?: string;
  /** false: leave edited files unformatted (the caller formats them); formatting runs in process. */
  terraform?: Omit<TerraformOptions, 'cwd'> | false;
  /** Paths in diffs are relative to this (default: the process's cwd). */
  base?: string;
  /** false: the caller gates the edited texts itself before anything reads them (batch). */
  gate?: boolean;
}

/** True when a call's source falls under the --module pattern. */
export function matchesModule(pattern: string | undefined, source: string, identity: string): boolean {
  if (!pattern) return true;
  if (!pattern.includes('*')) return source.includes(pattern) || identity.includes(pattern);
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(source) || re.test(identity);
}

interface ScopedCall {
  key: string;
  call: ModuleCall;
}

/** The root's calls plus those of local modules inside the root directory (their files belong to the service too). */
async function collectCalls(root: ModuleConfig): Promise<ScopedCall[]> {
  const out: ScopedCall[] = [];
  const walk = async (mod: ModuleConfig, prefix: string, depth: number) => {
    for (const call of mod.moduleCalls) {
      const key = prefix ? `${prefix}.${call.name}` : call.name;
      out.push({ key, call });
      if (!call.source || tryParseModuleSource(call.source)?.kind !== 'local' || depth > 20) continue;
      const dir = resolve(mod.dir, call.source);
      const rel = relative(root.dir, dir);
      if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('.terraform')) continue;
      const child = await loadModule(dir).catch(() => undefined);
      if (child) await walk(child, key, depth + 1);
    }
  };
  await walk(root, '', 0);
  return out;
}

/** Analyses one call: classification, deployed facts, planned pin. Errors become the finding's error. */
async function analyseCall(dir: string, sc: ScopedCall, manifest: ManifestEntry[] | undefined, opts: PinOptions, cache: GitCache): Promise<{ finding: CallFinding; change?: PinChange }> {
  const { call, key } = sc;
  const base = { key, file: call.origin.file, line: call.origin.line, notes: [] as string[] };
  const sourceAttr = call.meta.get('source');
  if (!sourceAttr || call.source === undefined) {
    const why = sourceAttr ? 'the source must be a literal string (Terraform does not allow variables or templates there)' : 'it has no source argument';
    return { finding: { ...base, source: '', kind: 'invalid', module: '', status: 'error', error: `module "${key}": ${why}` } };
  }
  let src: ModuleSource;
  try {
    src = parseModuleSource(call.source);
  } catch (err) {
    return { finding: { ...base, source: call.source, kind: 'invalid', module: call.source, status: 'error', error: `module "${key}": ${(err as Error).message}` } };
  }
  const finding: CallFinding = { ...base, source: call.source, kind: src.kind, module: moduleIdentity(src), status: 'pinned' };
  try {
    if (src.kind === 'local') finding.status = 'local';
    else if (src.kind === 'archive') {
      finding.status = 'unpinnable';
      finding.notes.push(`${src.getter} sources carry no ref to pin; point the source at a versioned archive to freeze it`);
    } else if (src.kind === 'git') {
      finding.ref = src.ref;
      const { facts, notes } = await gitFacts(dir, key, src, manifest, !!opts.digest, cache);
      finding.refKind = facts.refKind;
      finding.deployed = facts.deployed;
      const change = decideGitPin(src, facts, !!opts.digest);
      if (change) {
        finding.status = 'floating';
        finding.pin = { source: change.source, comment: change.comment };
        finding.notes.push(...notes, ...change.notes);
        return { finding, change };
      }
    } else {
      finding.ref = call.version;
      finding.refKind = call.version === undefined ? 'none' : classifyVersionConstraint(call.version);
      if (call.meta.has('version') && call.version === undefined) throw new Error('the version must be a literal string');
      if (finding.refKind !== 'exact') {
        finding.status = 'floating';
        const installed = registryInstalled(dir, key, src, manifest);
        finding.deployed = installed;
        const change = decideRegistryPin(installed);
        finding.pin = { version: installed };
        return { finding, change };
      }
      finding.deployed = call.version!.replace(/^\s*=?\s*/, '').trim();
    }
  } catch (err) {
    finding.status = 'error';
    finding.error = `module "${key}": ${(err as Error).message}`;
  }
  return { finding };
}

/** Analyses one service and plans its pins (reads only; nothing is written). */
export async function planService(dir: string, opts: PinOptions, cache: GitCache, loaded?: ModuleConfig): Promise<ServiceResult> {
  const result: ServiceResult = { dir, status: 'unchanged', calls: [], files: [], diff: '', errors: [], written: false };
  try {
    const root = loaded ?? (await loadModule(dir));
    const manifest = await readModulesManifest(dir);
    const calls = (await collectCalls(root)).filter((sc) => sc.call.source === undefined || matchesModule(opts.module, sc.call.source, moduleIdentityOf(sc.call.source)));
    const edits = new Map<string, { text: string; edits: TextEdit[] }>();
    for (const sc of calls) {
      const { finding, change } = await analyseCall(dir, sc, manifest, opts, cache);
      result.calls.push(finding);
      if (finding.error) result.errors.push(`${rel(opts, finding.file)}:${finding.line}: ${finding.error}`);
      if (!change) continue;
      const out = pinEdits(sc.call.file.text, sc.call.meta.get('source')!, sc.call.meta.get('version'), change);
      if ('error' in out) {
        finding.status = 'error';
        finding.error = `module "${sc.key}": ${out.error}`;
        result.errors.push(`${rel(opts, finding.file)}:${finding.line}: ${finding.error}`);
        continue;
      }
      finding.notes.push(...out.notes);
      const slot = edits.get(sc.call.file.path) ?? { text: sc.call.file.text, edits: [] };
      // A local module called twice yields the same edit twice; identical ones are one edit.
      for (const e of out.edits) {
        const same = slot.edits.find((x) => x.start === e.start && x.end === e.end);
        if (!same) slot.edits.push(e);
        else if (same.text !== e.text) throw new Error(`${rel(opts, finding.file)}:${finding.line}: module "${sc.key}" is one block used by several calls that were installed at different commits; pin it by hand`);
      }
      edits.set(sc.call.file.path, slot);
    }
    if (result.errors.length > 0) {
      result.status = 'failed';
      return result;
    }
    for (const [path, { text, edits: es }] of edits) {
      const after = applyEdits(text, es);
      // Replacing a string's text never moves `=` columns; only added comments or lines can.
      const layoutChanged = es.some((e) => e.start === e.end);
      if (after !== text) result.files.push({ path, before: text, after: layoutChanged ? await formatLikeBefore(text, after, opts) : after });
    }
    const failures = opts.gate === false ? [] : await gateFiles(result.files.map((f) => ({ path: f.path, text: f.after })));
    if (failures.length > 0) throw new Error(`refusing to write: the edited text does not parse (${failures.map((f) => f.message).join('; ')}); this is an unmodule bug, please report it`);
    result.diff = renderDiff(result.files.map((f) => ({ ...f, path: rel(opts, f.path) })));
    result.status = result.files.length > 0 ? 'changed' : 'unchanged';
  } catch (err) {
    result.status = 'failed';
    result.files = [];
    result.errors.push((err as Error).message);
  }
  return result;
}

function moduleIdentityOf(source: string): string {
  const s = tryParseModuleSource(source);
  return s ? moduleIdentity(s) : source;
}

function rel(opts: PinOptions, path: string): string {
  return relative(opts.base ?? process.cwd(), path) || path;
}

// Keep a file that passed `terraform fmt` passing it (an added version line changes `=` alignment);
// a file that was not formatted before is left as the author had it apart from our edit.
function formatLikeBefore(before: string, after: string, opts: PinOptions): string {
  if (opts.terraform === false) return after;
  try {
    if (formatHcl(before) !== before) return after;
    return formatHcl(after);
  } catch {
    return after;
  }
}

/** Writes every changed file of a service, or none: a file changed on disk since it was read, or a failed write, restores what was written. */
export async function writeService(result: ServiceResult): Promise<void> {
  if (result.status !== 'changed') return;
  for (const f of result.files) {
    if ((await readFile(f.path, 'utf8')) !== f.before) {
      throw new Error(`${f.path} changed on disk since unmodule read it; nothing was written in ${result.dir}. Run unmodule pin again`);
    }
  }
  const temps = result.files.map((f) => `${f.path}.unmodule-${process.pid}.tmp`);
  const done: FileChange[] = [];
  try {
    await Promise.all(
      result.files.map(async (f, i) => {
        await writeFile(temps[i]!, f.after);
        await chmod(temps[i]!, (await stat(f.path)).mode);
      }),
    );
    for (const [i, f] of result.files.entries()) {
      await rename(temps[i]!, f.path);
      done.push(f);
    }
  } catch (err) {
    await Promise.all(done.map((f) => writeFile(f.path, f.before).catch(() => undefined)));
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new Error(`writing ${result.dir} failed (${(err as Error).message}); its files were restored, nothing changed`);
  }
  result.written = true;
}
