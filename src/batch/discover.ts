// Which service directories a batch runs over: directories and globs from the command line and
// --from-file, each walked for Terraform roots by src/sources' discovery (local modules of a
// service are part of that service, not services of their own).
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findServices, type FoundService } from '../sources/discover.js';
import { BatchUsageError } from './select.js';

/** The lines of a --from-file list: one directory or glob per line; blank lines and `#` comments skipped. */
export function parseDirList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l !== '');
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

/** Service directories for the given arguments and list file; sorted, each once. */
export async function discoverServices(args: string[], o: { fromFile?: string; cwd?: string } = {}): Promise<FoundService[]> {
  const cwd = o.cwd ?? process.cwd();
  const given = [...args];
  if (o.fromFile) {
    const text = await readFile(resolve(cwd, o.fromFile), 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new BatchUsageError(`--from-file ${o.fromFile}: cannot read it (${err.code ?? err.message})`);
    });
    given.push(...parseDirList(text));
  }
  if (given.length === 0) given.push('.');
  const paths: string[] = [];
  for (const g of given) {
    if (!isGlob(g)) {
      paths.push(resolve(cwd, g));
      continue;
    }
    const matched = await expandGlob(g, cwd);
    if (matched.length === 0) throw new BatchUsageError(`${g}: the glob matches no directory`);
    paths.push(...matched);
  }
  const found = await findServices(paths);
  const byDir = new Map(found.map((f) => [f.dir, f]));
  return [...byDir.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

/** A directory as results name it: relative to base, `/`-separated, `.` for the base itself. */
export function servicePath(dir: string, base: string): string {
  const rel = relative(base, dir);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}
