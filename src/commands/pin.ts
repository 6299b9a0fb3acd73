import { Args, Flags } from '@oclif/core';
import { relative } from 'node:path';
import { terraformBin, terraformBinFlag } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { UsageError, UserError } from '../errors.js';
import { fleetReport, renderFleet, type FleetReport } from '../sources/fleet.js';
import { freeze } from '../sources/freeze.js';
import type { CallFinding, ServiceResult } from '../sources/service.js';

/** One service in the JSON result (file texts left out; the diff carries the change). */
export interface PinServiceResult extends Omit<ServiceResult, 'files'> {
  files: string[];
}

/** What `unmodule pin` did (or would do, in a dry run), and the fleet view with --report. */
export interface PinResult {
  services: PinServiceResult[];
  changed: number;
  unchanged: number;
  failed: number;
  dryRun: boolean;
  report?: FleetReport;
}

export default class Pin extends UnmoduleCommand {
  static override summary = 'Freeze floating module refs at what each service has deployed now.';

  static override description = `Step 1 of the escape plan. Finds the service directories under DIRS (recursively, skipping .terraform) and, in each, every module call whose source floats:

- git with no ?ref= or a branch ref → the commit terraform init installed in that service (or its release tag, e.g. ?ref=v1.4.2)
- registry with no version or a range → the version terraform init installed (modules.json)

A service never initialised is pinned to what its git ref names on the remote now (git ls-remote); a registry call there is an error asking for terraform init. Tags stay as they are unless --digest pins them to the commit hash, keeping the tag as a trailing comment. Only the source and version text changes; comments and layout stay. Local paths are left alone; http/s3/gcs archives are reported, not pinned.

Nothing is written without --write: the default prints a unified diff per service. With --write each service's files are written all or none; a service that fails (unreachable remote, unknown ref, malformed source, never initialised) is reported and the others still complete.

--report prints the fleet view instead: module × service × ref × deployed × floating/pinned, with modules that services run at different versions flagged.

Exit codes: 0 every service done, 3 some services failed, 1 all failed or bad input. Afterwards run terraform init in changed services (the source text changed; the code did not).`;

  static override examples = [
    { description: 'Preview pins for every service under services/', command: '<%= config.bin %> <%= command.id %> services' },
    { description: 'Write them', command: '<%= config.bin %> <%= command.id %> services --write' },
    { description: 'Only the private-bucket module, tags pinned to commit hashes', command: '<%= config.bin %> <%= command.id %> services --module "*terraform-modules.git//s3/private-bucket" --digest --write' },
    { description: 'Fleet view: which service runs which version', command: '<%= config.bin %> <%= command.id %> services --report' },
  ];

  static override enableJsonFlag = true;
  static override strict = false;

  static override args = {
    dirs: Args.directory({ description: 'Service directories, or folders containing them (default: current directory).' }),
  };

  static override flags = {
    write: Flags.boolean({ description: 'Write the pins (default: dry run showing the diff).', default: false, exclusive: ['report'] }),
    digest: Flags.boolean({ description: 'Pin tags to their commit hash too (?ref=<sha> # v1.4.2): immune to a moved tag.', default: false }),
    module: Flags.string({
      char: 'm',
      description: 'Only module sources containing PATTERN, or matching it as a glob with *; the ref is not part of the match.',
      helpValue: 'PATTERN',
    }),
    report: Flags.boolean({ description: 'Print the fleet view (module × service × ref × status) instead of diffs; writes nothing.', default: false }),
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<PinResult> {
    const { argv, flags } = await this.parse(Pin);
    const dirs = (argv as string[]).length > 0 ? (argv as string[]) : ['.'];
    const result = await freeze(dirs, { write: flags.write, digest: flags.digest, module: flags.module, terraform: { bin: terraformBin(flags['terraform-bin']) } });
    if (result.services.length === 0) throw new UserError(`no .tf files found under ${dirs.join(', ')}; pass the directories that hold your services`);
    if (flags.module && result.failed === 0 && result.services.every((s) => s.calls.length === 0)) {
      throw new UsageError(`no module source matches --module ${JSON.stringify(flags.module)}; give part of a source (e.g. terraform-modules.git//s3) or a glob with *`, '--module');
    }
    const report = flags.report ? fleetReport(result.services) : undefined;
    if (!this.jsonEnabled()) this.log(report ? renderFleet(report) : renderRun(result.services, flags.write));
    if (result.failed > 0) process.exitCode = result.failed === result.services.length ? 1 : 3;
    return {
      services: result.services.map((s) => ({ ...s, files: s.files.map((f) => f.path) })),
      changed: result.changed,
      unchanged: result.unchanged,
      failed: result.failed,
      dryRun: !flags.write,
      report,
    };
  }
}

function renderRun(services: ServiceResult[], write: boolean): string {
  const out: string[] = [];
  for (const s of services) {
    const name = relative(process.cwd(), s.dir) || '.';
    const pins = s.calls.filter((c) => c.pin);
    if (s.status === 'failed') {
      out.push(`✗ ${name}: failed, nothing written`, ...s.errors.map((e) => `    ${e}`));
    } else if (s.status === 'unchanged') {
      out.push(`✓ ${name}: nothing floating (${s.calls.length} module call(s))`);
    } else {
      out.push(`${write ? '✓' : '•'} ${name}: ${pins.length} call(s) ${write ? 'pinned' : 'to pin'}`, ...pins.map(describePin));
      out.push(s.diff.trimEnd());
    }
    for (const c of s.calls) for (const n of c.notes) out.push(`    note: module "${c.key}": ${n}`);
  }
  const changed = services.filter((s) => s.status === 'changed').length;
  const failed = services.filter((s) => s.status === 'failed').length;
  out.push('');
  out.push(`${services.length} service(s): ${changed} ${write ? 'written' : 'to change'}, ${services.length - changed - failed} unchanged, ${failed} failed.`);
  if (!write && changed > 0) out.push('Dry run: nothing was written. Add --write to apply, then run terraform init in the changed services.');
  if (write && changed > 0) out.push('Next: terraform init in the changed services (same code, pinned source).');
  return out.join('\n');
}

function describePin(c: CallFinding): string {
  const from = c.ref === undefined ? (c.kind === 'registry' ? 'no version' : 'no ref') : c.ref;
  const to = c.pin!.version ?? /[?&]ref=([^&]*)/.exec(c.pin!.source ?? '')?.[1] ?? '';
  return `    module "${c.key}": ${from} → ${decodeURIComponent(to)}${c.pin!.comment ? ` (${c.pin!.comment})` : ''}`;
}
