import { Args, Flags } from '@oclif/core';
import { terraformBin, terraformBinFlag } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { existingDir, existingFile } from '../cli/paths.js';
import { migrateDir, type MigrateResult, type MovesSource } from '../migrate/index.js';
import { renderMoves } from '../report/diff.js';

/** What `unmodule migrate` did (or checked, without --execute). */
export type MigrateCommandResult = MigrateResult & { source: MovesSource; executed: boolean };

export default class Migrate extends UnmoduleCommand {
  static override summary = 'Move the state with terraform state mv, verified on a copy first and restored on failure.';

  static override description = `Moves each object in the real state to its new address, in this order:
  1. checks that every move's source is in state and that the state is not locked;
  2. pulls the state to a new timestamped backup file (never overwritten);
  3. runs the moves on a copy of the configuration and state (local backend) and plans there: the plan must be zero-change, or the real state is not touched;
  4. runs the same terraform state mv commands on the real state (argv, no shell);
  5. plans again; if a move or this plan fails, pushes the backup back (only when the state's lineage and serial show nobody else wrote it) and says exactly what happened.

The moves come from state-mv.json (written by \`unmodule inline --mode state-mv\`), from --moves FILE, or from the configuration's moved blocks. Without --execute nothing is changed: the moves are resolved against the state and checked.`;

  static override examples = [
    { description: 'Check the moves against the state (changes nothing)', command: '<%= config.bin %> <%= command.id %> services/alpha' },
    { description: 'Move the state for real', command: '<%= config.bin %> <%= command.id %> services/alpha --execute' },
  ];

  static override enableJsonFlag = true;

  static override args = {
    dir: Args.directory({ description: 'Service directory (after `unmodule inline --mode state-mv --write`).', default: '.' }),
  };

  static override flags = {
    execute: Flags.boolean({ description: 'Move the real state (default: check only).', default: false }),
    moves: Flags.file({ description: 'Moves JSON ({"moves": [{"from", "to"}]}); default DIR/state-mv.json, else the moved blocks.', helpValue: 'FILE' }),
    'backup-dir': Flags.directory({ description: 'Where to write the state backup (default: DIR).', helpValue: 'DIR' }),
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<MigrateCommandResult> {
    const { args, flags } = await this.parse(Migrate);
    const dir = existingDir(args.dir, 'service directory');
    const movesFile = flags.moves ? existingFile(flags.moves, '--moves') : undefined;
    const backupDir = flags['backup-dir'] ? existingDir(flags['backup-dir'], '--backup-dir') : undefined;
    const result = await migrateDir(dir, {
      execute: flags.execute,
      tf: { bin: terraformBin(flags['terraform-bin']) },
      ...(movesFile ? { movesFile } : {}),
      ...(backupDir ? { backupDir } : {}),
    });
    if (!this.jsonEnabled()) {
      this.log(renderMoves(result.moves));
      for (const s of result.steps) this.log(`${s.ok ? 'ok' : 'FAILED'}  ${s.step}: ${s.detail}`);
      if (result.moves.length === 0) this.log('\nNothing to move.');
      else if (!flags.execute) this.log(`\nChecked only: nothing was changed. Add --execute to move ${result.moves.length} object(s).`);
      else this.log(`\nMoved ${result.moves.length} object(s); the plan is zero-change. State backup: ${result.backup}`);
    }
    return { ...result, executed: flags.execute && result.moves.length > 0 };
  }
}
