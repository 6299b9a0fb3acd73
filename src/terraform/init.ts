// `terraform init`, never interactive.
import { runTerraform, type TerraformOptions, type TerraformResult } from './runner.js';

/** Options of `terraform init` that unmodule uses. */
export interface InitOptions {
  /** false → `-backend=false` (modules and providers only; state verbs will not work). */
  backend?: boolean;
  /** `-plugin-dir`: install providers only from this directory. */
  pluginDir?: string;
  /** `-reconfigure`: ignore the backend recorded in .terraform. */
  reconfigure?: boolean;
  upgrade?: boolean;
  /** Extra environment for this run only. */
  env?: Record<string, string | undefined>;
}

/** The argv (after the binary) for an init with these options. */
export function initArgs(o: InitOptions = {}): string[] {
  const args = ['init', '-input=false', '-no-color'];
  if (o.backend === false) args.push('-backend=false');
  if (o.pluginDir) args.push(`-plugin-dir=${o.pluginDir}`);
  if (o.reconfigure) args.push('-reconfigure');
  if (o.upgrade) args.push('-upgrade');
  return args;
}

/** Runs `terraform init` in opts.cwd. */
export async function init(opts: TerraformOptions, o: InitOptions = {}): Promise<TerraformResult> {
  return runTerraform(initArgs(o), { ...opts, env: { ...opts.env, ...o.env } });
}
