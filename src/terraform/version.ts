// `terraform version -json`: which terraform (or tofu) we are talking to.
import { runTerraform, type TerraformOptions } from './runner.js';
import type { VersionJson } from './types.js';

/** The version of the terraform binary and the providers selected in opts.cwd. */
export interface TerraformVersion {
  version: string;
  platform: string;
  providerSelections: Record<string, string>;
  outdated: boolean;
}

/** Parses `version -json` output; throws on anything that is not that shape. */
export function parseVersionJson(stdout: string): TerraformVersion {
  const json = JSON.parse(stdout) as Partial<VersionJson>;
  if (typeof json.terraform_version !== 'string') {
    throw new Error(`unexpected output from 'terraform version -json': ${stdout.slice(0, 200)}`);
  }
  return {
    version: json.terraform_version,
    platform: json.platform ?? '',
    providerSelections: json.provider_selections ?? {},
    outdated: json.terraform_outdated ?? false,
  };
}

/** Runs `terraform version -json`. */
export async function terraformVersion(opts: TerraformOptions): Promise<TerraformVersion> {
  const res = await runTerraform(['version', '-json'], opts);
  return parseVersionJson(res.stdout);
}
