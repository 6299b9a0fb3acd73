// `verify --offline`: are two configurations equivalent, with no credentials and no backend?
// Plan the original against an empty local state, synthesize the state an apply would leave
// (planned values + provider schemas), then plan both configs against that state with
// -refresh=false. The original must come out zero-change (else the oracle itself is wrong and we
// say so); the rewritten one is then judged like a real plan.
import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import { existsSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Move } from '../migrate/move.js';
import { init } from '../terraform/init.js';
import { TerraformError } from '../terraform/errors.js';
import { formatKey } from '../config/address.js';
import { plan, planStream } from '../terraform/plan.js';
import { reusableProvidersSchema } from '../terraform/providers.js';
import type { TerraformOptions } from '../terraform/runner.js';
import { showPlan } from '../terraform/show.js';
import type { PlanJson, ProviderSchemasJson, RawStateV4 } from '../terraform/types.js';
import { prepareOfflineWorkspace, type OfflineWorkspace } from './offline-workspace.js';
import { OFFLINE_ACCOUNT_ID, startStsLoopback } from './sts-loopback.js';
import { afterMoves, judgePlanStream } from './stream-verdict.js';
import { synthesize, type Synthesis } from './synthesize-state.js';
import { jsonEqual, judgePlan, ORACLE_FAILED, type PlanVerdict } from './verdict.js';
import { removeScratch, scratchDir } from '../scratch.js';
import { UserError, type ErrorLocation } from '../errors.js';
import { isInside } from '../paths.js';

const debug = createDebug('unmodule:verify');

export { ORACLE_FAILED };

/** Inputs of an offline verification. */
export interface OfflineInput {
  originalDir: string;
  rewrittenDir: string;
  expectedMoves?: Move[];
  /** Binary and extra env; cwd is ours. The user's CLI config (provider mirror) is honoured. */
  tf?: Omit<TerraformOptions, 'cwd'>;
  /** Passed to every plan of both configs (e.g. the service's tfvars). */
  varFiles?: string[];
  vars?: Record<string, string>;
  /** Synthesis rounds before giving up; each resolves one more level of references to computed attributes. */
  maxRounds?: number;
  /** Leave the temp copies on disk (their path is in the result) for debugging. */
  keepTemp?: boolean;
}

/** Milliseconds spent per phase. */
export interface OfflineTimings {
  copyMs: number;
  initMs: number;
  firstPlanMs: number;
  roundsMs: number[];
  totalMs: number;
}

/** The verdict on the rewritten config, plus how the oracle got there. */
export interface OfflineVerdict extends PlanVerdict {
  /** True when the oracle failed: the refactor was not judged; zeroChange is false and problems say why. */
  inconclusive: boolean;
  /** The original config planned against the synthesized state (must be zero change). */
  oracle: PlanVerdict;
  /** Synthesis rounds used. */
  rounds: number;
  timings: OfflineTimings;
  /** The temp root, when keepTemp was set. */
  tempRoot?: string;
}

/** Offline equivalence check of rewrittenDir against originalDir (see DESIGN.md, verify --offline). */
export async function verifyOffline(input: OfflineInput): Promise<OfflineVerdict> {
  const started = Date.now();
  const timings: OfflineTimings = { copyMs: 0, initMs: 0, firstPlanMs: 0, roundsMs: [], totalMs: 0 };
  const temp = scratchDir('unmodule-offline');
  const region = offlineRegion();
  // Answers data.aws_caller_identity for both configs (same fixed account, so ARNs built from it agree).
  const sts = await startStsLoopback();
  try {
    let t = Date.now();
    const [orig, rewr] = await settled([
      prepareOfflineWorkspace(input.originalDir, join(temp, 'original'), region, sts.endpoint),
      prepareOfflineWorkspace(input.rewrittenDir, join(temp, 'rewritten'), region, sts.endpoint),
    ]);
    timings.copyMs = Date.now() - t;

    const env = offlineEnv(input.tf?.env);
    const optsFor = (w: OfflineWorkspace): TerraformOptions => ({ ...(input.tf?.bin ? { bin: input.tf.bin } : {}), cwd: w.dir, env });
    const o = optsFor(orig);
    const r = optsFor(rewr);
    t = Date.now();
    await initBoth(o, r);
    timings.initMs = Date.now() - t;

    const planArgs = { refresh: false, lock: false, ...(input.varFiles ? { varFiles: input.varFiles } : {}), ...(input.vars ? { vars: input.vars } : {}) };
    const planOf = async (opts: TerraformOptions, name: string): Promise<PlanJson> => {
      const out = join(temp, `${name}-${randomUUID()}.tfplan`);
      await plan(opts, { ...planArgs, out });
      return showPlan(opts, out);
    };
    // The rewritten config against a state: the stream is the verdict when it shows zero change
    // (its prior is the state we wrote), else `show -json` of the same plan file for the details.
    const judgeRewritten = async (against: RawStateV4): Promise<PlanVerdict> => {
      const out = join(temp, `rewritten-${randomUUID()}.tfplan`);
      const res = await planStream(r, { ...planArgs, out }).catch((err: unknown) => {
        throw rewrittenUnplannable(err, r.cwd, input.rewrittenDir);
      });
      const prior = afterMoves(res.stream, managedAddresses(against));
      return judgePlanStream(res.stream, input.expectedMoves, prior) ?? judgePlan(await showPlan(r, out), input.expectedMoves);
    };
    // The oracle of a round: exit 0 under -detailed-exitcode is Terraform saying "no changes"
    // (the original config has no pending moves to hide behind an exit 2), so the ~3 s of
    // `show -json` (it starts the provider again) is only paid when there is a diff to read.
    const oracleOf = async (): Promise<{ verdict: PlanVerdict; plan?: PlanJson }> => {
      const out = join(temp, `original-${randomUUID()}.tfplan`);
      try {
        const res = await plan(o, { ...planArgs, out });
        if (res.exitCode === 0) return { verdict: { ...EMPTY_VERDICT, zeroChange: true, unchanged: instanceCount(state) } };
        const p = await showPlan(o, out);
        return { verdict: judgePlan(p, []), plan: p };
      } catch (err) {
        // The same config planned fine against an empty state: an error now comes from the state
        // we made up (a provider check on a synthetic value), which is the oracle's failure.
        if (!(err instanceof TerraformError)) throw err;
        return { verdict: { ...EMPTY_VERDICT, problems: [`the original config does not plan against the synthesized state: ${err.message}`] } };
      }
    };

    t = Date.now();
    // The schemas are the same for every service with the same providers: a batch asks once.
    const [first, known] = await settled([planOf(o, 'original-empty'), reusableProvidersSchema(o)]);
    const schemas = known.reused && !coversPlan(known.schemas, first) ? (await reusableProvidersSchema(o, { fresh: true })).schemas : known.schemas;
    timings.firstPlanMs = Date.now() - t;

    const initial = synthesize({ plan: first, schemas, lineage: randomUUID(), serial: 1 });
    let state = initial.state;
    let speculate = likelyFinal(initial);
    const maxRounds = input.maxRounds ?? 5;
    let oracle: PlanVerdict = judgePlan(first, []);
    let verdict: PlanVerdict | undefined;
    let round = 0;
    while (round < maxRounds) {
      round++;
      t = Date.now();
      const text = JSON.stringify(state, null, 2) + '\n';
      await Promise.all([writeFile(orig.statePath, text), writeFile(rewr.statePath, text)]);
      // When this state is probably final, plan the rewritten config alongside the oracle instead
      // of after it; when it probably is not, that plan would be wasted CPU on a busy machine.
      const [oracleRun, speculative] = await Promise.allSettled([oracleOf(), speculate ? judgeRewritten(state) : undefined]);
      if (oracleRun.status === 'rejected') throw oracleRun.reason;
      oracle = oracleRun.value.verdict;
      if (oracle.zeroChange) {
        // Against a state the original plans clean with, a failing rewritten plan is the rewrite's error.
        if (speculative.status === 'rejected') throw speculative.reason;
        verdict = speculative.value ?? (await judgeRewritten(state));
        timings.roundsMs.push(Date.now() - t);
        break;
      }
      timings.roundsMs.push(Date.now() - t);
      const oraclePlan = oracleRun.value.plan;
      const next = oraclePlan && resynthesize(oraclePlan, schemas, state, round + 1);
      if (!next) break; // no progress: the provider plans a diff our synthesis cannot remove
      state = next.state;
      speculate = likelyFinal(next);
    }
    timings.totalMs = Date.now() - started;
    const extra = { oracle, rounds: round, timings, ...(input.keepTemp ? { tempRoot: temp } : {}) };
    if (verdict) return { ...verdict, inconclusive: false, ...extra };
    return {
      ...EMPTY_VERDICT,
      movesChecked: input.expectedMoves !== undefined,
      problems: [ORACLE_FAILED, ...oracle.problems],
      inconclusive: true,
      ...extra,
    };
  } catch (err) {
    throw offlineUnreadable(err) ?? inUserTerms(err, [
      { copy: join(temp, 'original'), user: input.originalDir, what: 'the original configuration', original: true },
      { copy: join(temp, 'rewritten'), user: input.rewrittenDir, what: 'the rewritten configuration', original: false },
    ]);
  } finally {
    await sts.close();
    if (!input.keepTemp) await removeScratch(temp);
  }
}

/** A data source offline mode cannot read (it needs AWS), with terraform's own words and the line. */
export class OfflineDataSourceError extends UserError {
  override name = 'OfflineDataSourceError';
  /** The data source addresses that failed, as terraform printed them. */
  readonly addresses: string[];

  constructor(addresses: string[], message: string) {
    super(message);
    this.addresses = addresses;
  }
}

// The SDK's words for a request that never got an answer, or got AWS's answer to mock credentials.
const NETWORK_FAILURE = /request send failed|dial tcp|no such host|connection refused|i\/o timeout|https? response error|api error|InvalidClientTokenId|AuthFailure|security token/i;

// A data source read that failed for want of the network becomes an error that names it and says
// why offline mode cannot help; any other terraform error is left as it is.
function offlineUnreadable(err: unknown): OfflineDataSourceError | undefined {
  if (!(err instanceof TerraformError)) return undefined;
  const unreadable = err.diagnostics.filter((d) => d.address && /(^|\.)data\./.test(d.address) && NETWORK_FAILURE.test(`${d.summary} ${d.detail}`));
  if (unreadable.length === 0) return undefined;
  const lines = unreadable.map(
    (d) => `offline mode cannot read ${d.address}${d.location ? ` (${d.location})` : ''}: it needs AWS, which verify --offline has no access to\n  terraform said: ${d.summary}`,
  );
  lines.push(
    `Only aws_caller_identity (answered with account ${OFFLINE_ACCOUNT_ID}) and data sources computed locally (aws_iam_policy_document, aws_partition, aws_region, ...) work offline; run \`unmodule verify\` with credentials for this service.`,
  );
  return new OfflineDataSourceError(
    unreadable.map((d) => d.address!),
    lines.join('\n'),
  );
}

/**
 * The rewritten config failed to plan against a state the original plans clean with (or alongside
 * it): whatever terraform says is about the rewrite, so the verdict is "not equivalent", with
 * terraform's own file:line in the rewritten directory.
 */
export class RewrittenPlanError extends UserError {
  override name = 'RewrittenPlanError';
}

// Data sources that need AWS fail the original too and are reported as such (offlineUnreadable);
// any other terraform error of the rewritten plan is the rewrite's. Its file is named in the
// user's directory, not in the temporary copy (gone when verify ends).
function rewrittenUnplannable(err: unknown, copyDir: string, userDir: string): unknown {
  if (!(err instanceof TerraformError) || offlineUnreadable(err)) return err;
  const { message, location } = userView(err, copyDir, userDir);
  return new RewrittenPlanError(
    `the rewritten configuration does not plan, while the original plans with no changes against the same state, so the two are not equivalent:\n${message}\n` +
      'Fix the rewritten files at the place terraform names (when unmodule wrote them, this is an unmodule bug: please report it with this message).',
    location,
  );
}

/** A terraform failure in a temporary copy of one of the two configurations (init or plan). */
export class OfflineRunError extends UserError {
  override name = 'OfflineRunError';
}

const NO_PROVIDERS =
  'verify --offline installs providers without the network: give terraform a local mirror or plugin cache that holds them (provider_installation { filesystem_mirror { ... } } or plugin_cache_dir in the file TF_CLI_CONFIG_FILE names), or verify online (unmodule verify DIR) in an initialised directory.';
const ORIGINAL_UNPLANNABLE =
  'The offline comparison needs the original to plan without AWS; terraform refused it as it stands. When that is a count or for_each that needs values known only after apply, or a provider check that calls AWS, verify online instead: unmodule verify DIR in the initialised service.';
const REWRITTEN_BROKEN = 'Fix the rewritten files at the place terraform names (when unmodule wrote them, this is an unmodule bug: please report it with this message).';

/**
 * A terraform error of a temporary copy, told in the user's terms: which configuration it was, its
 * files where the user has them, what to do, and no command line to paste (it ran in a copy set
 * up for offline planning, removed when verify ends). Any other error is returned as it is.
 */
function inUserTerms(err: unknown, copies: { copy: string; user: string; what: string; original: boolean }[]): unknown {
  if (!(err instanceof TerraformError)) return err;
  const c = copies.find((x) => isInside(err.cwd, x.copy, { orSame: true }));
  if (!c) return err;
  const { message, location } = userView(err, c.copy, c.user);
  const [head = '', ...rest] = message.split('\n');
  const installing = err.argv[1] === 'init' && /provider/i.test(message) && /registry|could not connect|failed to (query|install)|no available releases/i.test(message);
  const advice = installing ? NO_PROVIDERS : !c.original ? REWRITTEN_BROKEN : err.argv[1] === 'plan' ? ORIGINAL_UNPLANNABLE : undefined;
  return new OfflineRunError(
    [`${head.replace(/ in a temporary copy of .*$/, '')} on ${c.what} (${c.user}), in its offline copy:`, ...rest, ...(advice ? [advice] : [])].join('\n'),
    location,
  );
}

/**
 * err's message and location with the temporary copy named as the user's directory: the headline's
 * "in COPY" says it was a copy, file paths under COPY become the user's, and the command line
 * (offline environment, temporary paths) goes.
 */
function userView(err: TerraformError, copyDir: string, userDir: string): { message: string; location: ErrorLocation } {
  const toUser = (p: string) => resolve(userDir, relative(copyDir, p));
  const lines = err.message
    .split('\n')
    .filter((l) => !/^ {2}command: /.test(l))
    .map((l, i) => (i === 0 ? l.replace(` in ${copyDir}`, ` in a temporary copy of ${userDir}`) : l.split(`${copyDir}/`).join(`${userDir}/`)));
  const { command: _command, cwd: _cwd, ...rest } = err.location;
  const file = rest.file !== undefined && isInside(rest.file, copyDir, { orSame: true }) ? toUser(rest.file) : rest.file;
  return { message: lines.join('\n'), location: { ...rest, ...(file ? { file } : {}), dir: userDir } };
}

/**
 * Inits both copies. Without a lock file, `init` re-installs every provider into the user's
 * plugin cache (removing the entry first), and two such inits side by side fail with "still not
 * detected in .terraform/providers" — seen with Terraform 1.11. With lock files the cache is only
 * read, so then they run in parallel; otherwise the original goes first and its lock file is
 * given to the rewritten copy, which also pins both to the same provider versions.
 */
async function initBoth(o: TerraformOptions, r: TerraformOptions): Promise<void> {
  const lockOf = (opts: TerraformOptions) => join(opts.cwd, '.terraform.lock.hcl');
  if (existsSync(lockOf(o)) && existsSync(lockOf(r))) {
    await settled([init(o), init(r)]);
    return;
  }
  await init(o);
  if (!existsSync(lockOf(r)) && existsSync(lockOf(o))) await copyFile(lockOf(o), lockOf(r));
  await init(r);
}

// Promise.all that waits for every terraform run to end before rejecting: the temp dir is removed
// right after a failure, and a run still going would be writing into a deleted directory.
async function settled<T extends readonly unknown[]>(ps: readonly [...{ [K in keyof T]: Promise<T[K]> | T[K] }]): Promise<T> {
  const results = await Promise.allSettled(ps);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

const EMPTY_VERDICT: PlanVerdict = {
  zeroChange: false,
  unchanged: 0,
  moves: [],
  movesChecked: false,
  changes: [],
  outputChanges: [],
  unexpectedMoves: [],
  missingMoves: [],
  problems: [],
};

// Whether schemas learned from another directory describe every provider this plan uses (a
// built-in provider is not in the lock file, so a directory with the same lock may use more).
function coversPlan(schemas: ProviderSchemasJson, p: PlanJson): boolean {
  return (p.resource_changes ?? []).every((rc) => schemas.provider_schemas?.[rc.provider_name] !== undefined);
}

// Managed instance addresses of a synthesized state, as terraform prints them.
function managedAddresses(state: RawStateV4): string[] {
  return state.resources
    .filter((r) => r.mode === 'managed')
    .flatMap((r) => r.instances.map((i) => `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${formatKey(i.index_key)}`));
}

function instanceCount(state: RawStateV4): number {
  return state.resources.reduce((n, r) => n + r.instances.length, 0);
}

// The next round's state from the oracle's plan, or undefined when nothing would change.
function resynthesize(oraclePlan: PlanJson, schemas: ProviderSchemasJson, prior: RawStateV4, serial: number): Synthesis | undefined {
  const next = synthesize({ plan: oraclePlan, schemas, prior, lineage: prior.lineage, serial });
  const same = jsonEqual({ ...next.state, serial: 0 }, { ...prior, serial: 0 });
  return same ? undefined : next;
}

// When every value the config sets is known or guessed, the state will probably plan clean.
function likelyFinal(s: Synthesis): boolean {
  if (s.unresolved.length) debug('next round probably needed, still unknown: %s', s.unresolved.join(', '));
  return s.unresolved.length === 0;
}

/** The region the mock-credential providers get where the configuration sets none: the shell's, else us-east-1. */
export function offlineRegion(): string {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
}

/**
 * Env for every offline run: mock credentials, no instance metadata, and nothing from the user's
 * shell that would point terraform elsewhere (TF_DATA_DIR would make both copies share one
 * .terraform; TF_WORKSPACE selects a workspace the local backend does not have).
 */
export function offlineEnv(extra?: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: 'mock',
    AWS_SECRET_ACCESS_KEY: 'mock',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
    TF_DATA_DIR: undefined,
    TF_WORKSPACE: undefined,
    TF_CLI_ARGS: undefined,
    TF_CLI_ARGS_init: undefined,
    TF_CLI_ARGS_plan: undefined,
  };
  return { ...env, ...extra };
}
