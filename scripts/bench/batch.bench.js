// Batch over 20 service directories with verify, --jobs 2, against the naive way: a sequential
// shell loop of `terraform init && terraform plan` in each. Both start from the same applied,
// never-initialised fleet (state present, no .terraform). Goal: ratio ≤ 0.6.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeModuleRepo, makeService, applyService } from './fleet.js';
import { sampleTree } from './memory.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = 20;
const RUNS = 5;
// Mostly local module copies, as most fleets start; a quarter pinned and a quarter floating git refs.
const kindOf = (i) => (i % 4 === 1 ? 'pinned' : i % 4 === 3 ? 'floating' : 'local');

function mirror() {
  const dir = process.env.UNMODULE_PROVIDER_MIRROR ?? '/opt/tf-plugins';
  return dir;
}

function timed(cmd, args, opts) {
  return new Promise((res) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    const mem = sampleTree(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res({ code, ms, peak: mem.stop(), stdout, stderr });
    });
  });
}

const medianRun = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

export async function run() {
  const root = mkdtempSync(join(tmpdir(), 'unmodule-bench-'));
  try {
    const tfrc = join(root, 'terraform.tfrc');
    writeFileSync(tfrc, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror())}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: tfrc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    delete env.TF_PLUGIN_CACHE_DIR;

    const repo = makeModuleRepo(join(root, 'repo'));
    const gen = join(root, 'gen');
    for (let i = 0; i < SERVICES; i++) {
      const dir = join(gen, `svc-${String(i + 1).padStart(2, '0')}`);
      makeService(dir, kindOf(i), repo);
      applyService(dir, env);
    }
    // Fresh identical copies for every run, none initialised: each side pays for its own init.
    // Runs alternate so that both sides see the same machine load; medians are compared.
    const naiveRuns = [];
    const ourRuns = [];
    let totals;
    for (let i = 0; i < RUNS; i++) {
      for (const side of ['naive', 'unmodule']) {
        rmSync(join(root, side), { recursive: true, force: true });
        cpSync(gen, join(root, side), { recursive: true, filter: (p) => !p.endsWith('/.terraform') });
      }
      const naive = await timed('sh', ['-c', 'for d in */; do (cd "$d" && terraform init -input=false >/dev/null && terraform plan -input=false >/dev/null) || exit 1; done'], { cwd: join(root, 'naive'), env });
      if (naive.code !== 0) throw new Error(`naive loop failed: ${naive.stderr.slice(-500)}`);
      const ours = await timed(process.execPath, [join(REPO, 'bin', 'run.js'), 'batch', '.', '--module', 'app_config', '--jobs', '2', '--json', '--plugin-cache', join(root, 'plugin-cache')], { cwd: join(root, 'unmodule'), env });
      if (ours.code !== 0) throw new Error(`batch exited ${ours.code}: ${ours.stderr.slice(-800)}`);
      totals = JSON.parse(ours.stdout).totals;
      naiveRuns.push(naive);
      ourRuns.push(ours);
    }
    const naive = medianRun(naiveRuns);
    const ours = medianRun(ourRuns);

    const ratio = ours.ms / naive.ms;
    console.log(`fleet: ${SERVICES} terraform_data services (local, pinned and floating git module calls), applied, never initialised; median of ${RUNS} alternating runs`);
    console.log(`naive  sequential \`terraform init && terraform plan\`:  ${s(naive.ms)}   peak ${mb(Math.max(...naiveRuns.map((r) => r.peak)))}   (runs: ${naiveRuns.map((r) => s(r.ms)).join(', ')})`);
    console.log(`batch  pin,inline,verify --jobs 2 (dry run):         ${s(ours.ms)}   peak ${mb(Math.max(...ourRuns.map((r) => r.peak)))}   (runs: ${ourRuns.map((r) => s(r.ms)).join(', ')}; ${totals.pass} passed, ${totals.fail} failed)`);
    console.log(`ratio  ${ratio.toFixed(2)} (goal ≤ 0.60: ${ratio <= 0.6 ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
