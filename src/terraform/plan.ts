// `terraform plan -out FILE -detailed-exitcode` (optionally `-json`). Exit 2 ("changes present") is
// a normal outcome here — a plan with only moves exits 2 too — so the verdict comes from the plan's
// JSON (the -json stream, or `show -json` of the file), not the code.
import { TerraformError } from './errors.js';
import { parsePlanStream, type PlanStream } from './plan-stream.js';
import { runTerraform, type TerraformOptions } from './runner.js';

/** Options of `terraform plan` that unmodule uses. */
export interface PlanOptions {
  /** Where to save the plan (relative to cwd, or absolute). */
  out: string;
  /** false → `-refresh=false` (offline verification against synthesized state). */
  refresh?: boolean;
  /** false → `-lock=false`. */
  lock?: boolean;
  varFiles?: string[];
  /** `-var NAME=VALUE`, one argv entry each. */
  vars?: Record<string, string>;
  /** Passed through at the end, e.g. ['-parallelism=4']. */
  extraArgs?: string[];
}

/** What a successful plan produced. */
export interface PlanResult {
  /** 0: no changes; 2: changes present (moves count as changes). */
  exitCode: 0 | 2;
  planFile: string;
  stdout: string;
}

/** The argv (after the binary) of a plan with these options; `json` adds `-json` (the UI stream). */
export function planArgs(o: PlanOptions, json = false): string[] {
  const args = ['plan', '-input=false', '-no-color', ...(json ? ['-json'] : []), '-out', o.out, '-detailed-exitcode'];
  if (o.refresh === false) args.push('-refresh=false');
  if (o.lock === false) args.push('-lock=false');
  for (const f of o.varFiles ?? []) args.push(`-var-file=${f}`);
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push('-var', `${k}=${v}`);
  args.push(...(o.extraArgs ?? []));
  return args;
}

/** Runs a plan; exit 1 (an error) throws TerraformError. */
export async function plan(opts: TerraformOptions, o: PlanOptions): Promise<PlanResult> {
  const res = await runTerraform(planArgs(o), opts, [0, 2]);
  return { exitCode: res.exitCode as 0 | 2, planFile: o.out, stdout: res.stdout };
}

/** What a successful `plan -json -out` produced: the saved plan plus its parsed UI stream. */
export interface PlanStreamResult extends PlanResult {
  stream: PlanStream;
}

/**
 * Runs a plan with `-json`, still saving the plan file, so a caller can judge the stream and read
 * the file with `show -json` only when the stream is not enough. With -json terraform prints its
 * diagnostics as JSON on stdout and nothing on stderr, so a failed run is rethrown with them.
 */
export async function planStream(opts: TerraformOptions, o: PlanOptions): Promise<PlanStreamResult> {
  try {
    const res = await runTerraform(planArgs(o, true), opts, [0, 2]);
    return { exitCode: res.exitCode as 0 | 2, planFile: o.out, stdout: res.stdout, stream: parsePlanStream(res.stdout) };
  } catch (err) {
    if (!(err instanceof TerraformError) || err.exitCode < 0) throw err;
    const diagnostics = parsePlanStream(err.stdout).diagnostics;
    throw new TerraformError(`terraform plan failed (exit ${err.exitCode})`, { ...err, diagnostics });
  }
}
