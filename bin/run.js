#!/usr/bin/env node
// `unmodule verify DIR` is mostly terraform plan: start that plan now, while the CLI loads
// (src/terraform/prestart.ts; any other command line starts nothing).
import { prestartVerify } from '../dist/terraform/prestart.js';

prestartVerify(process.argv.slice(2));
const { execute } = await import('@oclif/core');
await execute({ dir: import.meta.url });
