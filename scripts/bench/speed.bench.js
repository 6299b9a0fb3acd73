// Issue 15, "fast as a command-line tool should be", in one table with ratios:
// - `unmodule inline fixtures/service-alpha` (dry run) and `unmodule --version` / `--help` vs `node -e 0`;
// - the inline dry run on roots with a 1 / 5 / 20 MB .tf beside the call vs `terraform validate` there;
// - engine time (parse + inline + format) for the largest module call of the real-world corpus
//   (/work/realworld, or $UNMODULE_REALWORLD), first and later calls in fresh processes
//   (engine-once.js), and the hashicorp/hcl check --write adds; skipped when the corpus is absent.
// Runs alternate so both sides of a ratio see the same machine load; medians compared. Wall time
// and CPU time (user + system of the process tree, from /proc/self/stat) are both shown: on a busy
// machine the CPU ratio is the steadier one. Terraform processes started by unmodule are counted
// through a PATH shim. `UNMODULE_BENCH_CLI=/other/checkout` times another build (before/after);
// `UNMODULE_BENCH_ROWS=startup,roots,engine` (any of them) runs only those groups of rows.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = resolve(process.env.UNMODULE_BENCH_CLI ?? REPO);
const ROWS = new Set((process.env.UNMODULE_BENCH_ROWS ?? 'startup,roots,engine').split(',').map((s) => s.trim()));
const RUN = join(CLI, 'bin', 'run.js');
const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU time (ms) of all children this process has waited for so far. */
function childCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) * TICK_MS; // cutime, cstime (fields 16, 17)
}

function timed(cmd, args, opts = {}) {
  return new Promise((res, rej) => {
    const cpu0 = childCpu();
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) rej(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-800)}`));
      else res({ ms, cpu: childCpu() - cpu0 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternating runs of each side; medians of wall and CPU time. */
async function compare(sides, runs, warm = true) {
  if (warm) for (const s of sides) await s.run(); // warm the file cache
  const got = sides.map(() => ({ ms: [], cpu: [] }));
  for (let i = 0; i < runs; i++) {
    for (const [j, s] of sides.entries()) {
      const r = await s.run();
      got[j].ms.push(r.ms);
      got[j].cpu.push(r.cpu);
    }
  }
  return got.map((g) => ({ ms: median(g.ms), cpu: median(g.cpu) }));
}

const rows = [];
function row(name, ours, base, baseName, goal) {
  const ratio = ours.ms / base.ms;
  const cpuRatio = base.cpu ? ours.cpu / base.cpu : NaN;
  rows.push({ name, ours, base, baseName, ratio, cpuRatio, goal });
}

/** A PATH whose `terraform` logs each argv to a file before running the real one. */
function terraformShim(dir) {
  const real = execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim();
  const bin = join(dir, 'shim');
  mkdirSync(bin, { recursive: true });
  const log = join(dir, 'terraform-argv.log');
  writeFileSync(join(bin, 'terraform'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, 'terraform'), 0o755);
  return { path: `${bin}${delimiter}${process.env.PATH}`, count: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []), log };
}

const MODULE = `variable "name" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "terraform_data" "this" {
  input = {
    name = var.name
    tags = var.tags
  }
}

output "id" {
  value = terraform_data.this.id
}
`;

/** A root of about `bytes` bytes: the call in main.tf and a generated big.tf of plain resources beside it. */
export function bigRoot(dir, bytes) {
  mkdirSync(join(dir, 'modules', 'app'), { recursive: true });
  writeFileSync(join(dir, 'modules', 'app', 'main.tf'), MODULE);
  writeFileSync(join(dir, 'main.tf'), `module "app" {\n  source = "./modules/app"\n  name   = "svc"\n}\n\noutput "app_id" {\n  value = module.app.id\n}\n`);
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = `# Record ${i}: generated for the benchmark.
resource "terraform_data" "r${i}" {
  input = {
    name    = "svc-\${local.env}-${i}"
    index   = ${i} * 2 + 1
    enabled = ${i % 2 === 0 ? 'true' : 'false'}
    tags    = merge(local.tags, { Index = "${i}" })
    ports   = [80, 443, ${8000 + (i % 1000)}]
  }
  triggers_replace = [${i % 50 === 0 ? 'local.env' : `terraform_data.r${i - (i % 50)}.id`}]
}

`;
    parts.push(block);
    size += block.length;
  }
  writeFileSync(join(dir, 'big.tf'), `locals {\n  env  = "prod"\n  tags = { team = "core" }\n}\n\n${parts.join('')}`);
}

/** The module call with the most .tf bytes in the prepared real-world trees. */
export function largestRealworldCall(root) {
  let best;
  // A module's own .tf files (not its examples or submodules).
  const size = (d) => readdirSync(d).filter((f) => f.endsWith('.tf')).reduce((n, f) => n + statSync(join(d, f)).size, 0);
  if (existsSync(join(root, 'cases'))) root = join(root, 'cases');
  for (const c of readdirSync(root, { withFileTypes: true })) {
    if (!c.isDirectory()) continue;
    const dir = join(root, c.name);
    const mods = join(dir, 'modules');
    if (!existsSync(mods)) continue;
    const calls = [...readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n').matchAll(/^module\s+"([^"]+)"\s*\{[^}]*?source\s*=\s*"\.\/modules\/([^"]+)"/gm)];
    for (const [, call, path] of calls) {
      const mod = join(mods, path.replace('//', '/')); // ./modules/<name>//<subdir>: the module is the subdir
      if (!existsSync(mod)) continue;
      const bytes = size(mod);
      if (!best || bytes > best.bytes) best = { dir, call, bytes, name: c.name };
    }
  }
  return best;
}

export async function run() {
  const work = mkdtempSync(join(tmpdir(), 'unmodule-bench-speed-'));
  const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
  console.log(`CLI under test: ${CLI}; load average at start: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  try {
    const node0 = { run: () => timed(process.execPath, ['-e', '0']) };

    // Start-up and the bundled example.
    if (ROWS.has('startup')) {
    const alpha = join(work, 'service-alpha');
    cpSync(join(REPO, 'fixtures', 'service-alpha'), alpha, { recursive: true, filter: (p) => !p.includes('.terraform') });
    const shim = terraformShim(join(work, 'alpha-shim'));
    const inline = { run: () => timed(process.execPath, [RUN, 'inline', alpha, '--module', 'service_alpha_bucket'], { env: { ...env, PATH: shim.path } }) };
    const version = { run: () => timed(process.execPath, [RUN, '--version'], { env }) };
    const help = { run: () => timed(process.execPath, [RUN, 'inline', '--help'], { env }) };
    const [n, i, v, h] = await compare([node0, inline, version, help], 7);
    const spawned = shim.count().length / 8; // 1 warm-up + 7 runs
    row(`inline dry run, bundled example (${spawned} terraform processes/run)`, i, n, 'node -e 0', 4);
    row('--version', v, n, 'node -e 0', 2);
    row('inline --help', h, n, 'node -e 0', 2);
    const perRun = shim.count().slice(0, Math.round(spawned));
    if (perRun.length) console.log(`terraform argv of one inline dry run: ${perRun.map((a) => `[${a}]`).join(' ')}`);
    }

    // Big roots vs terraform validate on the same directory (initialised, no state).
    for (const mb of ROWS.has('roots') ? [1, 5, 20] : []) {
      const dir = join(work, `root-${mb}mb`);
      bigRoot(dir, mb * 1024 * 1024);
      execFileSync('terraform', ['init', '-input=false', '-backend=false'], { cwd: dir, env, stdio: 'ignore' });
      const validate = { run: () => timed('terraform', ['validate', '-no-color'], { cwd: dir, env }) };
      const ours = { run: () => timed(process.execPath, [RUN, 'inline', dir, '--module', 'app'], { env }) };
      let r;
      try {
        // No warm-up run for big roots (generating them warmed the file cache): one run of each is minutes here.
        const [t, o] = await compare([validate, ours], mb >= 5 ? 1 : 3, false);
        r = { o, t };
      } catch (err) {
        console.log(`${mb} MB root: ${String(err.message).split('\n').slice(0, 3).join(' | ')}`);
      }
      if (r) row(`inline dry run, ${mb} MB root`, r.o, r.t, 'terraform validate', 1);
      rmSync(dir, { recursive: true, force: true });
    }

    // Engine time on the largest real-world module call.
    const rw = resolve(process.env.UNMODULE_REALWORLD ?? '/work/realworld');
    const best = ROWS.has('engine') && existsSync(rw) ? largestRealworldCall(rw) : undefined;
    if (!ROWS.has('engine')) {
      // not asked for
    } else if (!best) {
      console.log(`real-world corpus: ${existsSync(rw) ? `no prepared case with ./modules/ calls under ${rw}` : `${rw} not present`}; engine row skipped`);
    } else {
      // Five fresh processes of three calls each: the first call of each is what a CLI run pays.
      const once = join(REPO, 'scripts', 'bench', 'engine-once.js');
      const procs = [];
      for (let k = 0; k < 5; k++) procs.push(JSON.parse(execFileSync(process.execPath, [once, CLI, best.dir, best.call, '3'], { encoding: 'utf8', maxBuffer: 1 << 26 })));
      const pick = (runs, f) => ({ ms: median(runs.map((r) => f(r).ms)), cpu: median(runs.map((r) => f(r).cpu)) });
      const cold = pick(procs.map((p) => p[0]), (r) => r.engine);
      const warm = pick(procs.flatMap((p) => p.slice(1)), (r) => r.engine);
      const gate = pick(procs.map((p) => p[0]), (r) => r.gate);
      const what = `${best.name}: module "${best.call}", ${(best.bytes / 1024).toFixed(0)} KB of .tf`;
      const oneSecond = { ms: 1000, cpu: 1000 };
      row(`engine, largest real-world call, first in a process`, cold, oneSecond, '1 s goal', 1);
      row(`engine, same call, later calls in one process`, warm, oneSecond, '1 s goal', 1);
      row(`hashicorp/hcl check of what --write writes, first use`, gate, oneSecond, '1 s (no goal)', undefined);
      // The same call through the whole CLI (start-up, parse, inline, format, the printed diff).
      const cli = { run: () => timed(process.execPath, [RUN, 'inline', best.dir, '--module', best.call, '--inventory', 'none'], { env }) };
      const [c] = await compare([cli], 5);
      row(`inline dry run of that call, whole CLI`, c, oneSecond, '1 s (no goal)', undefined);
      const failed = procs.flatMap((p) => p[0].gateFailures ?? []);
      console.log(`engine rows: ${what}; engine = parse + inline + format (what a dry run does before it prints), the check = the reference parser on the ${procs[0][0].bytes} characters rendered (--write only, before the write gate)${failed.length ? `; the check FAILED: ${failed[0]}` : ''}`);
      console.log(`  first calls (wall/cpu ms): ${procs.map((p) => `${p[0].engine.ms.toFixed(0)}/${p[0].engine.cpu.toFixed(0)}`).join(', ')}; later: ${procs.flatMap((p) => p.slice(1).map((r) => `${r.engine.ms.toFixed(0)}/${r.engine.cpu.toFixed(0)}`)).join(', ')}; checks: ${procs.map((p) => `${p[0].gate.ms.toFixed(0)}/${p[0].gate.cpu.toFixed(0)}`).join(', ')}`);
    }

    console.log(`\n${'row'.padEnd(62)} ${'ours'.padStart(16)}   ${'baseline'.padStart(16)}  baseline            ratio wall / cpu   goal`);
    for (const r of rows) {
      const fmt = (x) => `${x.ms.toFixed(0).padStart(6)} ms${Number.isFinite(x.cpu) ? ` ${x.cpu.toFixed(0).padStart(5)} cpu` : ''.padStart(10)}`;
      const goal = r.goal === undefined ? '-' : `≤ ${r.goal} ${r.ratio <= r.goal ? 'met' : 'NOT met'}`;
      console.log(`${r.name.padEnd(62)} ${fmt(r.ours)}   ${fmt(r.base)}  ${r.baseName.padEnd(19)} ${r.ratio.toFixed(2).padStart(5)} / ${Number.isFinite(r.cpuRatio) ? r.cpuRatio.toFixed(2).padStart(5) : '    -'}   ${goal}`);
    }
    console.log(`(CLI under test: ${CLI}; medians of 7 alternating runs for start-up rows, 3 for 1 MB, 1 for 5 and 20 MB, the engine in 5 fresh processes of 3 calls each (its cpu: that process's, all threads); cpu = user+sys ms of the process tree; load average at end: ${readFileSync('/proc/loadavg', 'utf8').trim()})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
