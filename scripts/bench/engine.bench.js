// Engine time: parse + inline + render, no terraform. On the largest corpus case and on a
// generated module of 200 resources / 2,000 expressions. Goal: under 1 s each.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { inlineCall } = await import(join(repo, 'dist', 'inline', 'index.js'));
const { renderChanges } = await import(join(repo, 'dist', 'inline', 'files.js'));

/** A service calling a module of n resources with 10 expressions each (vars, locals, refs, functions). */
function generate(n) {
  const dir = mkdtempSync(join(tmpdir(), 'unmodule-bench-engine-'));
  const mod = join(dir, 'modules', 'big');
  mkdirSync(mod, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), `module "big" {\n  source = "./modules/big"\n  name   = "svc"\n  enabled = true\n  tags   = { team = "core", env = "prod" }\n}\n\noutput "first" {\n  value = module.big.first_id\n}\n`);
  let vars = 'variable "name" { type = string }\nvariable "enabled" { type = bool }\nvariable "tags" { type = map(string) }\n';
  vars += 'locals {\n  prefix = "${var.name}-app"\n  tags   = merge(var.tags, { Name = var.name })\n}\n';
  let res = '';
  for (let i = 0; i < n; i++) {
    res += `resource "terraform_data" "r${i}" {\n  count = var.enabled ? 1 : 0\n  input = {\n    name   = "\${local.prefix}-${i}"\n    index  = ${i} * 2 + 1\n    upper  = upper(var.name)\n    tags   = local.tags\n    prev   = ${i === 0 ? 'null' : `try(terraform_data.r${i - 1}[0].id, "")`}\n    joined = join("-", [var.name, "${i}"])\n    cond   = var.enabled ? "on" : "off"\n    len    = length(var.tags)\n  }\n}\n`;
  }
  writeFileSync(join(mod, 'variables.tf'), vars);
  writeFileSync(join(mod, 'main.tf'), res);
  writeFileSync(join(mod, 'outputs.tf'), 'output "first_id" {\n  value = one(terraform_data.r0[*].id)\n}\n');
  return dir;
}

async function time(dir, call, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await inlineCall(dir, call, { inventory: undefined });
    await renderChanges(r);
    times.push(performance.now() - t);
  }
  const cold = times[0];
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], first: times[0], cold };
}

function largestCorpusCase() {
  const root = join(repo, 'fixtures', 'corpus');
  if (!existsSync(root)) return undefined;
  const size = (d) => readdirSync(d).reduce((n, f) => { const p = join(d, f); return n + (statSync(p).isDirectory() ? size(p) : statSync(p).size); }, 0);
  const cases = readdirSync(root).filter((c) => existsSync(join(root, c, 'case.json')) && !JSON.parse(readFileSync(join(root, c, 'case.json'), 'utf8')).refusal);
  cases.sort((a, b) => size(join(root, b, 'input')) - size(join(root, a, 'input')));
  return cases[0] && { name: cases[0], dir: join(root, cases[0], 'input'), call: JSON.parse(readFileSync(join(root, cases[0], 'case.json'), 'utf8')).call };
}

/** Prints the engine figures (a section of `npm run bench`). */
export async function run() {
  console.log('Engine time: parse + inline + render, including the hashicorp/hcl gate of the output; no terraform. Goal < 1000 ms.');
  const big = generate(200);
  try {
    const t = await time(big, 'big');
    console.log(`generated module, 200 resources / 2,000 expressions: median ${t.median.toFixed(0)} ms (best ${t.first.toFixed(0)} ms, cold first run ${t.cold.toFixed(0)} ms incl. parser start-up) over 5 runs`);
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
  const c = largestCorpusCase();
  if (c) {
    const t = await time(c.dir, c.call);
    console.log(`largest corpus case (${c.name}): median ${t.median.toFixed(0)} ms (best ${t.first.toFixed(0)} ms) over 5 runs`);
  }
}
