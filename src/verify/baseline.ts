// `verify --baseline`: what would the plan change before the refactor? Plan the pre-refactor
// config (from git HEAD, or a copy) against the same real state, and count only the changes the
// refactor introduced; drift or pending changes that were there before are reported separately.
import { realpath } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { resolveAddress } from '../migrate/chain.js';
import type { Move } from '../migrate/move.js';
import { prepareStateWorkspace } from '../migrate/workspace.js';
import { runGit } from '../sources/git.js';
import { init, statePull, type TerraformOptions } from '../terraform/index.js';
import { planJson } from './online.js';
import { detailLines, renderVerdict } from './render.js';
import { jsonEqual, judgePlan, type OutputChangeSummary, type PlanVerdict, type ResourceChangeSummary } from './verdict.js';
import { removeScratch, scratchDir } from '../scratch.js';

/** Inputs of a baseline verification. */
export interface BaselineInput {
  dir: string;
  /** The pre-refactor service directory; default: DIR as committed at git HEAD. */
  original?: string;
  expectedMoves?: Move[];
  tf?: Omit<TerraformOptions, 'cwd'>;
}

/** The refactor's verdict with pre-existing changes set aside. */
export interface BaselineVerdict extends PlanVerdict {
  /** Where the pre-refactor config came from: `git HEAD <sha>` or a directory. */
  baselineSource: string;
  /** Changes the pre-refactor config plans too (same object, action and attribute diffs): not counted. */
  preExisting: ResourceChangeSummary[];
  preExistingOutputs: OutputChangeSummary[];
  /** The pre-refactor plan's own verdict. */
  baseline: PlanVerdict;
}

/** Plans DIR and its pre-refactor config against the same state; only refactor-caused changes fail. */
export async function verifyWithBaseline(input: BaselineInput): Promise<BaselineVerdict> {
  const temp = scratchDir('unmodule-baseline');
  try {
    const tf = input.tf ?? {};
    const { dir: originalDir, source } = input.original ? { dir: input.original, source: input.original } : await exportHead(input.dir, join(temp, 'head'));
    const raw = (await statePull({ ...tf, cwd: input.dir })).raw;
    const ws = await prepareStateWorkspace(originalDir, join(temp, 'ws'), raw, input.dir);
    const env = { ...tf.env, TF_DATA_DIR: undefined, TF_WORKSPACE: undefined };
    const [after, before] = await Promise.all([
      planJson(input.dir, tf),
      init({ ...tf, cwd: ws.dir, env }).then(() => planJson(ws.dir, { ...tf, env }, { lock: false })),
    ]);
    return splitByBaseline(judgePlan(after, input.expectedMoves), judgePlan(before), input.expectedMoves ?? [], source);
  } finally {
    await removeScratch(temp);
  }
}

/** Sets aside the changes of `v` that `baseline` has too; zeroChange then counts only the rest. */
export function splitByBaseline(v: PlanVerdict, baseline: PlanVerdict, moves: Move[], source: string): BaselineVerdict {
  // The same object before the refactor: the plan's previous address, or the baseline's address
  // carried through the moves (an object not in state has no previous address).
  const same = (c: ResourceChangeSummary, b: ResourceChangeSummary) =>
    (b.address === c.address || b.address === c.previousAddress || resolveAddress(b.address, moves) === c.address) &&
    b.action === c.action &&
    jsonEqual(b.attributes.map(({ path, before, after }) => ({ path, before, after })), c.attributes.map(({ path, before, after }) => ({ path, before, after })));
  const preExisting = v.changes.filter((c) => baseline.changes.some((b) => same(c, b)));
  const changes = v.changes.filter((c) => !preExisting.includes(c));
  const preExistingOutputs = v.outputChanges.filter((o) => baseline.outputChanges.some((b) => b.name === o.name && jsonEqual(b.before, o.before) && jsonEqual(b.after, o.after)));
  const outputChanges = v.outputChanges.filter((o) => !preExistingOutputs.includes(o));
  const zeroChange = changes.length === 0 && outputChanges.length === 0 && v.unexpectedMoves.length === 0 && v.missingMoves.length === 0 && v.problems.length === 0;
  return { ...v, zeroChange, changes, outputChanges, preExisting, preExistingOutputs, baseline, baselineSource: source };
}

/** The verdict, then what was already planned before the refactor. */
export function renderBaselineVerdict(v: BaselineVerdict): string {
  const lines = [renderVerdict(v)];
  const n = v.preExisting.length + v.preExistingOutputs.length;
  if (n === 0) {
    lines.push(`Baseline (${v.baselineSource}): nothing was pending before the refactor.`);
  } else {
    lines.push(`Pre-existing, not caused by the refactor (the config at ${v.baselineSource} plans the same ${n} change${n === 1 ? '' : 's'}; not counted):`);
    lines.push(...detailLines({ ...v, changes: v.preExisting, outputChanges: v.preExistingOutputs, unexpectedMoves: [], missingMoves: [], problems: [] }).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

// DIR as committed at HEAD, at the same place in a shared clone of its repository (read-only for
// the user's repo: a --shared clone borrows objects and writes nothing back).
async function exportHead(dir: string, to: string): Promise<{ dir: string; source: string }> {
  const top = (await runGit(['rev-parse', '--show-toplevel'], { cwd: dir })).trim();
  const sha = (await runGit(['rev-parse', 'HEAD'], { cwd: dir })).trim();
  await runGit(['clone', '--quiet', '--shared', '--no-checkout', '--', top, to]);
  await runGit(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', sha], { cwd: to });
  return { dir: join(to, relative(top, await realpath(dir))), source: `git HEAD ${sha.slice(0, 12)}` };
}
