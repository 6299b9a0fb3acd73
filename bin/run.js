#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { answerWithoutOclif } from '../dist/cli/fast-path.js';

const argv = process.argv.slice(2);
// `--version` and plain `--help` are answered from package.json and the help oclif rendered at
// build time, without loading oclif (src/cli/fast-path.ts); anything else goes to oclif.
if (!answerWithoutOclif(argv, fileURLToPath(new URL('..', import.meta.url)))) {
  // `unmodule verify DIR` is mostly terraform plan: start that plan now, while the CLI loads
  // (src/terraform/prestart.ts; any other command line starts nothing).
  if (argv[0] === 'verify') (await import('../dist/terraform/prestart.js')).prestartVerify(argv);
  // The HCL parser is tree-sitter compiled to WASM. V8 compiles the hot WASM functions a second
  // time, optimised, on background threads, and Node waits for those compiles before it exits:
  // some 60 ms after the work is done. Our parses are short; the baseline code serves them well.
  (await import('node:v8')).setFlagsFromString('--liftoff-only');
  const { execute } = await import('../dist/cli/oclif.js');
  await execute({ dir: import.meta.url });
}
