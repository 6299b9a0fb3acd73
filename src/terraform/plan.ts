// `terraform plan -out FILE -detailed-exitcode` (optionally `-json`). Exit 2 ("changes present") is
// a normal outcome here — a plan with only moves exits 2 too — so the verdict comes from the plan's
// JSON (the -json stream, or `show -json` of the file), not the code.
import { TerraformError } from './errors.js';
import { parsePlanStream, type PlanStream } from './plan-stream.js';
import { planArgs, type PlanOptions } from './argv.js';
import { runTerraform, type TerraformOptions } from './runner.js';

export { planArgs, type PlanOptions };

/** What a successful plan produced. */
export interface PlanResult {
  /** 0: no changes; 2: changes present (moves count as changes). */
  exitCode: 0 | 2;
  planFile: string;
  stdout: string;
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
    throw new TerraformError(`terraform plan failed (exit ${err.exitCode})`, { ...err, diagnostics, env: opts.env });
  }
}
