// `unmodule verify DIR` is mostly one `terraform plan`, and Node with oclif and our modules takes
// a fifth of a second to start. So bin/run.js hands the command line to prestartVerify first: for a
// plain in-place verify it starts that plan at once, and the CLI loads while it runs. The runner
// takes the run over only when the command asks for exactly the same argv, directory and
// environment; before any other terraform run (modules to install first, another flag) it stops
// the early plan, and one never taken is interrupted when the process exits. Only Node's own modules are imported here.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { planArgs, resolveTerraformBin, terraformEnv, withNoColor } from './argv.js';
import { removeScratchSync, scratchDir } from '../scratch.js';

/** How a run ended, before the runner judges it (the shape of what execa reports). */
export interface RawRun {
  exitCode?: number;
  stdout: string;
  stderr: string;
  /** Set when the process could not start (`ENOENT`...). */
  errorCode?: string;
  message?: string;
}

interface Prestarted {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  planFile: string;
  tmp: string;
  child: ChildProcess;
  done: Promise<RawRun>;
  claimed: boolean;
}

// The bundled commands and bin/run.js load separate copies of this module: the run is kept where both see it.
const KEY = Symbol.for('unmodule.prestarted-plan');
const store = globalThis as { [KEY]?: Prestarted };

/** `verify [DIR] [--json] [--terraform-bin BIN]` and nothing else: the directory and binary, else undefined. */
export function plainVerify(argv: string[]): { dir: string; bin?: string } | undefined {
  if (argv[0] !== 'verify') return undefined;
  let dir: string | undefined;
  let bin: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') continue;
    if (a === '--terraform-bin' && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) bin = argv[++i];
    else if (a.startsWith('--terraform-bin=')) bin = a.slice('--terraform-bin='.length);
    else if (!a.startsWith('-') && dir === undefined) dir = a;
    else return undefined;
  }
  return { dir: dir ?? '.', ...(bin !== undefined ? { bin } : {}) };
}

/** The argv (binary first) of the in-place verification plan of a directory, saving to planFile. */
export function verifyPlanArgv(bin: string | undefined, planFile: string): string[] {
  return [resolveTerraformBin(bin), ...withNoColor(planArgs({ out: planFile }, true))];
}

/** Starts the plan of a plain `unmodule verify` command line; does nothing for any other. */
export function prestartVerify(argv: string[]): void {
  const plain = plainVerify(argv);
  if (!plain || store[KEY] || process.env.UNMODULE_NO_PRESTART) return;
  const cwd = resolve(plain.dir);
  const tmp = scratchDir('unmodule-plan');
  const planFile = join(tmp, 'unmodule.tfplan');
  const full = verifyPlanArgv(plain.bin, planFile);
  const env = terraformEnv();
  let child: ChildProcess;
  try {
    child = spawn(full[0]!, full.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    removeScratchSync(tmp);
    return;
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => err.push(d));
  const done = new Promise<RawRun>((res) => {
    child.on('error', (e: NodeJS.ErrnoException) => res({ stdout: '', stderr: '', errorCode: e.code, message: e.message }));
    child.on('close', (code) => res({ ...(code !== null ? { exitCode: code } : {}), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
  const run: Prestarted = { argv: full, cwd, env, planFile, tmp, child, done, claimed: false };
  store[KEY] = run;
  process.on('exit', () => {
    if (!run.claimed && child.exitCode === null) child.kill('SIGINT');
    removeScratchSync(tmp);
  });
}

/** The plan file of the run started for cwd, so that the caller can ask for that very argv. */
export function prestartedPlanFile(cwd: string): string | undefined {
  const run = store[KEY];
  return run && !run.claimed && run.cwd === resolve(cwd) ? run.planFile : undefined;
}

/**
 * For the runner, before any terraform run: the outcome of the prestarted run when it is exactly
 * this one (argv, cwd, env; it can be taken once). A prestarted run that is not this one is
 * interrupted and waited for first, so that it never races another terraform over the directory
 * (a `terraform get` before the plan) or holds the state lock against it.
 */
export async function takePrestarted(argv: string[], cwd: string, env: Record<string, string>): Promise<RawRun | undefined> {
  const run = store[KEY];
  if (!run || run.claimed) return undefined;
  run.claimed = true;
  if (run.cwd === resolve(cwd) && sameList(run.argv, argv) && sameEnv(run.env, env)) return run.done;
  if (run.child.exitCode === null) run.child.kill('SIGINT');
  await run.done;
  return undefined;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
