// A `terraform` that logs each argv before running the real one: tests count the processes
// unmodule starts by putting it first on PATH (or passing it as the binary).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { makeTemp } from './terraform-env.js';

/** A logging terraform in a fresh temp dir (remove `dir` when done). */
export interface CountingTerraform {
  /** The temp dir holding bin/terraform and the log. */
  dir: string;
  /** The wrapper's path. */
  bin: string;
  /** `base` with PATH starting at the wrapper's directory. */
  envWith: (base: Record<string, string>) => Record<string, string>;
  /** Every argv (after the binary) run so far, one string each, in order. */
  runs: () => string[];
}

/** Writes a logging wrapper around the terraform on PATH. */
export function countingTerraform(): CountingTerraform {
  const dir = makeTemp('unmodule-spawns-');
  const real = execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim();
  const log = join(dir, 'argv.log');
  mkdirSync(join(dir, 'bin'));
  const bin = join(dir, 'bin', 'terraform');
  writeFileSync(bin, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(bin, 0o755);
  return {
    dir,
    bin,
    envWith: (base) => ({ ...base, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH}` }),
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}
