import { Args, Flags } from '@oclif/core';
import { UnmoduleCommand } from '../cli/command.js';
import { terraformBin, terraformBinFlag } from '../cli/common.js';
import { planTidy, type TidyPlan } from '../tidy/index.js';
import { renderTidy } from '../tidy/render.js';
import { writeTidy } from '../tidy/write.js';

/** What `unmodule tidy` found and did. */
export interface TidyResult extends TidyPlan {
  /** True when no state anywhere still needs an apply. */
  ready: boolean;
  written: string[];
  deleted: string[];
  dryRun: boolean;
}

export default class Tidy extends UnmoduleCommand {
  static override summary = 'After apply: remove moved blocks no state needs, and modules nobody calls.';

  static override description = `The last step of the escape plan, once the refactor is merged and \`terraform apply\` has run.

For every service directory under DIRS with moved blocks, tidy reads every state the directory is applied to (\`terraform workspace list\`, then \`terraform state list\` per workspace; or the state files given with --state) and removes the moved blocks whose \`from\` address no state holds any more. While any state still holds an old address, nothing is removed in that directory and tidy names the workspaces that still need an apply.

When no service under DIRS calls a local module any more (one that terraform init had installed for them), tidy also deletes that module's directory: the "obliterate" step. Only directories inside DIRS are ever deleted.

Dry run by default; --write applies every change or none.`;

  static override examples = [
    { description: 'What can go, after apply in every workspace', command: '<%= config.bin %> <%= command.id %> services/alpha' },
    { description: 'Remove obsolete moved blocks and unused local modules across the fleet', command: '<%= config.bin %> <%= command.id %> services --write' },
    { description: 'Check state files pulled from elsewhere', command: '<%= config.bin %> <%= command.id %> services/alpha --state prod.tfstate --state staging.tfstate' },
  ];

  static override enableJsonFlag = true;
  static override strict = false;

  static override args = {
    dirs: Args.directory({ description: 'Service directories, or folders containing them (default: current directory).' }),
  };

  static override flags = {
    write: Flags.boolean({ description: 'Remove the blocks and directories (default: dry run).', default: false }),
    state: Flags.file({ description: 'A state file to check instead of the workspaces (repeatable; one service directory only).', multiple: true, helpValue: 'FILE' }),
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<TidyResult> {
    const { argv, flags } = await this.parse(Tidy);
    const dirs = (argv as string[]).length > 0 ? (argv as string[]) : ['.'];
    const plan = await planTidy(dirs, { stateFiles: flags.state, terraform: { bin: terraformBin(flags['terraform-bin']) } });
    const ready = plan.services.every((s) => s.pending.length === 0 && !s.error);
    const done = flags.write ? await writeTidy(plan) : { written: [], deleted: [] };
    if (!this.jsonEnabled()) this.log(renderTidy(plan, { write: flags.write }));
    // Like batch: some directories could not be checked (their states unreadable).
    const failed = plan.services.filter((s) => s.error).length;
    if (failed) process.exitCode = failed === plan.services.length ? 1 : 3;
    return { ...plan, ready, ...done, dryRun: !flags.write };
  }
}
