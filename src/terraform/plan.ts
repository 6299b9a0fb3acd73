// `terraform plan -out FILE -detailed-exitcode`. Exit 2 ("changes present") is a normal outcome
// here — a plan with only moves exits 2 too — so the verdict comes from `show -json`, not the code.
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

/** The argv (after the binary) of a plan with these options. */
export function planArgs(o: PlanOptions): string[] {
  const args = ['plan', '-input=false', '-no-color', '-out', o.out, '-detailed-exitcode'];
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
