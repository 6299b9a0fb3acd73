// The one door to terraform: argv arrays (never a shell), exit codes checked here, and every run
// logged under `unmodule:terraform`. Verb files build argv; this file runs it.
import { existsSync } from 'node:fs';
import createDebug from 'debug';
import { resolveTerraformBin, terraformEnv, withNoColor } from './argv.js';
import { TerraformError, TerraformNotFoundError } from './errors.js';
import { takePrestarted, type RawRun } from './prestart.js';

export { resolveTerraformBin, terraformEnv, withNoColor };

const debug = createDebug('unmodule:terraform');

// execa (some 50 modules, a third of what inline loads) only when a process is started: a dry
// run without a state starts none.
let execaModule: Promise<typeof import('execa')> | undefined;
async function loadExeca(): Promise<typeof import('execa').execa> {
  execaModule ??= import('execa');
  return (await execaModule).execa;
}

/** Where and how to run terraform. */
export interface TerraformOptions {
  /** Binary name or path; see resolveTerraformBin. */
  bin?: string;
  cwd: string;
  /** Added to the inherited environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

/** Per-run extras that only some verbs need. */
export interface RunExtras {
  /** Text written to terraform's stdin (e.g. `fmt -`). */
  input?: string;
}

/** What a finished run produced. */
export interface TerraformResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Full argv, binary first, exactly as executed. */
  argv: string[];
}

/**
 * Runs `terraform <args>` in opts.cwd. Resolves for exit codes in okCodes; otherwise throws a
 * TerraformError carrying argv, cwd, exit code and output. A missing binary throws
 * TerraformNotFoundError.
 */
export async function runTerraform(
  args: string[],
  opts: TerraformOptions & RunExtras,
  okCodes: number[] = [0],
): Promise<TerraformResult> {
  const bin = resolveTerraformBin(opts.bin);
  const finalArgs = withNoColor(args);
  const argv = [bin, ...finalArgs];
  const env = terraformEnv(opts.env);
  const started = Date.now();
  // bin/run.js may have started this very run before the CLI loaded (see prestart.ts).
  const early = await takePrestarted(argv, opts.cwd, env);
  debug(early ? 'run %o in %s (started before the CLI loaded)' : 'run %o in %s', argv, opts.cwd);
  const result: RawRun = early
    ? await early
    : await (await loadExeca())(bin, finalArgs, {
        cwd: opts.cwd,
        env,
        extendEnv: false,
        reject: false,
        // Provider schemas alone are ~14 MB for aws; plans of big roots are larger still.
        maxBuffer: 1024 * 1024 * 1024,
        stripFinalNewline: false,
        ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
      }).then((r) => ({
        ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
        stdout: String(r.stdout ?? ''),
        stderr: String(r.stderr ?? ''),
        ...((r as unknown as { code?: string }).code !== undefined ? { errorCode: (r as unknown as { code: string }).code } : {}),
        message: r.message,
      }));
  const run = { argv, cwd: opts.cwd, stdout: result.stdout, stderr: result.stderr, env };
  if (result.exitCode === undefined) {
    // Spawning failed. Node reports a missing cwd as ENOENT too, so tell the two apart.
    if (result.errorCode === 'ENOENT' && existsSync(opts.cwd)) throw new TerraformNotFoundError(bin);
    if (result.errorCode === 'EACCES') throw new TerraformNotFoundError(bin, 'cannot be run (not executable, or permission denied)');
    if (result.errorCode === 'ENOEXEC') throw new TerraformNotFoundError(bin, 'is not a program this system can run');
    if (result.errorCode === 'ENOENT') throw new TerraformError(`terraform could not start: directory ${opts.cwd} does not exist`, { ...run, exitCode: -1 });
    throw new TerraformError(`terraform could not start: ${result.message ?? result.errorCode ?? 'unknown error'}`, { ...run, exitCode: -1 });
  }
  debug('exit %d after %dms: %s', result.exitCode, Date.now() - started, finalArgs[0]);
  if (!okCodes.includes(result.exitCode)) {
    throw new TerraformError(`terraform ${commandName(finalArgs)} failed (exit ${result.exitCode})`, { ...run, exitCode: result.exitCode });
  }
  return { stdout: run.stdout, stderr: run.stderr, exitCode: result.exitCode, argv };
}

// "state mv", "providers schema": the verb plus its subcommand, for messages.
function commandName(args: string[]): string {
  const [verb, sub] = args;
  return (verb === 'state' || verb === 'providers' || verb === 'workspace') && sub && !sub.startsWith('-') ? `${verb} ${sub}` : (verb ?? '');
}
