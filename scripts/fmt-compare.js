#!/usr/bin/env node
// Compares unmodule's in-process formatter with `terraform fmt` on every .tf file under the given
// directories (default: fixtures/): byte-identical output, or the same refusal of a file terraform
// cannot read. Usage: node scripts/fmt-compare.js [DIR...]  (after npm run build). The files are
// copied into one temp tree and formatted there by a single `terraform fmt -recursive` (file mode,
// as written files are formatted). Prints each difference and a summary; exits 1 on any.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { formatHcl } = await import(pathToFileURL(join(repo, 'dist', 'hcl', 'format.js')).href);
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [join(repo, 'fixtures')];

function* tfFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.git' && e.name !== '.terraform') yield* tfFiles(p);
    } else if (e.isFile() && e.name.endsWith('.tf')) yield p;
  }
}

const work = mkdtempSync(join(tmpdir(), 'unmodule-fmt-compare-'));
try {
  const files = dirs.flatMap((d) => [...tfFiles(resolve(d))]);
  const copies = files.map((file, i) => {
    const copy = join(work, String(i), 'f.tf');
    mkdirSync(dirname(copy), { recursive: true });
    const text = readFileSync(file, 'utf8');
    writeFileSync(copy, text);
    return { file, copy, text };
  });
  const r = spawnSync('terraform', ['fmt', '-no-color', '-recursive', '-list=false', work], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  // Files terraform cannot parse are named in its diagnostics ("on <path> line N").
  const refused = new Set([...r.stderr.matchAll(/on (\S+\/f\.tf) line/g)].map((m) => resolve(m[1])));
  let same = 0;
  let refusedBoth = 0;
  const differ = [];
  for (const { file, copy, text } of copies) {
    let ours;
    try {
      ours = formatHcl(text);
    } catch (err) {
      ours = err;
    }
    if (refused.has(copy)) {
      if (ours instanceof Error) refusedBoth++;
      else differ.push({ file, why: 'terraform fmt refused it, ours formatted it' });
      continue;
    }
    const theirs = readFileSync(copy, 'utf8');
    if (ours instanceof Error) differ.push({ file, why: `ours refused: ${ours.message}` });
    else if (ours !== theirs) {
      const a = ours.split('\n');
      const b = theirs.split('\n');
      const k = a.findIndex((l, i) => l !== b[i]);
      differ.push({ file, why: `line ${k + 1}: ours ${JSON.stringify(a[k])} vs terraform ${JSON.stringify(b[k])}` });
    } else same++;
  }
  for (const d of differ) console.log(`DIFF ${d.file}: ${d.why}`);
  console.log(`${files.length} .tf files: ${same} identical, ${refusedBoth} refused by both, ${differ.length} different`);
  if (differ.length) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
