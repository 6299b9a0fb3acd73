import { Args, Flags } from '@oclif/core';
import { terraformBin, terraformBinFlag } from '../cli/common.js';
import { UnmoduleCommand } from '../cli/command.js';
import { existingDir, existingFile } from '../cli/paths.js';
import { UsageError } from '../errors.js';
import { initProblemFor } from '../batch/init.js';
import { loadModule } from '../config/load.js';
import { shellWord } from '../shell.js';
import { NotInitialisedError } from '../terraform/errors.js';
import { declaredMoves } from '../config/moved.js';
import { renderBaselineVerdict, verifyWithBaseline, type BaselineVerdict } from '../verify/baseline.js';
import { ensureModulesInstalled } from '../verify/modules.js';
import { verifyInPlace } from '../verify/online.js';
import { verifyOffline } from '../verify/offline.js';
import { attachOrigins } from '../verify/origin.js';
import { verifyPreplanned } from '../verify/preplanned.js';
import { applyHint, renderVerdict } from '../verify/render.js';
import type { PlanVerdict } from '../verify/verdict.js';

/** What `unmodule verify` concluded. */
export interface VerifyResult {
  dir: string;
  mode: 'in-place' | 'offline' | 'baseline' | 'preplanned';
  verdict: PlanVerdict;
}

export default class Verify extends UnmoduleCommand {
  static override summary = 'Prove with terraform plan that a refactor changes nothing.';

  static override description = `Runs terraform plan and judges it from the plan JSON: zero change means every resource is a no-op (data sources may be read) and the only moves are the ones the moved blocks declare. A plan with only moves exits 2 under -detailed-exitcode and never says "No changes", so the plan's own exit code is not the verdict.

- In place (default): a real plan in DIR with its backend and credentials.
- --offline: no credentials and no backend. The original configuration (--original) and DIR are copied to temp dirs with local-backend and mock-provider overrides; the original is planned, its state synthesized from the planned values and the provider schemas, and DIR is planned against that state with -refresh=false. Zero change there means the two configurations are equivalent.
- --baseline: also plan the pre-refactor config (git HEAD, or --original DIR) against the same state; changes it plans too (drift, unapplied edits) are reported as pre-existing and do not fail.
- --preplanned FILE: judge plan JSON made elsewhere (terraform show -json of a remote/HCP plan).

Each change is printed with its attribute, before and after, and the file:line in DIR behind it.

Exit codes: 0 zero change, 2 changes found, 1 error.`;

  static override examples = [
    { description: 'Real plan in the service directory', command: '<%= config.bin %> <%= command.id %> services/alpha' },
    { description: 'No credentials: compare against the pre-refactor copy', command: '<%= config.bin %> <%= command.id %> services/alpha --offline --original /tmp/alpha-before' },
    { description: 'Drift from before the refactor does not fail it', command: '<%= config.bin %> <%= command.id %> services/alpha --baseline' },
    { description: 'Judge a remote plan', command: '<%= config.bin %> <%= command.id %> services/alpha --preplanned plan.json' },
  ];

  static override enableJsonFlag = true;

  static override args = {
    dir: Args.directory({ description: 'Service directory after the refactor.', default: '.' }),
  };

  static override flags = {
    offline: Flags.boolean({ description: 'Verify without credentials or backend (equivalence against --original).', default: false }),
    original: Flags.directory({ description: 'With --offline or --baseline: the service directory as it was before the refactor.' }),
    baseline: Flags.boolean({ description: 'Set aside changes the pre-refactor config (git HEAD, or --original) plans too.', default: false, exclusive: ['offline'] }),
    preplanned: Flags.file({ description: 'Judge this plan JSON (terraform show -json) instead of planning.', helpValue: 'FILE', exclusive: ['offline', 'baseline'] }),
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<VerifyResult> {
    const { args, flags } = await this.parse(Verify);
    const dir = existingDir(args.dir, 'service directory');
    if (flags.offline && !flags.original) throw new UsageError('--offline needs the pre-refactor configuration: pass --original DIR (a copy of the service before `unmodule inline --write`)', '--original');
    const original = flags.original ? existingDir(flags.original, '--original') : undefined;
    const preplanned = flags.preplanned ? existingFile(flags.preplanned, '--preplanned') : undefined;
    const tf = { bin: terraformBin(flags['terraform-bin']) };
    const config = await loadModule(dir);
    const expectedMoves = declaredMoves(config);
    let verdict: PlanVerdict;
    let mode: VerifyResult['mode'] = flags.offline ? 'offline' : 'in-place';
    if (preplanned) {
      mode = 'preplanned';
      verdict = await verifyPreplanned(preplanned, expectedMoves);
    } else if (flags.baseline) {
      mode = 'baseline';
      verdict = await verifyWithBaseline({ dir, expectedMoves, tf, ...(original ? { original } : {}) });
    } else if (original) {
      verdict = await verifyOffline({ originalDir: original, rewrittenDir: dir, expectedMoves, tf });
    } else {
      const installed = await ensureModulesInstalled(dir, tf, config);
      if (installed.length && !this.jsonEnabled()) this.log(`Installed module(s) the refactor added: ${installed.join(', ')} (terraform get).`);
      // Never initialised: terraform would stop at "run terraform init"; say so before it starts.
      const why = await initProblemFor(dir, config);
      if (why) throw new NotInitialisedError(dir, why, { bin: tf.bin, offline: `unmodule verify ${shellWord(args.dir)} --offline --original DIR` });
      verdict = await verifyInPlace(dir, tf, expectedMoves);
    }
    // Point each change at the line that produced it: the written files are what a reader fixes.
    if (!verdict.zeroChange) verdict = attachOrigins(verdict, config);
    if (!this.jsonEnabled()) this.log(mode === 'baseline' ? renderBaselineVerdict(verdict as BaselineVerdict) : renderVerdict(verdict));
    const hint = verdict.zeroChange && mode !== 'offline' ? applyHint(verdict.moves.length, args.dir) : undefined;
    if (hint && !this.jsonEnabled()) this.log(`\n${hint}`);
    // Like terraform's -detailed-exitcode: 2 means the plan would change something.
    if (!verdict.zeroChange) process.exitCode = 2;
    return { dir, mode, verdict };
  }
}
