#!/usr/bin/env node
// Bundles each command (and the init hook, and oclif's entry for bin/run.js) after tsc, so that
// starting `unmodule <command>` reads a few files instead of some three hundred small modules
// (ours, oclif's, execa's, debug's). Code shared by commands goes to chunks in dist/chunks; dynamic
// imports stay lazy (execa is loaded when a process starts). oclif is bundled too, one copy shared
// by bin/run.js, the hooks and the commands: its ~160 CommonJS files cost more than Node's own
// start, and bundled their modules are still evaluated only when first required. Packages that
// load WASM or other files next to themselves stay in node_modules, and so does typescript (oclif
// requires it only to map a development checkout's dist/ back to src/).
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entryPoints = [
  ...readdirSync(join(dist, 'commands')).filter((f) => f.endsWith('.js')).map((f) => join(dist, 'commands', f)),
  join(dist, 'wizard', 'root-hook.js'),
  join(dist, 'cli', 'oclif.js'),
];
// oclif's index checks, as it loads, that Node satisfies oclif's own `engines` (>=18), reading
// its package.json next to __dirname. Bundled there is no such file (and no __dirname in an ES
// module): the check throws and is ignored, after loading semver (some 50 modules). npm checks
// our own `engines` (>=20) at install. The call is cut; a build of an oclif without it fails here.
const withoutOclifNodeCheck = {
  name: 'without-oclif-node-check',
  setup(b) {
    b.onLoad({ filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/]index\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const call = '\ncheckNodeVersion();\n';
      if (!text.includes(call)) throw new Error(`${args.path}: no checkNodeVersion() call to cut; see scripts/bundle.js`);
      return { contents: text.replace(call, '\n'), loader: 'js' };
    });
  },
};

await build({
  entryPoints,
  outdir: dist,
  outbase: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['typescript', 'web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl', '@cdktn/hcl2json', '@inquirer/prompts'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __unmoduleRequire } from 'node:module'; const require = __unmoduleRequire(import.meta.url);" },
  plugins: [withoutOclifNodeCheck],
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`bundled ${entryPoints.length} entry points into dist/`);
