// One process's engine figures for the speed bench (scripts/bench/speed.bench.js), run in a fresh
// `node` so that its first call pays what a CLI run pays: WASM compiles, JIT warm-up.
//   node scripts/bench/engine-once.js <checkout> <service dir> <call> <runs>
// Prints JSON: per run, the engine (parse + inline + format: what `inline` does before it prints
// a dry run) and, for the first run, the hashicorp/hcl check of the rendered files (what `--write`
// adds before the write gate), each as wall ms and this process's cpu ms (all its threads).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// As bin/run.js runs every command (see there): WASM on its baseline code only.
setFlagsFromString('--liftoff-only');

const [checkout, dir, call, runs = '3'] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(join(resolve(checkout), 'dist', p)).href);
const { inlineCall } = await load('inline/index.js');
const { renderChanges, hclFormatter } = await load('inline/files.js');
const { gateFiles } = await load('hcl/reference.js');

const clock = () => {
  const t = performance.now();
  const c = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(c);
    return { ms: performance.now() - t, cpu: (d.user + d.system) / 1000 };
  };
};

const out = [];
for (let k = 0; k < Number(runs); k++) {
  const engine = clock();
  const changes = await renderChanges(await inlineCall(dir, call, { inventory: undefined }), hclFormatter, { gate: false });
  const run = { engine: engine(), bytes: changes.reduce((n, c) => n + c.after.length, 0) };
  if (k === 0) {
    const gate = clock();
    const failures = await gateFiles(changes.map((c) => ({ path: c.path, text: c.after })));
    run.gate = gate();
    if (failures.length) run.gateFailures = failures.map((f) => f.message);
  }
  out.push(run);
}
console.log(JSON.stringify(out));
