// Step 2 of the escape plan: which resource instances each module call manages, from the state
// (`terraform state list`) or, when no state can be read, from a plan of the current config.
import type { ModuleCall } from '../config/module.js';
import { stateList, type TerraformOptions } from '../terraform/index.js';
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
  o: { source: InventorySource | 'auto'; planner?: (dir: string) => Promise<PlanJson> },
): Promise<Inventory> {
  if (o.source !== 'plan') {
    try {
      const addresses = await stateList({ ...tf, cwd: dir });
      if (addresses.length || o.source === 'state') return { source: 'state', addresses };
    } catch (err) {
      if (o.source === 'state') throw err;
    }
  }
  const plan = await (o.planner ?? ((d: string) => planJson(d, tf)))(dir);
  return { source: 'plan', addresses: addressesFromPlan(plan) };
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
