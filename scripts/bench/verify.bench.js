// `unmodule verify` against what it wraps: a bare `terraform plan -out` + `terraform show -json`
// in the same applied, inlined service directory (terraform_data, real state): fixtures/service-beta
// and generated services of 40 and 200 resources. Runs alternate so both sides see the same machine
// load; medians compared. Goal: ratio ≤ 1.10. `unmodule verify DIR` starts its plan before the CLI
// loads (src/terraform/prestart.ts), so the overhead column is whatever of node, oclif and parsing
// the config the plan does not cover: all of it on a plan as small as service-beta's.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 5;
const MID = 40;
const BIG = 200;

function timed(cmd, args, opts) {
  return new Promise((res, rej) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('exit', (code) => res({ code, ms: Number(process.hrtime.bigint() - started) / 1e6, stderr }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A service calling a local module of n terraform_data resources (count = 1 each). */
function generated(dir, n) {
  mkdirSync(join(dir, 'modules', 'many'), { recursive: true });
  writeFileSync(join(dir, 'main.tf'), 'module "many" {\n  source = "./modules/many"\n  name   = "svc"\n}\n');
  let mod = 'variable "name" {\n  type = string\n}\n';
  for (let i = 0; i < n; i++) mod += `\nresource "terraform_data" "r${i}" {\n  count = 1\n  input = { name = "\${var.name}-${i}", prev = ${i ? `terraform_data.r${i - 1}[0].id` : 'null'} }\n}\n`;
  writeFileSync(join(dir, 'modules', 'many', 'main.tf'), mod);
}

/** Applies and inlines a service, then times both sides in it; returns the medians. */
async function measure(dir, call, env) {
  const tf = (...args) => execFileSync('terraform', args, { cwd: dir, env, stdio: 'ignore' });
  tf('init', '-input=false');
  tf('apply', '-input=false', '-auto-approve');
  execFileSync(process.execPath, [join(REPO, 'bin', 'run.js'), 'inline', dir, '--module', call, '--write'], { env, stdio: 'ignore' });

  const planFile = join(dir, '..', `${call}-bare.tfplan`);
  const bare = async () => {
    const t0 = process.hrtime.bigint();
    const p = await timed('terraform', ['plan', '-input=false', '-no-color', '-out', planFile, '-detailed-exitcode'], { cwd: dir, env });
    if (p.code !== 0 && p.code !== 2) throw new Error(`terraform plan exited ${p.code}: ${p.stderr.slice(-500)}`);
    const s = await timed('terraform', ['show', '-no-color', '-json', planFile], { cwd: dir, env });
    if (s.code !== 0) throw new Error(`terraform show exited ${s.code}: ${s.stderr.slice(-500)}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const ours = async () => {
    const r = await timed(process.execPath, [join(REPO, 'bin', 'run.js'), 'verify', dir, '--json'], { env });
    if (r.code !== 0) throw new Error(`unmodule verify exited ${r.code}: ${r.stderr.slice(-500)}`);
    return r.ms;
  };
  await bare(); // warm the file cache for both sides
  await ours();
  const b = [];
  const o = [];
  for (let i = 0; i < RUNS; i++) {
    b.push(await bare());
    o.push(await ours());
  }
  return { bare: median(b), ours: median(o) };
}

export async function run() {
  const root = mkdtempSync(join(tmpdir(), 'unmodule-bench-verify-'));
  try {
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const beta = join(root, 'service-beta');
    cpSync(join(REPO, 'fixtures', 'service-beta'), beta, { recursive: true, filter: (p) => !p.includes('.terraform') });
    const mid = join(root, 'generated-mid');
    generated(mid, MID);
    const big = join(root, 'generated');
    generated(big, BIG);
    const rows = [
      ['service-beta (3 resources)', await measure(beta, 'app_config', env)],
      [`generated (${MID} resources)`, await measure(mid, 'many', env)],
      [`generated (${BIG} resources)`, await measure(big, 'many', env)],
    ];
    console.log(`\`unmodule verify --json\` vs bare \`terraform plan -out\` + \`show -json\` in the same applied, inlined dir; medians of ${RUNS} alternating runs`);
    for (const [name, m] of rows) {
      const ratio = m.ours / m.bare;
      console.log(`${name.padEnd(28)} bare ${m.bare.toFixed(0).padStart(5)} ms   ours ${m.ours.toFixed(0).padStart(5)} ms   overhead ${(m.ours - m.bare).toFixed(0).padStart(5)} ms   ratio ${ratio.toFixed(2)} (goal ≤ 1.10: ${ratio <= 1.1 ? 'met' : 'NOT met'})`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
