// `npm run bench`: runs every section in scripts/bench/*.bench.js in name order. Each section is
// a module exporting `run()` that prints its own figures; a failing section is reported and the
// others still run. Add a section by adding a file.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv[2];
const sections = readdirSync(dir).filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of sections) {
  console.log(`\n== ${file.replace(/\.bench\.js$/, '')} ==`);
  try {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    await mod.run();
  } catch (err) {
    failed++;
    console.error(`section ${file} failed: ${err?.stack ?? err}`);
  }
}
if (failed) process.exitCode = 1;
