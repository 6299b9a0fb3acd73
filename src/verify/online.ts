// `verify` in place: a real plan in the service directory with its own backend and credentials.
import { join } from 'node:path';
import type { Move } from '../migrate/move.js';
import { plan, planStream, type PlanOptions } from '../terraform/plan.js';
import { prestartedPlanFile } from '../terraform/prestart.js';
import type { TerraformOptions } from '../terraform/runner.js';
import { showPlan } from '../terraform/show.js';
import type { PlanJson } from '../terraform/types.js';
import { judgePlanStream } from './stream-verdict.js';
import { judgePlan, type PlanVerdict } from './verdict.js';
import { removeScratch, scratchDir } from '../scratch.js';

/** Plan options the caller may set for an in-place verification (the plan file is ours). */
export type InPlacePlanOptions = Omit<PlanOptions, 'out'>;

/** Plans `dir` and shows the plan as JSON; the plan file lives in a temp dir that is removed after. */
export async function planJson(dir: string, tf: Omit<TerraformOptions, 'cwd'>, o: InPlacePlanOptions = {}): Promise<PlanJson> {
  // Outside the service dir: a stray plan file there would be committed or picked up by others.
  const tmp = scratchDir('unmodule-plan');
  try {
    const opts = { ...tf, cwd: dir };
    const res = await plan(opts, { ...o, out: join(tmp, 'unmodule.tfplan') });
    return await showPlan(opts, res.planFile);
  } finally {
    await removeScratch(tmp);
  }
}

/**
 * Plans `dir` as it is configured (backend, credentials) and judges the plan against expectedMoves.
 * One plan run with `-json -out`: a zero-change stream is the verdict; only a plan with changes
 * (or one the stream cannot prove clean) pays for `show -json` of the saved file.
 */
export async function verifyInPlace(
  dir: string,
  tf: Omit<TerraformOptions, 'cwd'> & Partial<Pick<TerraformOptions, 'cwd'>>,
  expectedMoves?: Move[],
  o: InPlacePlanOptions = {},
  /** A scratch directory of the caller's to hold the plan file (else one is made and removed). */
  planDir?: string,
): Promise<PlanVerdict> {
  // bin/run.js may already be running this plan (a plain `unmodule verify DIR`): ask for its plan
  // file, and the runner takes that run over if the rest of the argv agrees too.
  const early = Object.keys(o).length === 0 && !planDir ? prestartedPlanFile(dir) : undefined;
  const tmp = early || planDir ? undefined : scratchDir('unmodule-plan');
  try {
    const opts = { ...tf, cwd: dir };
    const res = await planStream(opts, { ...o, out: early ?? join(planDir ?? tmp!, 'unmodule.tfplan') });
    // The refresh hooks list the prior state's instances; without refresh the stream has no prior.
    const refreshed = o.refresh !== false && !(o.extraArgs ?? []).some((a) => /^-refresh(=false|-only)/.test(a));
    const prior = refreshed ? res.stream.refreshed : undefined;
    return judgePlanStream(res.stream, expectedMoves, prior) ?? judgePlan(await showPlan(opts, res.planFile), expectedMoves);
  } finally {
    // A prestarted run's plan file goes with the process (prestart.ts removes it at exit).
    if (tmp) await removeScratch(tmp);
  }
}
