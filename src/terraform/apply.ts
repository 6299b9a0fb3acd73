// `terraform apply -auto-approve`: used by tests (real terraform_data state) and by state work on
// temporary copies. Never run against a user's real state without them asking.
import { runTerraform, type TerraformOptions, type TerraformResult } from './runner.js';

/** Options of `terraform apply`. */
export interface ApplyOptions {
  /** Apply this saved plan instead of planning again. */
  planFile?: string;
  refresh?: boolean;
  lock?: boolean;
  vars?: Record<string, string>;
}

/** The argv (after the binary) of an apply with these options. */
export function applyArgs(o: ApplyOptions = {}): string[] {
  const args = ['apply', '-input=false', '-no-color', '-auto-approve'];
  if (o.refresh === false) args.push('-refresh=false');
  if (o.lock === false) args.push('-lock=false');
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push('-var', `${k}=${v}`);
  if (o.planFile) args.push(o.planFile);
  return args;
}

/** Runs `terraform apply -auto-approve`. */
export async function apply(opts: TerraformOptions, o: ApplyOptions = {}): Promise<TerraformResult> {
  return runTerraform(applyArgs(o), opts);
}
