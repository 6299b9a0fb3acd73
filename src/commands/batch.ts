import { Args, Flags } from '@oclif/core';
import { availableParallelism } from 'node:os';
import { terraformBin, terraformBinFlag, variableArgs, variableFlags } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { creatableDir, outputFile } from '../cli/paths.js';
import { ProgressDisplay } from '../batch/progress.js';
import { runBatch } from '../batch/run.js';
import { BatchUsageError, parseShard, parseSteps } from '../batch/select.js';
import type { BatchResults } from '../batch/types.js';
import { renderSummaryTable } from '../report/table.js';

/** Flags `batch` and `report` share. */
export const sharedFlags = {
  module: Flags.string({ char: 'm', description: 'The module to work on: a call name (as in module "NAME"), or a source pattern (substring, or glob with *).', required: true, helpValue: 'NAME|SOURCE-PATTERN' }),
  jobs: Flags.integer({ char: 'j', description: 'Plans (and inits) run at once; the next directories are prepared meanwhile. Inits that could race on the plugin cache still run one at a time.', default: Math.min(4, availableParallelism()), min: 1 }),
  offline: Flags.boolean({ description: 'Verify without credentials or backend: offline equivalence of the rewritten config against the original.', default: false }),
  'plugin-cache': Flags.directory({ description: 'Shared provider plugin cache when terraform has none configured (default ~/.cache/unmodule/plugin-cache).', helpValue: 'DIR' }),
  ...variableFlags,
  'terraform-bin': terraformBinFlag,
};

export default class Batch extends UnmoduleCommand {
  static override summary = 'Run the escape plan over many service directories.';

  static override description = `For every service directory under DIRS (directories or globs, walked recursively; local modules of a service are part of it) and the --from-file list, in the order of --steps:

- pin: freeze floating refs of the module's calls at what is deployed
- inline: replace each matching module call with plain resources and moved blocks
- verify: one terraform plan of the result: zero change apart from the declared moves

Each directory is worked on in a scratch copy; nothing is written without --write, and with --write only directories where every step held are written (all their files or none). A directory that was never initialised gets terraform init first, all directories sharing one provider plugin cache.

One directory's failure never stops the others. --results FILE is rewritten after every directory, so --resume can skip the ones already done after an interruption (failed ones run again). --shard i/n takes every n-th directory (CI matrix fan-out); join the shards' results files with \`unmodule report --merge\`.

--mode moved writes moved blocks; state-mv (terraform state mv) is not available in batch yet.

Exit codes: 0 every directory passed or was skipped, 3 some failed, 1 bad input.`;

  static override examples = [
    { description: 'Dry run over every service', command: '<%= config.bin %> <%= command.id %> services --module private-bucket' },
    { description: 'Write, four at a time, keeping results to resume from', command: '<%= config.bin %> <%= command.id %> "services/*" --module private-bucket --write --jobs 4 --results batch.json' },
    { description: 'Second of four CI jobs', command: '<%= config.bin %> <%= command.id %> services --module private-bucket --shard 2/4 --results results/shard-2.json' },
  ];

  static override enableJsonFlag = true;
  static override strict = false;

  static override args = {
    dirs: Args.string({ description: 'Service directories, folders containing them, or globs (default: current directory).' }),
  };

  static override flags = {
    ...sharedFlags,
    steps: Flags.string({ description: 'Steps to run, comma-separated, always in escape-plan order.', default: 'pin,inline,verify', helpValue: 'pin,inline,verify' }),
    mode: Flags.string({ description: 'How moves are recorded: moved (moved blocks). state-mv is not available in batch yet.', default: 'moved', helpValue: 'moved' }),
    write: Flags.boolean({ description: 'Write the changes of directories where every step held (default: dry run).', default: false }),
    'from-file': Flags.file({ description: 'Also take directories (or globs) from this file, one per line; # comments.', helpValue: 'LIST' }),
    shard: Flags.string({ description: 'Only the i-th of n shards of the sorted directory list (1-based), for CI matrices.', helpValue: 'i/n' }),
    results: Flags.file({ description: 'Results file (JSON), rewritten after every directory; input of --resume and report --merge.', helpValue: 'FILE' }),
    resume: Flags.boolean({ description: 'Skip directories the --results file already records as passed or skipped (needs --results).', default: false }),
  };

  async run(): Promise<BatchResults> {
    const { argv, flags } = await this.parse(Batch);
    if (flags.mode !== 'moved') {
      throw new BatchUsageError(`--mode ${flags.mode}: batch writes moved blocks only for now (--mode moved); terraform state mv belongs to \`unmodule migrate\``, '--mode');
    }
    // Every flag checked before the first directory is touched.
    const steps = parseSteps(flags.steps);
    const shard = flags.shard ? parseShard(flags.shard) : undefined;
    const resultsFile = flags.results ? outputFile(flags.results, '--results') : undefined;
    if (flags.resume && !resultsFile) throw new BatchUsageError('--resume needs --results FILE (the results file of the run to resume)', '--resume');
    const pluginCache = flags['plugin-cache'] ? creatableDir(flags['plugin-cache'], '--plugin-cache') : undefined;
    const progress = new ProgressDisplay(process.stderr);
    try {
      const results = await runBatch(
        {
          dirs: argv as string[],
          fromFile: flags['from-file'],
          cwd: process.cwd(),
          module: flags.module,
          steps,
          write: flags.write,
          offline: flags.offline,
          shard,
          jobs: flags.jobs,
          resultsFile,
          resume: flags.resume,
          tf: { bin: terraformBin(flags['terraform-bin']) },
          pluginCache,
          variableArgs: variableArgs(this.argv),
        },
        { planned: (p, r) => progress.planned(p, r), started: (p) => progress.step(p, 'starting'), step: (p, s) => progress.step(p, s), finished: (r) => progress.finished(r) },
      );
      progress.stop();
      if (!this.jsonEnabled()) this.log(renderSummaryTable(results));
      if (results.totals.fail > 0) process.exitCode = 3;
      return results;
    } finally {
      progress.stop();
    }
  }
}
