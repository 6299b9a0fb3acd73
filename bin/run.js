#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { prestartVerify } from '../dist/terraform/prestart.js';

// The HCL parser is tree-sitter compiled to WASM. V8 compiles the hot WASM functions a second
// time, optimised, on background threads, and Node waits for those compiles before it exits:
// some 60 ms after the work is done. Our parses are short; the baseline code serves them well.
setFlagsFromString('--liftoff-only');

// `unmodule verify DIR` is mostly terraform plan: start that plan now, while the CLI loads
// (src/terraform/prestart.ts; any other command line starts nothing).
prestartVerify(process.argv.slice(2));
const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
