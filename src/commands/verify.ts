import { Args, Command, Flags } from '@oclif/core';
import { resolve } from 'node:path';
import { fail, terraformBinFlag } from '../cli/common.js';
import { loadModule } from '../config/load.js';
import { declaredMoves } from '../config/moved.js';
import { verifyInPlace } from '../verify/online.js';
import { verifyOffline } from '../verify/offline.js';
import { renderVerdict } from '../verify/render.js';
import type { PlanVerdict } from '../verify/verdict.js';

/** What `unmodule verify` concluded. */
export interface VerifyResult {
  dir: string;
  mode: 'in-place' | 'offline';
  verdict: PlanVerdict;
}

export default class Verify extends Command {
  static override summary = 'Prove with terraform plan that a refactor changes nothing.';

  static override description = `Runs terraform plan and judges it from the plan JSON: zero change means every resource is a
no-op (data sources may be read) and the only moves are the ones the moved blocks declare. A plan
with only moves exits 2 under -detailed-exitcode and never says "No changes", so the plan's own
exit code is not the verdict.

In place (default): a real plan in DIR with its backend and credentials.
--offline: no credentials and no backend. The original configuration (--original) and DIR are
copied to temp dirs with local-backend and mock-provider overrides; the original is planned, its
state synthesized from the planned values and the provider schemas, and DIR is planned against
that state with -refresh=false. Zero change there means the two configurations are equivalent.

Exit codes: 0 zero change, 2 changes found, 1 error.`;

  static override examples = [
    { description: 'Real plan in the service directory', command: '<%= config.bin %> <%= command.id %> services/alpha' },
    { description: 'No credentials: compare against the pre-refactor copy', command: '<%= config.bin %> <%= command.id %> services/alpha --offline --original /tmp/alpha-before' },
  ];

  static override enableJsonFlag = true;

  static override args = {
    dir: Args.directory({ description: 'Service directory after the refactor.', default: '.' }),
  };

  static override flags = {
    offline: Flags.boolean({ description: 'Verify without credentials or backend (equivalence against --original).', default: false }),
    original: Flags.directory({ description: 'With --offline: the service directory as it was before the refactor.' }),
    'terraform-bin': terraformBinFlag,
  };

  async run(): Promise<VerifyResult> {
    const { args, flags } = await this.parse(Verify);
    const dir = resolve(args.dir);
    const tf = { bin: flags['terraform-bin'] };
    try {
      const expectedMoves = declaredMoves(await loadModule(dir));
      let verdict: PlanVerdict;
      if (flags.offline) {
        if (!flags.original) this.error('--offline needs the pre-refactor configuration: pass --original DIR (a copy of the service before `unmodule inline --write`)', { exit: 1 });
        verdict = await verifyOffline({ originalDir: resolve(flags.original), rewrittenDir: dir, expectedMoves, tf });
      } else {
        verdict = await verifyInPlace(dir, tf, expectedMoves);
      }
      if (!this.jsonEnabled()) this.log(renderVerdict(verdict));
      // Like terraform's -detailed-exitcode: 2 means the plan would change something.
      if (!verdict.zeroChange) process.exitCode = 2;
      return { dir, mode: flags.offline ? 'offline' : 'in-place', verdict };
    } catch (err) {
      return fail(this, err);
    }
  }
}
