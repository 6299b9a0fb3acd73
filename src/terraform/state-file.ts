// Which state a failed terraform run was reading, so that an error can name it: a person fixes
// "terraform.tfstate is not JSON" at once, but not "Error acquiring the state lock". Read from what
// `terraform init` recorded (.terraform/terraform.tfstate holds the backend, .terraform/environment
// the workspace); a directory never initialised uses the local default.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Terraform's words when the state itself (not the configuration) is what failed. */
const STATE_PROBLEM = /Failed to load state|Unsupported state file format|Error loading state|Failed to read state|state snapshot was created by Terraform v|Error reading state|state file could not be|Failed to persist state|Error locking state|Error acquiring the state lock/i;

/** True when terraform's output says the state could not be read, written or locked. */
export function isStateProblem(output: string): boolean {
  return STATE_PROBLEM.test(output);
}

/** True when another run holds the lock (terraform prints its Lock Info), as opposed to a lock that failed because the state is unreadable. */
export function isHeldLock(output: string): boolean {
  return /Error acquiring the state lock/i.test(output) && /Lock Info:/i.test(output);
}

/** The lock ID terraform printed for a held lock, for `terraform force-unlock`. */
export function lockId(output: string): string | undefined {
  // The output may hold the -json stream too, where the detail's newline is the two characters \n.
  return /Lock Info:[\s\S]*?ID:\s+([^\s\\"]+)/.exec(output)?.[1];
}

/**
 * True when the state file is locked by a process that left no Lock Info (the operating system's
 * lock on a local state: "resource temporarily unavailable"); it goes when that process ends.
 */
export function isHeldOsLock(output: string): boolean {
  return /resource temporarily unavailable/i.test(output) && !/Lock Info:/i.test(output);
}

/**
 * The state a root reads, in words: the local file's path, or `the state in the s3 backend`.
 * `env` is the run's environment (TF_WORKSPACE selects a workspace too).
 */
export function describeState(cwd: string, env: Record<string, string | undefined> = process.env): { file?: string; text: string } {
  const workspace = env.TF_WORKSPACE || readText(join(cwd, '.terraform', 'environment'))?.trim() || 'default';
  let backend: { type?: string; config?: { path?: string; workspace_dir?: string } } | undefined;
  try {
    backend = (JSON.parse(readText(join(cwd, '.terraform', 'terraform.tfstate')) ?? 'null') as { backend?: typeof backend } | null)?.backend;
  } catch {
    backend = undefined;
  }
  if (backend?.type && backend.type !== 'local') return { text: `the state in the ${backend.type} backend${workspace === 'default' ? '' : ` (workspace ${workspace})`}` };
  const file =
    workspace === 'default'
      ? resolve(cwd, backend?.config?.path ?? 'terraform.tfstate')
      : resolve(cwd, backend?.config?.workspace_dir ?? 'terraform.tfstate.d', workspace, 'terraform.tfstate');
  return { file, text: `the state file ${file}` };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
