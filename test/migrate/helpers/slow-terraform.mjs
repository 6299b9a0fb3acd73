#!/usr/bin/env node
// The real terraform, with each real `state mv` in $UNMODULE_TEST_SLOW_DIR announced (a line
// appended to $UNMODULE_TEST_MARKER) and then held for a second, so that a test can interrupt
// unmodule between two moves. Everything else runs at once with the same argv, stdio and exit code.
import { spawnSync } from 'node:child_process';
import { appendFileSync, realpathSync } from 'node:fs';

const args = process.argv.slice(2);
const dir = process.env.UNMODULE_TEST_SLOW_DIR;
const isRealMove = args[0] === 'state' && args[1] === 'mv' && !args.includes('-dry-run');
if (isRealMove && dir && realpathSync(process.cwd()) === realpathSync(dir)) {
  appendFileSync(process.env.UNMODULE_TEST_MARKER, `${args.slice(2).join(' ')}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}
const res = spawnSync(process.env.UNMODULE_TEST_REAL_TERRAFORM || 'terraform', args, { stdio: 'inherit' });
process.exit(res.status ?? 1);
