// The results of a batch or report run, as data. This is the JSON schema documented in
// docs/report-schema.md: the results file, `--json` output and `report --merge` input are all one
// `BatchResults`, so a shard's file, a resumed run and a merged report read the same way.
import type { Move } from '../migrate/move.js';
import type { Note } from '../inline/refactor.js';
import type { PlanVerdict } from '../verify/verdict.js';

/** The steps of the escape plan a batch can run, in the order they always run. */
export type StepName = 'pin' | 'inline' | 'verify';

/** Every step, in run order. */
export const ALL_STEPS: readonly StepName[] = ['pin', 'inline', 'verify'];

/** Bumped on any incompatible change of the JSON below. */
export const RESULTS_SCHEMA = 'unmodule/results@1';

/** pass: every step ran and held; fail: an error, or verification found changes; skip: nothing to do here. */
export type ServiceStatus = 'pass' | 'fail' | 'skip';

/** One module call's ref, as the freeze step sees it (see src/sources). */
export interface RefFinding {
  call: string;
  source: string;
  /** `?ref=` or registry `version` as written. */
  ref?: string;
  status: 'pinned' | 'floating' | 'local' | 'unpinnable' | 'error' | 'not-available';
  /** The commit or version in use, when known. */
  deployed?: string;
  /** What the pin writes (source ref or version), when floating. */
  pinTo?: string;
  notes: string[];
}

/** What the inline step decided for one directory (all matched calls together). */
export interface InlineOutcome {
  calls: string[];
  /** Files created or edited, relative to the service directory. */
  files: { path: string; kind: 'new' | 'edit' }[];
  moves: Move[];
  notes: Note[];
}

/** The verification of one directory: one plan of the rewritten configuration. */
export interface VerifyOutcome {
  mode: 'in-place' | 'offline';
  zeroChange: boolean;
  /** `renderVerdict` text: the headline and one line per change. */
  summary: string;
  verdict: PlanVerdict;
}

/** The instances the matched module calls manage, and where that list came from. */
export interface InventoryOutcome {
  /** plan: previous addresses in the verification plan (the state); config: what the configuration folds to. */
  source: 'plan' | 'config';
  addresses: string[];
}

/** Whether a step ran, and how it ended. */
export type StepState = 'ok' | 'failed' | 'skipped' | 'not-run' | 'not-available';

/** One service directory's outcome. Every string in it has been through redaction. */
export interface ServiceReport {
  /** The directory relative to the run's base (its cwd), `/`-separated. */
  path: string;
  status: ServiceStatus;
  /** One line: why it failed or was skipped. */
  reason?: string;
  /** Module calls in the root that matched --module. */
  calls: { name: string; source?: string; version?: string }[];
  steps: Record<StepName, StepState>;
  refs: RefFinding[];
  inventory?: InventoryOutcome;
  inline?: InlineOutcome;
  verify?: VerifyOutcome;
  /** Unified diff of every file the run changes (pins and inline together). */
  diff: string;
  /** True when the changes were written to the directory (--write and every step held). */
  written: boolean;
  /** Full error text (terraform's diagnostic, the refusal's file:line), when status is fail. */
  error?: string;
  durationMs: number;
}

/** How the run was asked for; shards and resumes must agree on it. */
export interface RunSettings {
  module: string;
  steps: StepName[];
  mode: 'moved';
  write: boolean;
  offline: boolean;
  /** `i/n` when sharded. */
  shard?: string;
}

/** A whole run: the results file, the --json output, and the input of `report --merge`. */
export interface BatchResults {
  schema: typeof RESULTS_SCHEMA;
  settings: RunSettings;
  /** Every directory this run was given (after --shard), done or not, relative to the base. */
  planned: string[];
  services: ServiceReport[];
  totals: Totals;
}

/** Counts over services. */
export interface Totals {
  pass: number;
  fail: number;
  skip: number;
  /** Planned directories with no result yet (an interrupted run). */
  pending: number;
}

/** Counts for a list of service reports against what was planned. */
export function totalsOf(services: ServiceReport[], planned: string[]): Totals {
  const done = new Set(services.map((s) => s.path));
  return {
    pass: services.filter((s) => s.status === 'pass').length,
    fail: services.filter((s) => s.status === 'fail').length,
    skip: services.filter((s) => s.status === 'skip').length,
    pending: planned.filter((p) => !done.has(p)).length,
  };
}
