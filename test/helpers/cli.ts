// Runs the built CLI (bin/run.js → dist/) as a user would, capturing exit code and output.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO, 'bin', 'run.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `unmodule ...args` with extra env; never throws on a non-zero exit. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = REPO): Promise<CliResult> {
  return new Promise((res) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      res({ exitCode: code, stdout, stderr });
    });
  });
}

/** sha256 of every file under dir (skipping .terraform), keyed by relative path. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.terraform') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
