// The one door to terraform: argv arrays (never a shell), exit codes checked here, and every run
// logged under `unmodule:terraform`. Verb files build argv; this file runs it.
import { existsSync } from 'node:fs';
import createDebug from 'debug';
import { execa } from 'execa';
import { TerraformError, TerraformNotFoundError } from './errors.js';

const debug = createDebug('unmodule:terraform');

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

/** The terraform binary to use: the flag, else $UNMODULE_TERRAFORM_BIN, else `terraform`. */
export function resolveTerraformBin(flag?: string): string {
  if (flag && flag.trim()) return flag;
  const fromEnv = process.env.UNMODULE_TERRAFORM_BIN;
  if (fromEnv && fromEnv.trim()) return fromEnv;
  return 'terraform';
}

// Verbs whose flag parser accepts -no-color (checked against `terraform <verb> -help`, 1.11).
// The state subcommands, `providers schema` and `version` reject it with a usage error.
const NO_COLOR_VERBS = new Set(['init', 'plan', 'apply', 'destroy', 'refresh', 'show', 'validate', 'output', 'fmt', 'import', 'get', 'test']);

/** Inserts `-no-color` right after the verb when the verb takes it and it is not there yet. */
export function withNoColor(args: string[]): string[] {
  const verb = args[0];
  if (verb === undefined || !NO_COLOR_VERBS.has(verb) || args.includes('-no-color')) return args;
  return [verb, '-no-color', ...args.slice(1)];
}

/** Environment for a run: inherited, plus automation settings, plus the caller's overrides. */
export function terraformEnv(extra?: Record<string, string | undefined>): Record<string, string> {
  const merged: Record<string, string | undefined> = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...extra };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
  return env;
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
  debug('run %o in %s', argv, opts.cwd);
  const started = Date.now();
  const result = await execa(bin, finalArgs, {
    cwd: opts.cwd,
    env: terraformEnv(opts.env),
    extendEnv: false,
    reject: false,
    // Provider schemas alone are ~14 MB for aws; plans of big roots are larger still.
    maxBuffer: 1024 * 1024 * 1024,
    stripFinalNewline: false,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
  });
  const run = { argv, cwd: opts.cwd, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
  if (result.exitCode === undefined) {
    // Spawning failed. Node reports a missing cwd as ENOENT too, so tell the two apart.
    const code = (result as unknown as { code?: string }).code;
    if (code === 'ENOENT' && existsSync(opts.cwd)) throw new TerraformNotFoundError(bin);
    if (code === 'ENOENT') throw new TerraformError(`terraform could not start: directory ${opts.cwd} does not exist`, { ...run, exitCode: -1 });
    throw new TerraformError(`terraform could not start: ${result.message}`, { ...run, exitCode: -1 });
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
