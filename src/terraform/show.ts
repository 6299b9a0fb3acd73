// `terraform show -json`, of the current state or of a saved plan file.
import { runTerraform, type TerraformOptions } from './runner.js';
import type { PlanJson, StateJson } from './types.js';

/** Parses `show -json` output of a plan file. */
export function parsePlanJson(stdout: string): PlanJson {
  const json = JSON.parse(stdout) as PlanJson;
  if (typeof json.format_version !== 'string') throw new Error('unexpected output from terraform show -json: no format_version');
  json.resource_changes ??= [];
  json.output_changes ??= {};
  return json;
}

/** `terraform show -json PLANFILE`. */
export async function showPlan(opts: TerraformOptions, planFile: string): Promise<PlanJson> {
  const res = await runTerraform(['show', '-no-color', '-json', planFile], opts);
  return parsePlanJson(res.stdout);
}

/** `terraform show -json` of the current state. */
export async function showState(opts: TerraformOptions): Promise<StateJson> {
  const res = await runTerraform(['show', '-no-color', '-json'], opts);
  return JSON.parse(res.stdout) as StateJson;
}
