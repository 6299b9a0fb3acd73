import { Args, Flags } from '@oclif/core';
import { terraformBin, terraformBinFlag, variableArgs, variableFlags } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { existingDir } from '../cli/paths.js';
import { UsageError } from '../errors.js';
import { shellWord } from '../shell.js';
import { hclFormatter, writeChanges, type FileChange } from '../inline/files.js';
import { inlineCall } from '../inline/index.js';
import type { Refactor } from '../inline/refactor.js';
import { TerraformError } from '../terraform/index.js';
import { readInventory } from '../inventory/index.js';
import { renderRefactorChanges, toStateMvRefactor } from '../migrate/mode.js';
import { loadScriptTemplate } from '../migrate/script.js';
import { renderDiff, renderMoves, renderNotes } from '../report/diff.js';
import { IDENTIFIER } from '../hcl/ast.js';

/** What `unmodule inline` did (or would do, in a dry run). */
export interface InlineResult {
  refactor: Omit<Refactor, 'edits'> & { edits: { path: string }[] };
  changes: FileChange[];
  written: string[];
  dryRun: boolean;
}

export default class Inline extends UnmoduleCommand {
  static override summary = 'Replace a module call with plain resources and moved blocks.';

  static override description = `Reads the service directory, evaluates the module with the call's inputs, and writes the module's resources as plain HCL in <name>.tf: variables replaced by their values, count = cond ? 1 : 0 folded away (and [0] dropped from every reference), module.NAME.* references in the root rewritten. The module block is removed and instance-level moved blocks are appended to moved.tf (or, with --mode state-mv, a state-mv.sh script and state-mv.json for \`unmodule migrate\`).

Nothing is written without --write: the default prints the unified diff and the move table. With --write all files are written or none. Then run \`unmodule verify\` to prove the plan is zero-change.`;

  static override examples = [
    { description: 'Preview the refactor (dry run)', command: '<%= config.bin %> <%= command.id %> services/alpha --module service_alpha_bucket' },
    { description: 'Write it, naming the new resources data_bucket', command: '<%= config.bin %> <%= command.id %> services/alpha --module service_alpha_bucket --name data_bucket --write' },
  ];

  static override enableJsonFlag = true;

  static override args = {
    dir: Args.directory({ description: 'Service directory (a Terraform root module).', default: '.' }),
  };

  static override flags = {
    module: Flags.string({ char: 'm', description: 'Name of the module call to inline (as in module "NAME").', required: true }),
    name: Flags.string({ description: 'Base name for the new resources and file (default: the call name).' }),
    rename: Flags.string({
      description: 'Name one resource yourself: TYPE.NAME=NEW, with TYPE.NAME as written in the module (data.TYPE.NAME for data sources). Repeatable.',
      multiple: true,
      helpValue: 'TYPE.NAME=NEW',
    }),
    write: Flags.boolean({ description: 'Write the files (default is a dry run).', default: false }),
    inventory: Flags.option({
      options: ['auto', 'state', 'none'] as const,
      default: 'auto' as const,
      description: 'Check the moves against `terraform state list`: auto (when state can be read), state (required), none.',
    })(),
    mode: Flags.option({
      options: ['moved', 'state-mv'] as const,
      default: 'moved' as const,
      description: 'How the state learns the new addresses: moved blocks in moved.tf, or state-mv.sh + state-mv.json for `unmodule migrate --execute`.',
    })(),
    ...variableFlags,
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<InlineResult> {
    const { args, flags } = await this.parse(Inline);
    const dir = existingDir(args.dir, 'service directory');
    const tf = { bin: terraformBin(flags['terraform-bin']) };
    if (flags.module.trim() === '') throw new UsageError('--module is empty: give the name of the module call to inline, as in module "NAME"', '--module');
    const names = parseRenames(flags.rename ?? []);
    let inventory: string[] | undefined;
    if (flags.inventory !== 'none') {
      const inv = await readInventory(dir, tf, { source: 'state' }).catch((err: unknown) => {
        // auto: no state to read is fine; a state that exists but is broken is not.
      if (flags.inventory === 'state' || (err instanceof TerraformError && err.state)) throw err;
        return undefined;
      });
      inventory = inv?.addresses;
    }
    let refactor = await inlineCall(dir, flags.module, { name: flags.name, inventory, names, variableArgs: variableArgs(this.argv) });
    if (flags.mode === 'state-mv') refactor = toStateMvRefactor(refactor, await loadScriptTemplate(), inventory);
    // The reference parser gates what is written; a dry run writes nothing, and starting
    // hashicorp/hcl's WASM would be half of its time.
    const changes = await renderRefactorChanges(refactor, hclFormatter, { gate: flags.write });
    const gateNotes: string[] = [];
    const written = flags.write ? await writeChanges(dir, changes, { terraform: tf, onNote: (n) => gateNotes.push(n) }) : [];
    refactor.notes.push(...gateNotes.map((message) => ({ level: 'info' as const, message })));
    if (!this.jsonEnabled()) {
      this.log(renderDiff(changes));
      this.log(renderMoves(refactor.moves));
      if (refactor.notes.length) this.log(`\n${renderNotes(refactor.notes)}`);
      this.log(
        flags.write
          ? `\nWrote ${written.length} file(s) in ${dir}. Next: unmodule ${flags.mode === 'state-mv' ? 'migrate' : 'verify'} ${shellWord(args.dir)}${keptNested(refactor) ? ' (it installs the kept nested modules with terraform get first)' : ''}`
          : `\nDry run: nothing was written. Add --write to apply these ${changes.length} file change(s).`,
      );
    }
    return { refactor: { ...refactor, edits: refactor.edits.map((e) => ({ path: e.path })) }, changes, written, dryRun: !flags.write };
  }
}

/** True when the refactor kept nested module calls (new root calls that need installing). */
function keptNested(r: Refactor): boolean {
  return r.moves.some((m) => /^module\.[^.]+$/.test(m.to));
}

/** `aws_s3_bucket.this=data_bucket` pairs → the engine's name overrides. */
function parseRenames(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const m = new RegExp(`^((?:data\\.)?${IDENTIFIER}\\.${IDENTIFIER})=(.+)$`, 'u').exec(p);
    if (!m) throw new UsageError(`--rename ${JSON.stringify(p)}: expected TYPE.NAME=NEW, e.g. --rename aws_s3_bucket.this=data_bucket`, '--rename');
    if (!new RegExp(`^${IDENTIFIER}$`, 'u').test(m[2]!)) throw new UsageError(`--rename ${JSON.stringify(p)}: ${JSON.stringify(m[2])} is not a valid Terraform name; use letters, digits, _ and -, not starting with a digit`, '--rename');
    out[m[1]!] = m[2]!;
  }
  return out;
}
