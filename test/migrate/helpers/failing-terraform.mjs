#!/usr/bin/env node
// A terraform that fails one real `state mv` on purpose: the one whose source is
// $UNMODULE_TEST_FAIL_FROM, run in $UNMODULE_TEST_FAIL_DIR (so the scratch copy's moves still
// succeed). Everything else runs the real terraform with the same argv, stdio and exit code.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

const args = process.argv.slice(2);
const failDir = process.env.UNMODULE_TEST_FAIL_DIR;
const failFrom = process.env.UNMODULE_TEST_FAIL_FROM;
const isRealMove = args[0] === 'state' && args[1] === 'mv' && !args.includes('-dry-run');
if (isRealMove && failDir && realpathSync(process.cwd()) === realpathSync(failDir) && args.includes(failFrom)) {
  process.stderr.write('Error: injected failure for this move (test)\n');
  process.exit(1);
}
const res = spawnSync(process.env.UNMODULE_TEST_REAL_TERRAFORM || 'terraform', args, { stdio: 'inherit' });
process.exit(res.status ?? 1);
