#!/usr/bin/env node
// Rebuilds the real-world corpus's work trees from the fetched git mirrors.
//
//   node scripts/fetch-realworld.js [cases dir] [target dir] [--case ID ...]
//
// For every test/realworld/cases/<case>/case.json: each module repository is read at its pinned
// commit (`git archive` from /work/.mirror/<owner>+<name>/repo) into <target>/trees/ once, then
// <target>/cases/<case>/ gets the case's root files and modules/<name>/ (the whole repository, so
// `../../` sources inside it resolve). Registry/git sources inside the installed trees that name
// a nested module listed in case.json are rewritten to relative paths of its fetched copy
// (modules/_nested/<owner>+<name>/) and their `version` dropped. Nothing committed is modified.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases, mirrorGitDir } from './realworld/cases.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const positional = [];
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--case') only.push(argv[++i]);
    else positional.push(argv[i]);
  }
  return { casesDir: resolve(positional[0] ?? join(REPO, 'test', 'realworld', 'cases')), target: resolve(positional[1] ?? '/work/realworld'), only };
}

/** Extracts repo@commit once into <target>/trees/; returns the tree's path. */
function tree(target, repo, commit, tag) {
  const dest = join(target, 'trees', `${repo.replace('/', '+')}@${commit}`);
  if (existsSync(join(dest, '.complete'))) return dest;
  const gitDir = mirrorGitDir(repo);
  if (!gitDir) {
    throw new Error(`${repo} is not fetched: call the search tool's fetch with github:${repo} (it lands in /work/.mirror/${repo.replace('/', '+')}/repo)`);
  }
  try {
    execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${repo}: commit ${commit} (${tag}) is not in ${gitDir}; fetch the repository again for a newer snapshot`);
  }
  try {
    const tagCommit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${tag}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (tagCommit !== commit) console.warn(`warning: ${repo} tag ${tag} is ${tagCommit}, case.json pins ${commit}`);
  } catch {
    console.warn(`warning: ${repo} has no tag ${tag} in the mirror (using commit ${commit})`);
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  // Snapshots lack files of 4 MiB and more (and LFS content): leave out what is missing, say so.
  const missing = missingBlobs(gitDir, commit);
  if (missing.length) console.warn(`warning: ${repo}@${tag}: ${missing.length} file(s) absent from the snapshot, left out: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}`);
  const tar = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, '--', '.', ...missing.map((p) => `:(exclude,literal)${p}`)], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  execFileSync('tar', ['-x', '-C', dest], { input: tar });
  writeFileSync(join(dest, '.complete'), `${repo} ${tag} ${commit}\n`);
  return dest;
}

/** Paths of blobs at commit whose objects the snapshot does not hold. */
function missingBlobs(gitDir, commit) {
  const list = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 28 }).toString('utf8');
  const entries = list.split('\0').filter(Boolean).map((l) => {
    const [meta, path] = l.split('\t');
    const [, type, oid] = meta.split(' ');
    return { type, oid, path };
  });
  const blobs = entries.filter((e) => e.type === 'blob');
  const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], { input: blobs.map((b) => b.oid).join('\n') + '\n', maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'ignore'] }).toString('utf8').split('\n');
  return blobs.filter((b, i) => / missing$/.test(out[i] ?? '')).map((b) => b.path);
}

/** `git::https://github.com/o/r.git//sub?ref=v1` → { base: 'github.com/o/r', sub: 'sub' }; registry likewise. */
export function splitSource(source) {
  let s = source.replace(/^git::/, '').replace(/^https?:\/\//, '').replace(/^ssh:\/\/git@/, '').replace(/^git@([^:]+):/, '$1/');
  s = s.replace(/\?.*$/, '');
  const at = s.indexOf('//');
  const base = (at >= 0 ? s.slice(0, at) : s).replace(/\.git$/, '').replace(/\/+$/, '');
  const sub = at >= 0 ? s.slice(at + 2).replace(/^\/+|\/+$/g, '') : '';
  return { base: base.toLowerCase(), sub };
}

/** Every .tf file under dir (skipping .terraform and .git). */
function tfFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === '.terraform' || name === '.git') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...tfFiles(p));
    else if (name.endsWith('.tf')) out.push(p);
  }
  return out;
}

/**
 * Rewrites, in one file's text, the `source` of each top-level module block that names a nested
 * module (resolveBase returns its relative path, or undefined) and drops that block's `version`.
 * Works on `terraform fmt` layout (blocks close with `}` in column 0), which fetched modules have.
 */
export function rewriteSources(text, resolveBase) {
  const out = [];
  let block; // lines of the module block being read
  let rewritten = false;
  for (const line of text.split('\n')) {
    if (!block) {
      if (/^module\s+"[^"]*"\s*\{\s*$/.test(line)) {
        block = [line];
        rewritten = false;
      } else out.push(line);
      continue;
    }
    if (/^\}/.test(line)) {
      block.push(line);
      out.push(...(rewritten ? block.filter((l) => !/^ {2}version\s*=/.test(l)) : block));
      block = undefined;
      continue;
    }
    const src = /^( {2}source\s*=\s*)"([^"]+)"(.*)$/.exec(line);
    const to = src ? resolveBase(src[2]) : undefined;
    if (src && to !== undefined) {
      block.push(`${src[1]}${JSON.stringify(to)}${src[3]}`);
      rewritten = true;
    } else block.push(line);
  }
  if (block) out.push(...block);
  return out.join('\n');
}

/** Rewrites nested sources in every .tf file under roots; returns the files changed. */
function rewriteTrees(roots, nestedDirs) {
  const changed = [];
  for (const root of roots) {
    for (const file of tfFiles(root)) {
      const text = readFileSync(file, 'utf8');
      const next = rewriteSources(text, (source) => {
        const { base, sub } = splitSource(source);
        const hit = nestedDirs.find((n) => n.bases.includes(base));
        if (!hit) return undefined;
        let rel = relative(dirname(file), join(hit.dir, sub)).split('\\').join('/');
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return rel;
      });
      if (next !== text) {
        writeFileSync(file, next);
        changed.push(file);
      }
    }
  }
  return changed;
}

/** Prepares <target>/cases/<id>/ (or `into`) for one case; returns its path. */
export function prepareCase(c, target, into = join(target, 'cases', c.id)) {
  const work = into;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const name of readdirSync(c.dir)) {
    if (name === 'case.json') continue;
    cpSync(join(c.dir, name), join(work, name), { recursive: true });
  }
  const installed = [];
  for (const m of c.modules) {
    const dest = join(work, 'modules', m.name);
    cpSync(tree(target, m.repo, m.commit, m.tag), dest, { recursive: true, filter: (p) => !p.endsWith('.complete') });
    if (!existsSync(join(dest, m.subdir))) throw new Error(`${c.id}: ${m.repo}@${m.tag} has no ${m.subdir}`);
    installed.push(dest);
  }
  const nestedDirs = c.nested.map((n) => {
    const dest = join(work, 'modules', '_nested', n.repo.replace('/', '+'));
    cpSync(tree(target, n.repo, n.commit, n.tag), dest, { recursive: true, filter: (p) => !p.endsWith('.complete') });
    return { dir: dest, bases: n.sources.map((s) => splitSource(s).base) };
  });
  if (nestedDirs.length) rewriteTrees([...installed, ...nestedDirs.map((n) => n.dir)], nestedDirs);
  return work;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { casesDir, target, only } = parseArgs(process.argv.slice(2));
  const cases = loadCases(casesDir, only);
  let failed = 0;
  for (const c of cases) {
    try {
      const work = prepareCase(c, target);
      console.log(`prepared ${c.id} -> ${work}`);
    } catch (err) {
      failed++;
      console.error(`${c.id}: ${err.message}`);
    }
  }
  console.log(`${cases.length - failed}/${cases.length} case(s) prepared under ${join(target, 'cases')}`);
  process.exitCode = failed ? 1 : 0;
}
