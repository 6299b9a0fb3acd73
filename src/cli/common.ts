// What every command shares: the terraform binary flag and how errors reach the user.
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import { HclSyntaxError } from '../hcl/cst.js';
import { ConfigError } from '../config/module.js';
import { ModuleLoadError } from '../config/load.js';
import { InlineError } from '../inline/refactor.js';
import type { VariableArg } from '../inline/index.js';
import { MigrateError } from '../migrate/execute.js';
import { GitError } from '../sources/git.js';
import { PreplannedError } from '../verify/preplanned.js';
import { SourceNotFoundError } from '../sources/resolve.js';
import { TerraformError, TerraformNotFoundError } from '../terraform/index.js';

/** `--terraform-bin`, for OpenTofu (`tofu`) or a pinned terraform path. */
export const terraformBinFlag = Flags.string({
  description: 'Terraform binary to run (e.g. tofu, or a path). Defaults to $UNMODULE_TERRAFORM_BIN, then terraform.',
  helpValue: 'BIN',
});

/** Errors that carry a message written for the user; anything else is a bug and keeps its stack. */
export function isUserError(err: unknown): err is Error {
  return (
    err instanceof InlineError ||
    err instanceof MigrateError ||
    err instanceof PreplannedError ||
    err instanceof GitError ||
    err instanceof HclSyntaxError ||
    err instanceof ConfigError ||
    err instanceof ModuleLoadError ||
    err instanceof SourceNotFoundError ||
    err instanceof TerraformError ||
    err instanceof TerraformNotFoundError
  );
}

/**
 * Reports an error and exits 1: user errors as one plain message (oclif's wrapping would break
 * file paths across lines), or as `{"error": {...}}` under --json. Bugs are rethrown with a stack.
 * A migration stopped by an interrupt exits as the signal would have (130 for Ctrl-C).
 */
export function fail(cmd: Command, err: unknown): never {
  if (!isUserError(err)) throw err;
  const signal = err instanceof MigrateError ? err.interrupted : undefined;
  // Under --json oclif's own catch prints {"error": {name, message, ...}} and exits 1; an exit
  // thrown here instead would replace the message with "EEXIT: 1".
  if (cmd.jsonEnabled() && !signal) throw err;
  if (cmd.jsonEnabled()) process.stdout.write(`${JSON.stringify({ error: { name: err.name, message: err.message, interrupted: signal } }, null, 2)}\n`);
  else cmd.logToStderr(`Error: ${err.message}`);
  return cmd.exit(signal ? 128 + (constants.signals[signal] ?? 2) : 1);
}

/** `--var NAME=VALUE` and `--var-file FILE`: root variable values, as terraform's -var/-var-file. */
export const variableFlags = {
  var: Flags.string({ description: 'Set a root variable, as terraform -var: NAME=VALUE. Repeatable; used where Terraform must know a value at plan time (a module call\'s count/for_each).', multiple: true, helpValue: 'NAME=VALUE' }),
  'var-file': Flags.string({ description: 'Read root variable values from a .tfvars(.json) file, as terraform -var-file. Repeatable; with --var, later wins in command-line order.', multiple: true, helpValue: 'FILE' }),
};

/**
 * The --var/--var-file values in command-line order (later wins, as with terraform), read from
 * the raw argv because parsed flags lose the order between the two. var-file paths are resolved
 * against the current directory.
 */
export function variableArgs(argv: string[]): VariableArg[] {
  const out: VariableArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(var|var-file)(?:=(.*))?$/s.exec(argv[i]!);
    if (!m) continue;
    const value = m[2] ?? argv[++i];
    if (value === undefined) continue;
    out.push(m[1] === 'var' ? { kind: 'var', text: value } : { kind: 'var-file', path: resolve(value) });
  }
  return out;
}
