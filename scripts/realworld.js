#!/usr/bin/env node
// The real-world harness: inline every module call of every real-module case with the BUILT CLI,
// as a user would, then check what was written and prove equivalence offline.
//
//   npm run realworld -- [cases dir] [modules dir] [--case ID ...] [--jobs N] [--json FILE] [--keep]
//                        [--check-cases]   (validate each aws-only original first: for writing cases)
//                        [--no-verify]     (inline + parse checks only: the every-module level, fast)
//                        [--cli PATH]      (another build's bin/run.js, e.g. an older engine for a before/after table)
//
// cases dir: test/realworld/cases (default); modules dir: where scripts/fetch-realworld.js builds
// the work trees (default /work/realworld; each case is prepared afresh from its case.json).
// Per case: copy the prepared tree to a scratch dir (plus an untouched original), then repeat
// `unmodule inline DIR --module CALL --write --inventory none --json` on the first module call
// left in the root until none is left or one is refused (nested calls kept by an inline come up
// in later rounds). Every written .tf must parse (`terraform fmt -check`), aws-only cases must
// `terraform validate` after the writes and are then proven with `unmodule verify --offline`.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktn/hcl2json';
import { loadCases } from './realworld/cases.js';
import { prepareCase } from './fetch-realworld.js';
import { caseVerdict, classifyInline, classifyVerify, firstLine, formatCaseLine, formatTotals, summarize } from './realworld/classify.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_ROUNDS = 60;
// Per CLI/terraform run. An offline verify plans four times; on a loaded 2-core machine that can
// take many minutes. UNMODULE_REALWORLD_TIMEOUT (seconds) overrides.
const TIMEOUT_MS = Number(process.env.UNMODULE_REALWORLD_TIMEOUT ?? 2700) * 1000;

function parseArgs(argv) {
  const positional = [];
  const opts = { only: [], jobs: 2, json: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--case') opts.only.push(argv[++i]);
    else if (a === '--jobs') opts.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--json') opts.json = resolve(argv[++i]);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--check-cases') opts.checkCases = true;
    else if (a === '--cli') opts.cli = resolve(argv[++i]);
    else if (a === '--no-verify') opts.noVerify = true;
    else positional.push(a);
  }
  opts.casesDir = resolve(positional[0] ?? join(REPO, 'test', 'realworld', 'cases'));
  opts.modulesDir = resolve(positional[1] ?? '/work/realworld');
  opts.json ??= join(opts.modulesDir, 'results.json');
  opts.cli ??= join(REPO, 'bin', 'run.js');
  return opts;
}

/** Runs argv (no shell); resolves with exit code, output and wall time. Never rejects. */
function run(file, args, { cwd, env, timeout = TIMEOUT_MS } = {}) {
  const t0 = performance.now();
  return new Promise((res) => {
    execFile(file, args, { cwd, env, timeout, maxBuffer: 256 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      // A run we stopped at its timeout is 'timeout' (the machine may just be loaded), not a crash.
      const exitCode = err ? (typeof err.code === 'number' ? err.code : err.killed ? 'timeout' : err.signal ? `signal ${err.signal}` : 1) : 0;
      res({ exitCode, stdout: stdout ?? '', stderr: stderr ?? '', ms: Math.round(performance.now() - t0) });
    });
  });
}

/** The provider mirror (as test/helpers/terraform-env.ts finds it). */
function mirrorDir() {
  const candidates = [process.env.UNMODULE_PROVIDER_MIRROR, '/opt/tf-plugins', '/usr/share/terraform/plugins'].filter(Boolean);
  const found = candidates.find((d) => existsSync(join(d, 'registry.terraform.io')));
  if (!found) throw new Error('no provider mirror: set UNMODULE_PROVIDER_MIRROR to the dir holding registry.terraform.io/');
  return found;
}

/**
 * Env for every child: a CLI config that installs hashicorp/* from the mirror only. No
 * TF_PLUGIN_CACHE_DIR: from an unpacked mirror terraform links providers straight from it, and a
 * shared cache breaks parallel inits (see test/helpers/terraform-env.ts).
 */
function childEnv(modulesDir) {
  const rc = join(modulesDir, 'terraform.tfrc');
  mkdirSync(modulesDir, { recursive: true });
  writeFileSync(
    rc,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirrorDir())}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.TF_PLUGIN_CACHE_DIR;
  return env;
}

/** Root .tf files: name → text. */
function rootFiles(dir) {
  const out = new Map();
  for (const n of readdirSync(dir).sort()) if (n.endsWith('.tf') || n.endsWith('.tf.json')) out.set(n, readFileSync(join(dir, n), 'utf8'));
  return out;
}

/** Module calls declared in the root, in file order (read with the reference parser). */
async function moduleCalls(dir) {
  const calls = [];
  for (const [name, text] of rootFiles(dir)) {
    if (!name.endsWith('.tf')) continue;
    const json = await parseHcl(name, text);
    for (const call of Object.keys(json.module ?? {})) calls.push(call);
  }
  return calls;
}

/** .tf files of the root written by the last run (changed or new). */
function writtenFiles(before, after) {
  return [...after.keys()].filter((n) => n.endsWith('.tf') && before.get(n) !== after.get(n));
}

/** Every written file must parse: terraform fmt -check (exit 3 = parses but unformatted). */
async function checkWritten(dir, files, env) {
  const problems = [];
  const unformatted = [];
  for (const f of files) {
    const r = await run('terraform', ['fmt', '-check', '-no-color', f], { cwd: dir, env });
    if (r.exitCode === 3) unformatted.push(f);
    else if (r.exitCode !== 0) problems.push(`${f}: ${firstLine(r.stderr || r.stdout)} ${r.stderr.split('\n').slice(1, 6).join(' ').replace(/\s+/g, ' ').trim()}`);
  }
  return { problems, unformatted };
}

/** terraform init -backend=false && validate; returns undefined when valid, else the diagnostics. */
async function validate(dir, env) {
  const init = await run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env });
  if (init.exitCode !== 0) return `init: ${(init.stderr || init.stdout).replace(/\s+/g, ' ').trim().slice(0, 600)}`;
  const v = await run('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env });
  let json;
  try {
    json = JSON.parse(v.stdout);
  } catch {
    return `validate: ${(v.stderr || v.stdout).slice(0, 600)}`;
  }
  if (json.valid) return undefined;
  return json.diagnostics
    .filter((d) => d.severity === 'error')
    .slice(0, 3)
    .map((d) => `${d.range ? `${d.range.filename}:${d.range.start.line}: ` : ''}${d.summary}${d.detail ? ` — ${d.detail.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`)
    .join('; ');
}

/** Removes what init left so copies and verify start clean. */
function dropInit(dir) {
  rmSync(join(dir, '.terraform'), { recursive: true, force: true });
  rmSync(join(dir, '.terraform.lock.hcl'), { force: true });
}

async function runCase(c, opts, env) {
  const t0 = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), `unmodule-rw-${c.id}-`));
  const orig = join(scratch, 'orig');
  const work = join(scratch, 'work');
  // Prepared inside the scratch dir: a shared tree under <modules dir>/cases could be rebuilt
  // by another run while this one reads it.
  prepareCase(c, opts.modulesDir, orig);
  cpSync(orig, work, { recursive: true });
  const r = { id: c.id, providers: c.providers, offline: c.offline && !opts.noVerify, offlineWhy: opts.noVerify ? '--no-verify' : c.offlineWhy, calls: [], remaining: [], unformatted: [], scratch };
  try {
    if (opts.checkCases && c.offline) {
      const bad = await validate(orig, env);
      if (bad) r.badCase = `the original does not validate: ${bad}`;
    }
    dropInit(orig);
    if (!r.badCase) {
      const tried = new Set();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const calls = await moduleCalls(work);
        if (calls.length === 0) break;
        const call = calls[0];
        const before = rootFiles(work);
        const res = await run(process.execPath, [opts.cli, 'inline', work, '--module', call, '--write', '--inventory', 'none', '--json'], { cwd: work, env });
        const judged = classifyInline(res);
        const entry = { call, ms: res.ms, ...judged };
        r.calls.push(entry);
        if (judged.outcome !== 'inlined') {
          r.remaining = calls.filter((x) => x !== call);
          break;
        }
        const after = rootFiles(work);
        const files = writtenFiles(before, after);
        entry.files = files;
        const check = await checkWritten(work, files, env);
        r.unformatted.push(...check.unformatted.map((f) => `${call}: ${f}`));
        if (check.problems.length) {
          r.invalid = `after inlining ${call}: ${check.problems.join('; ')}`;
          r.remaining = calls.filter((x) => x !== call);
          break;
        }
        if ((await moduleCalls(work)).includes(call) || tried.has(call)) {
          Object.assign(entry, { outcome: 'stuck', message: `module "${call}" is still in the root after a successful inline` });
          break;
        }
        tried.add(call);
      }
      const inlined = r.calls.filter((x) => x.outcome === 'inlined').length;
      const crashed = r.calls.some((x) => x.outcome === 'crash' || x.outcome === 'stuck');
      // Partial results are proven too: a config half inlined must still be equivalent. Plans are
      // the expensive part (the aws schema loads for each), so validate only to explain an error.
      if (inlined > 0 && !r.invalid && !crashed && c.offline && !opts.noVerify) {
        const v = await run(process.execPath, [opts.cli, 'verify', work, '--offline', '--original', orig, '--json'], { cwd: work, env });
        r.verify = { ...classifyVerify(v), ms: v.ms };
        if (r.verify.outcome === 'invalid') r.invalid = `verify: ${r.verify.message}`;
        else if (r.verify.outcome === 'error') {
          const badOrig = await validate(orig, env);
          if (badOrig) r.badCase = `the original does not validate: ${badOrig}`;
          else {
            const bad = await validate(work, env);
            if (bad) r.invalid = `terraform validate after the writes: ${bad}`;
          }
        }
      }
    }
  } catch (err) {
    r.calls.push({ call: '(harness)', outcome: 'crash', message: `harness error: ${err.stack ?? err}` });
  }
  Object.assign(r, caseVerdict(r));
  r.ms = Math.round(performance.now() - t0);
  if (!opts.keep) rmSync(scratch, { recursive: true, force: true });
  return r;
}

async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(dirname(opts.cli), '..', 'dist', 'commands'))) throw new Error(`${opts.cli}: no dist/ beside it; run npm run build first (the harness uses the built CLI)`);
  const cases = loadCases(opts.casesDir, opts.only);
  if (cases.length === 0) throw new Error(`no cases under ${opts.casesDir}${opts.only.length ? ` matching ${opts.only.join(', ')}` : ''}`);
  const env = childEnv(opts.modulesDir);
  const commit = (await run('git', ['-C', dirname(dirname(opts.cli)), 'rev-parse', '--short', 'HEAD'])).stdout.trim();
  const done = [];
  // Written after every case too: a long run stopped midway still leaves its results.
  const save = (rs, partial) =>
    writeFileSync(opts.json, `${JSON.stringify({ when: new Date().toISOString(), commit, cli: opts.cli, partial, summary: summarize(rs), results: rs }, null, 2)}\n`);
  const results = await pool(cases, opts.jobs, async (c) => {
    const r = await runCase(c, opts, env);
    console.log(formatCaseLine(r));
    done.push(r);
    save(done, true);
    return r;
  });
  save(results, false);
  console.log(`\n${formatTotals(summarize(results))}`);
  console.log(`results: ${opts.json}`);
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exitCode = 1;
});
