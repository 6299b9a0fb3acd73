// `terraform state list|pull|push|mv`. Addresses go through verbatim as single argv entries:
// Terraform's own printing (`this["a b"]`) is what these verbs parse, and no shell is involved.
import { runTerraform, type TerraformOptions, type TerraformResult } from './runner.js';
import type { RawStateV4 } from './types.js';

/** Addresses of every resource instance in the state, as terraform prints them. */
export async function stateList(opts: TerraformOptions, filter: string[] = []): Promise<string[]> {
  const res = await runTerraform(['state', 'list', ...filter], opts);
  return parseStateList(res.stdout);
}

/** Splits `state list` output into addresses. */
export function parseStateList(stdout: string): string[] {
  return stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** The pulled state: the exact bytes (for a byte-for-byte backup) and the parsed file. */
export interface PulledState {
  raw: string;
  state: RawStateV4;
}

/** `terraform state pull`. An empty backend yields raw "" and a state with no resources. */
export async function statePull(opts: TerraformOptions): Promise<PulledState> {
  const res = await runTerraform(['state', 'pull'], opts);
  return { raw: res.stdout, state: parseRawState(res.stdout) };
}

/** Parses a raw state file; "" (nothing stored yet) becomes an empty v4 state. */
export function parseRawState(text: string): RawStateV4 {
  if (text.trim() === '') {
    return { version: 4, terraform_version: '', serial: 0, lineage: '', outputs: {}, resources: [] };
  }
  const json = JSON.parse(text) as RawStateV4;
  if (json.version !== 4) throw new Error(`unsupported state format version ${String(json.version)} (expected 4)`);
  json.resources ??= [];
  json.outputs ??= {};
  return json;
}

/** Options of `state push`. */
export interface StatePushOptions {
  /** `-force`: overwrite even across lineages or a higher remote serial. Only when asked. */
  force?: boolean;
  lock?: boolean;
}

/** The argv for pushing the state file at `file` (relative to cwd, or absolute). */
export function statePushArgs(file: string, o: StatePushOptions = {}): string[] {
  const args = ['state', 'push'];
  if (o.force) args.push('-force');
  if (o.lock === false) args.push('-lock=false');
  args.push(file);
  return args;
}

/** `terraform state push FILE`. */
export async function statePush(opts: TerraformOptions, file: string, o: StatePushOptions = {}): Promise<TerraformResult> {
  return runTerraform(statePushArgs(file, o), opts);
}

/** Options of `state mv`. */
export interface StateMvOptions {
  dryRun?: boolean;
  lock?: boolean;
  lockTimeout?: string;
}

/** The argv for moving `from` to `to`; addresses are passed exactly as given. */
export function stateMvArgs(from: string, to: string, o: StateMvOptions = {}): string[] {
  const args = ['state', 'mv'];
  if (o.dryRun) args.push('-dry-run');
  if (o.lock === false) args.push('-lock=false');
  if (o.lockTimeout) args.push(`-lock-timeout=${o.lockTimeout}`);
  // `--` is not accepted by terraform's flag parser; addresses never start with '-' anyway.
  args.push(from, to);
  return args;
}

/** `terraform state mv FROM TO`. */
export async function stateMv(opts: TerraformOptions, from: string, to: string, o: StateMvOptions = {}): Promise<TerraformResult> {
  return runTerraform(stateMvArgs(from, to, o), opts);
}
