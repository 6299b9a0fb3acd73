// The corpus runs for minutes while dist/ may be rebuilt (npm run build deletes it first): every
// case runs one frozen copy of the built CLI, taken once when it is complete and not changing.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliResult } from '../helpers/cli.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function listing(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${p}:${s.size}:${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out.join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(bin: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((res) => {
    execFile(process.execPath, [bin, ...args], { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      res({ exitCode: code, stdout, stderr });
    });
  });
}

/** True when the last build finished: its final step writes oclif.manifest.json after every dist/ file. */
function buildFinished(dist: string): boolean {
  const manifest = join(REPO, 'oclif.manifest.json');
  if (!existsSync(manifest) || !existsSync(join(dist, 'commands', 'inline.js')) || !existsSync(join(dist, 'commands', 'verify.js'))) return false;
  let newest = 0;
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const st = statSync(join(d, n));
      if (st.isDirectory()) walk(join(d, n));
      // dist/help-text.json is written by the same build step right after the manifest.
      else if (!(d === dist && n === 'help-text.json')) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(dist);
  return statSync(manifest).mtimeMs >= newest;
}

/**
 * Copies bin/, dist/, templates/ and package.json into dest once a build has finished and dist/ is
 * not changing; returns a runCli over the copy. oclif.manifest.json is left out on purpose: oclif
 * then reads the commands from the copied dist/ itself.
 */
export async function frozenCli(dest: string): Promise<(args: string[], env?: Record<string, string>) => Promise<CliResult>> {
  const dist = join(REPO, 'dist');
  let lastError = 'dist/ never held a finished build (run npm run build)';
  for (let attempt = 0; attempt < 90; attempt++) {
    if (buildFinished(dist)) {
      const before = listing(dist);
      await sleep(2000);
      if (buildFinished(dist) && listing(dist) === before) {
        const root = join(dest, `cli-${attempt}`);
        for (const d of ['bin', 'dist', 'templates']) cpSync(join(REPO, d), join(root, d), { recursive: true });
        cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
        symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
        const bin = join(root, 'bin', 'run.js');
        if (listing(dist) === before) {
          const help = await run(bin, ['inline', '--help'], {});
          if (help.exitCode === 0) return (args, env = {}) => run(bin, args, env);
          lastError = `the built CLI does not run (node bin/run.js inline --help exited ${help.exitCode}):\n${help.stderr}`;
        }
      }
    }
    await sleep(1000);
  }
  throw new Error(lastError);
}
