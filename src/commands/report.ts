import { Args, Flags } from '@oclif/core';
import { appendFile, writeFile } from 'node:fs/promises';
import { terraformBin, variableArgs } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { creatableDir, existingFile, outputFile } from '../cli/paths.js';
import { ProgressDisplay } from '../batch/progress.js';
import { mergeResults, readResults } from '../batch/results.js';
import { runBatch } from '../batch/run.js';
import { ALL_STEPS, type BatchResults } from '../batch/types.js';
import { BatchUsageError } from '../batch/select.js';
import { renderMarkdown } from '../report/markdown.js';
import { loadReportTemplates } from '../report/template.js';
import { sharedFlags } from './batch.js';

export default class Report extends UnmoduleCommand {
  static override summary = 'Dry-run report of the escape plan, as Markdown for a pull request (or JSON).';

  static override description = `For each service directory (directories or globs, walked recursively): the module's refs (floating or pinned), the instances it manages, the inline diff, the moves, and the verdict of one terraform plan of the result (a real plan by default; --offline when the job has no credentials). Nothing is written. The Markdown starts with a summary table, then one section per service with the diff folded in <details>; it comes from templates/report.md (--template to use your own). Sensitive values (inputs of sensitive variables, sensitive outputs) never appear.

Markdown goes to stdout, to --output FILE, and is appended to $GITHUB_STEP_SUMMARY when that is set. --json prints the results (schema: docs/report-schema.md). --merge renders results files of \`unmodule batch --shard i/n --results FILE\` jobs as one report.

Exit codes: 0 every service passed or was skipped, 3 some failed, 1 bad input.`;

  static override examples = [
    { description: 'Report on every service, verified offline', command: '<%= config.bin %> <%= command.id %> services --module private-bucket --offline' },
    { description: 'Join the results of sharded CI jobs', command: '<%= config.bin %> <%= command.id %> --merge results/*.json --output report.md' },
  ];

  static override enableJsonFlag = true;
  static override strict = false;

  static override args = {
    dirs: Args.string({ description: 'Service directories or globs; with --merge, results files.' }),
  };

  static override flags = {
    ...sharedFlags,
    module: Flags.string({ ...sharedFlags.module, required: false }),
    merge: Flags.boolean({ description: 'The arguments are results files (from batch --results or --json) to join into one report.', default: false }),
    output: Flags.file({ char: 'o', description: 'Also write the Markdown to this file.', helpValue: 'FILE' }),
    template: Flags.file({ description: 'Page template to use instead of templates/report.md.', helpValue: 'FILE' }),
  };

  async run(): Promise<BatchResults> {
    const { argv, flags } = await this.parse(Report);
    const args = argv as string[];
    // Every path is checked before the first plan: a report must not plan a fleet only to find
    // that its template or its output directory is missing.
    const template = flags.template ? existingFile(flags.template, '--template') : undefined;
    const output = flags.output ? outputFile(flags.output, '--output') : undefined;
    const pluginCache = flags['plugin-cache'] ? creatableDir(flags['plugin-cache'], '--plugin-cache') : undefined;
    const templates = await loadReportTemplates(template);
    let results: BatchResults;
    if (flags.merge) {
      if (args.length === 0) throw new BatchUsageError('--merge needs the results files to join, e.g. report --merge results/*.json', '--merge');
      const files = args.map((f) => existingFile(f, 'results file'));
      results = mergeResults(await Promise.all(files.map(async (file) => ({ file, results: await readResults(file) }))), process.cwd());
    } else {
      if (!flags.module) throw new BatchUsageError('--module is required (the call name or source pattern of the module to report on)', '--module');
      const progress = new ProgressDisplay(process.stderr);
      try {
        results = await runBatch(
          { dirs: args, cwd: process.cwd(), module: flags.module, steps: [...ALL_STEPS], write: false, offline: flags.offline, jobs: flags.jobs, resume: false, tf: { bin: terraformBin(flags['terraform-bin']) }, pluginCache, variableArgs: variableArgs(this.argv) },
          { planned: (p, r) => progress.planned(p, r), started: (p) => progress.step(p, 'starting'), step: (p, s) => progress.step(p, s), finished: (r) => progress.finished(r) },
        );
      } finally {
        progress.stop();
      }
    }
    const markdown = renderMarkdown(results, templates);
    if (output) await writeFile(output, markdown);
    // GitHub renders this file on the run's summary page; several steps may append to it.
    if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown + '\n');
    if (!this.jsonEnabled()) this.log(markdown);
    if (results.totals.fail > 0 || results.totals.pending > 0) process.exitCode = 3;
    return results;
  }
}
