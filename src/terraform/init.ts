// `terraform init`, never interactive. With -json its diagnostics come as JSON messages (some
// output stays plain text even then; a failure without JSON diagnostics falls back to that text).
import { diagnosticsFromJsonLines, TerraformError } from './errors.js';
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
  const args = ['init', '-input=false', '-no-color', '-json'];
  if (o.backend === false) args.push('-backend=false');
  if (o.pluginDir) args.push(`-plugin-dir=${o.pluginDir}`);
  if (o.reconfigure) args.push('-reconfigure');
  if (o.upgrade) args.push('-upgrade');
  return args;
}

/** Runs `terraform init` in opts.cwd. */
export async function init(opts: TerraformOptions, o: InitOptions = {}): Promise<TerraformResult> {
  const env = { ...opts.env, ...o.env };
  try {
    return await runTerraform(initArgs(o), { ...opts, env });
  } catch (err) {
    if (!(err instanceof TerraformError) || err.exitCode < 0) throw err;
    const diagnostics = diagnosticsFromJsonLines(err.stdout).filter((d) => d.severity === 'error');
    if (diagnostics.length === 0) throw err;
    throw new TerraformError(`terraform init failed (exit ${err.exitCode})`, { ...err, diagnostics, env });
  }
}
