// Which service directories a batch runs over: directories and globs from the command line and
// --from-file, each walked for Terraform roots by src/sources' discovery (local modules of a
// service are part of that service, not services of their own).
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findServices, type FoundService } from '../sources/discover.js';
import { describeSystemError } from '../errors.js';
import { BatchUsageError } from './select.js';

/** The lines of a --from-file list: one directory or glob per line; blank lines and `#` comments skipped. */
export function parseDirList(text: string): string[] {
  return parseDirLines(text).map((l) => l.entry);
}

/** The entries of a --from-file list with their 1-based line numbers. */
export function parseDirLines(text: string): { entry: string; line: number }[] {
  return text
    .split(/\r?\n/)
    .map((l, i) => ({ entry: l.replace(/(^|\s)#.*$/, '').trim(), line: i + 1 }))
    .filter((l) => l.entry !== '');
}

/** A glob segment as a regular expression (`*` and `?` within one path segment). */
function segmentRegex(seg: string): RegExp {
  const body = seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

const isGlob = (s: string) => /[*?]/.test(s);

/** Directories matching a glob such as `services/*` or `teams/**\/svc-*` (hidden dirs and .terraform never match). */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const abs = isAbsolute(pattern) ? pattern : join(cwd, pattern);
  const segs = abs.split(sep);
  let current = [segs[0] === '' ? sep : segs[0]!];
  for (const seg of segs.slice(1)) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of current) {
      if (!isGlob(seg)) {
        next.push(join(base, seg));
        continue;
      }
      const dirs = seg === '**' ? await descendants(base) : await children(base);
      next.push(...(seg === '**' ? [base, ...dirs] : dirs.filter((d) => segmentRegex(seg).test(d.slice(base.length + (base.endsWith(sep) ? 0 : 1))))));
    }
    current = next;
  }
  return [...new Set(current)].sort();
}

async function children(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => join(dir, e.name));
}

async function descendants(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const c of await children(dir)) out.push(c, ...(await descendants(c)));
  return out;
}

/** A directory or glob a person named that cannot be worked on, and where they named it. */
export interface BadEntry {
  /** The text as given. */
  entry: string;
  /** `argument 2`, or `list.txt:4` for a --from-file line. */
  from: string;
  /** What is wrong, in words (`does not exist`, `is a file, not a directory`, ...). */
  why: string;
}

/** What discovery found: the services, and every entry that named none (each with its source). */
export interface Discovery {
  services: FoundService[];
  bad: BadEntry[];
}

/**
 * Service directories for the given arguments and list file; sorted, each once. An entry that is
 * missing, not a directory, or a glob matching nothing is reported with where it came from, and
 * the others are still discovered: one typo in a fleet list must not hide the rest.
 */
export async function discoverServices(args: string[], o: { fromFile?: string; cwd?: string } = {}): Promise<Discovery> {
  const cwd = o.cwd ?? process.cwd();
  const given = args.map((entry, i) => ({ entry, from: `argument ${i + 1}` }));
  if (o.fromFile) {
    const listFile = resolve(cwd, o.fromFile);
    const text = await readFile(listFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new BatchUsageError(`--from-file ${describeSystemError(err, listFile)}`, '--from-file');
    });
    given.push(...parseDirLines(text).map(({ entry, line }) => ({ entry, from: `${o.fromFile}:${line}` })));
  }
  if (given.length === 0) given.push({ entry: '.', from: 'the current directory' });
  const paths: string[] = [];
  const bad: BadEntry[] = [];
  for (const g of given) {
    if (!isGlob(g.entry)) {
      const path = resolve(cwd, g.entry);
      const why = notADirectory(path);
      if (why) bad.push({ ...g, why });
      else paths.push(path);
      continue;
    }
    const matched = await expandGlob(g.entry, cwd);
    if (matched.length === 0) bad.push({ ...g, why: 'the glob matches no directory' });
    paths.push(...matched);
  }
  const found = paths.length ? await findServices(paths) : [];
  const byDir = new Map(found.map((f) => [f.dir, f]));
  return { services: [...byDir.values()].sort((a, b) => a.dir.localeCompare(b.dir)), bad };
}

/** Why path cannot be walked for services, or undefined when it is a directory. */
function notADirectory(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : 'is a file, not a directory';
  } catch (err) {
    return describeSystemError(err as NodeJS.ErrnoException, '');
  }
}

/** One line of a bad-entries refusal: `list.txt:4: missing-b: does not exist`. */
export function describeBadEntry(b: BadEntry): string {
  return `${b.from}: ${b.entry}: ${b.why}`;
}

/**
 * A directory as results name it: relative to base (the results file's directory, or cwd),
 * `/`-separated, `.` for the base itself; absolute when it is not under base, because a
 * `../../srv/x` read back from another place names nothing.
 */
export function servicePath(dir: string, base: string): string {
  const rel = relative(base, dir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return dir.split(sep).join('/');
  return (rel === '' ? '.' : rel).split(sep).join('/');
}
