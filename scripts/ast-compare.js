// Proves a parser change changes nothing a reader of the syntax tree sees: every .tf file under the
// given directories is parsed by this checkout's build and by another checkout's build (before the
// change), and the two syntax trees (items, expressions, spans, comments, deferred bodies read) are
// compared. Prints the files that differ (and files only one build refuses) and exits 1 if any do.
//
//   npm run build && node scripts/ast-compare.js /path/to/base/checkout fixtures /work/realworld/trees
//
// The base checkout must be built too. Timing is printed for each build (same files, same process).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [base, ...dirs] = process.argv.slice(2);
if (!base || dirs.length === 0) {
  console.error('usage: node scripts/ast-compare.js <base checkout, built> <dir>...');
  process.exit(2);
}
for (const [what, file] of [
  ['this checkout', join(here, 'dist', 'hcl', 'cst.js')],
  ['the base checkout', join(resolve(base), 'dist', 'hcl', 'cst.js')],
]) {
  if (!existsSync(file)) {
    console.error(`${what} is not built (no ${file}): run npm ci && npm run build there first`);
    process.exit(2);
  }
}
const missing = dirs.filter((d) => !existsSync(d));
if (missing.length) {
  console.error(`no such directory: ${missing.join(', ')}`);
  process.exit(2);
}

function tfFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.terraform' && e.name !== 'node_modules') tfFiles(p, out);
    } else if (e.name.endsWith('.tf')) out.push(p);
  }
  return out;
}

async function trees(checkout, files) {
  const { parseHcl, decodeSource } = await import(pathToFileURL(join(resolve(checkout), 'dist', 'hcl', 'cst.js')).href);
  const out = new Map();
  const t0 = performance.now();
  for (const f of files) {
    try {
      // JSON.stringify reads every property, deferred bodies included (they are built when read).
      out.set(f, JSON.stringify((await parseHcl(f, decodeSource(f, readFileSync(f)))).body));
    } catch (err) {
      out.set(f, `refused: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`${checkout}: ${files.length} files in ${(performance.now() - t0).toFixed(0)} ms`);
  return out;
}

const files = dirs.flatMap((d) => tfFiles(d)).sort();
const ours = await trees(here, files);
const theirs = await trees(base, files);
let differ = 0;
for (const f of files) {
  if (ours.get(f) === theirs.get(f)) continue;
  differ++;
  const a = ours.get(f);
  const b = theirs.get(f);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  console.log(`${f}: differs at character ${i} of the tree's JSON\n  base: ${b.slice(Math.max(0, i - 80), i + 80)}\n  this: ${a.slice(Math.max(0, i - 80), i + 80)}`);
}
const refused = [...ours.values()].filter((v) => v.startsWith('refused: ')).length;
console.log(`${files.length} files, ${differ} differ, ${refused} refused by both builds alike or by this one`);
process.exitCode = differ ? 1 : 0;
