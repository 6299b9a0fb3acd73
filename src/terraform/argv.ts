// How terraform is invoked: which binary, the argv conventions, the environment. Kept free of
// imports beyond Node's own, because bin/run.js uses it (through prestart.ts) before the CLI loads.

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
