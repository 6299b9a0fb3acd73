// Step 2 of the escape plan: which resource instances each module call manages, from the state
// (`terraform state list`) or, when no state can be read, from a plan of the current config.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { initProblemFor } from '../batch/init.js';
import { readConfigText } from '../config/load.js';
import type { ModuleCall, ModuleConfig } from '../config/module.js';
import { NotInitialisedError, stateList, TerraformError, type TerraformOptions } from '../terraform/index.js';
import { planJson } from '../verify/online.js';
import type { PlanJson } from '../terraform/types.js';

/** Where the addresses came from. */
export type InventorySource = 'state' | 'plan';

/** Resource instance addresses of a service. */
export interface Inventory {
  source: InventorySource;
  addresses: string[];
}

/** Reads the inventory: from state, from a plan, or auto (state, then a plan if state is empty or unreadable). */
export async function readInventory(
  dir: string,
  tf: Omit<TerraformOptions, 'cwd'>,
  o: { source: InventorySource | 'auto'; planner?: (dir: string) => Promise<PlanJson>; root?: ModuleConfig },
): Promise<Inventory> {
  // Where no state can exist, `state list` would answer "nothing": no need to start terraform to hear it.
  const stateless = o.source !== 'plan' && !stateMayExist(dir);
  if (stateless && o.source === 'state') return { source: 'state', addresses: [] };
  if (o.source !== 'plan' && !stateless) {
    try {
      const addresses = await stateList({ ...tf, cwd: dir });
      if (addresses.length || o.source === 'state') return { source: 'state', addresses };
    } catch (err) {
      // A state that exists but cannot be read is the user's to fix; a plan would only fail on it too.
      if (o.source === 'state' || (err instanceof TerraformError && err.state)) throw err;
    }
  }
  // A plan in a directory never initialised stops at "run terraform init": say so before it starts.
  const uninitialised = async () => {
    const why = await initProblemFor(dir, o.root);
    return why ? new NotInitialisedError(dir, why, { bin: tf.bin }) : undefined;
  };
  if (o.root && !o.planner) {
    const err = await uninitialised();
    if (err) throw err;
  }
  try {
    const plan = await (o.planner ?? ((d: string) => planJson(d, tf)))(dir);
    return { source: 'plan', addresses: addressesFromPlan(plan) };
  } catch (err) {
    throw (err instanceof TerraformError && !o.planner && (await uninitialised())) || err;
  }
}

/**
 * False only when `dir` certainly has no state: the default local backend (no backend or cloud
 * block in its configuration, no backend recorded by init) and no state file. Anything that could
 * point terraform elsewhere (TF_DATA_DIR, TF_WORKSPACE, TF_CLI_ARGS*) counts as "may exist".
 */
export function stateMayExist(dir: string): boolean {
  if (Object.keys(process.env).some((k) => k === 'TF_DATA_DIR' || k === 'TF_WORKSPACE' || k.startsWith('TF_CLI_ARGS'))) return true;
  const there = (...p: string[]) => existsSync(join(dir, ...p));
  if (there('terraform.tfstate') || there('terraform.tfstate.d') || there('.terraform', 'terraform.tfstate') || there('.terraform', 'environment')) return true;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json'));
  } catch {
    return true; // let terraform say what is wrong with the directory
  }
  // A word test, not a parse: a false "may exist" only costs the terraform run it always cost.
  return names.some((n) => {
    try {
      return /\b(backend|cloud)\b/.test(readConfigText(join(dir, n)));
    } catch {
      return true; // unreadable here: terraform will say why
    }
  });
}

/** Managed instances that exist after the plan (everything not being deleted). */
export function addressesFromPlan(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === 'managed' && !(rc.change.actions.length === 1 && rc.change.actions[0] === 'delete'))
    .map((rc) => rc.address);
}

/** The addresses under `module.NAME` (any instance key), for one call. */
export function instancesOf(call: Pick<ModuleCall, 'name'>, addresses: string[]): string[] {
  return addresses.filter((a) => a.startsWith(`module.${call.name}.`) || a.startsWith(`module.${call.name}[`));
}
