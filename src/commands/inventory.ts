import { Args, Flags } from '@oclif/core';
import { terraformBin, terraformBinFlag } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { existingDir } from '../cli/paths.js';
import { loadModule } from '../config/load.js';
import { instancesOf, readInventory, type InventorySource } from '../inventory/index.js';
import { planOffline } from '../verify/offline-plan.js';

/** One module call and the instances it manages. */
export interface CallInventory {
  name: string;
  source?: string;
  version?: string;
  file: string;
  line: number;
  instances: string[];
}

/** What `unmodule inventory` reports. */
export interface InventoryResult {
  dir: string;
  source: InventorySource;
  calls: CallInventory[];
}

export default class InventoryCommand extends UnmoduleCommand {
  static override summary = 'List the module calls of a service and the resource instances each one manages.';

  static override description = `Step 2 of the escape plan. Reads the module calls from the .tf files and the instance addresses from \`terraform state list\`; when the state is empty or cannot be read (no init, no credentials), or with --from-plan, the addresses come from a plan of the current configuration.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> services/alpha',
    '<%= config.bin %> <%= command.id %> services/alpha --from-plan --json',
    '<%= config.bin %> <%= command.id %> services/alpha --offline',
  ];

  static override enableJsonFlag = true;

  static override args = {
    dir: Args.directory({ description: 'Service directory (a Terraform root module).', default: '.' }),
  };

  static override flags = {
    'from-plan': Flags.boolean({ description: 'Read instances from a plan instead of the state.', default: false }),
    offline: Flags.boolean({
      description: 'Plan without credentials or backend (mock-credential providers, local backend, in a temp copy): what the configuration manages, for a service you cannot plan for real here.',
      default: false,
    }),
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<InventoryResult> {
    const { args, flags } = await this.parse(InventoryCommand);
    const dir = existingDir(args.dir, 'service directory');
    const root = await loadModule(dir);
    const tf = { bin: terraformBin(flags['terraform-bin']) };
    const inv = await readInventory(dir, tf, {
      source: flags.offline ? 'plan' : flags['from-plan'] ? 'plan' : 'auto',
      root,
      ...(flags.offline ? { planner: (d: string) => planOffline(d, tf) } : {}),
    });
    const calls = root.moduleCalls.map((c) => ({
      name: c.name,
      source: c.source,
      version: c.version,
      file: c.origin.file,
      line: c.origin.line,
      instances: instancesOf(c, inv.addresses),
    }));
    if (!this.jsonEnabled()) this.log(renderInventory({ dir, source: inv.source, calls }));
    return { dir, source: inv.source, calls };
  }
}

function renderInventory(r: InventoryResult): string {
  if (r.calls.length === 0) return `${r.dir} calls no modules.`;
  const lines = [`Module calls in ${r.dir} (instances from ${r.source === 'state' ? 'terraform state list' : 'a plan of the current config'}):`];
  for (const c of r.calls) {
    lines.push('', `module "${c.name}"  source=${c.source ?? '?'}${c.version ? `  version=${c.version}` : ''}  (${c.instances.length} instance${c.instances.length === 1 ? '' : 's'})`);
    for (const a of c.instances) lines.push(`  ${a}`);
  }
  return lines.join('\n');
}
