// `terraform get`: installs the configuration's modules and nothing else (no backend, no providers).
import { runTerraform, type TerraformOptions, type TerraformResult } from './runner.js';

/** Runs `terraform get` in opts.cwd (needed after a refactor adds a module call, e.g. a kept nested module). */
export async function getModules(opts: TerraformOptions): Promise<TerraformResult> {
  return runTerraform(['get', '-no-color'], opts);
}
