// What every command shares: the terraform binary flag, the variable flags, and which errors are a person's to fix.
import { Flags } from '@oclif/core';
import { UserError } from '../errors.js';
import { existingFile, runnableProgram } from './paths.js';
import type { VariableArg } from '../inline/index.js';

/** `--terraform-bin`, for OpenTofu (`tofu`) or a pinned terraform path. */
export const terraformBinFlag = Flags.string({
  description: 'Terraform binary to run (e.g. tofu, or a path). Defaults to $UNMODULE_TERRAFORM_BIN, then terraform.',
  helpValue: 'BIN',
});

/** The --terraform-bin value checked before any work (see runnableProgram); undefined when not given. */
export function terraformBin(flag: string | undefined): string | undefined {
  return flag && flag.trim() ? runnableProgram(flag, '--terraform-bin') : undefined;
}

/** Errors that carry a message written for the user; anything else is a bug and keeps its stack. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** `--var NAME=VALUE` and `--var-file FILE`: root variable values, as terraform's -var/-var-file. */
export const variableFlags = {
  var: Flags.string({ description: 'Set a root variable, as terraform -var: NAME=VALUE. Repeatable; used where Terraform must know a value at plan time (a module call\'s count/for_each).', multiple: true, helpValue: 'NAME=VALUE' }),
  'var-file': Flags.string({ description: 'Read root variable values from a .tfvars(.json) file, as terraform -var-file. Repeatable; with --var, later wins in command-line order.', multiple: true, helpValue: 'FILE' }),
};

/**
 * The --var/--var-file values in command-line order (later wins, as with terraform), read from
 * the raw argv because parsed flags lose the order between the two. var-file paths are resolved
 * against the current directory and must name a file (UsageError naming --var-file otherwise).
 */
export function variableArgs(argv: string[]): VariableArg[] {
  const out: VariableArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(var|var-file)(?:=(.*))?$/s.exec(argv[i]!);
    if (!m) continue;
    const value = m[2] ?? argv[++i];
    if (value === undefined) continue;
    // A var-file is checked here, before any work: terraform refuses a missing one whether or not a value in it is used.
    out.push(m[1] === 'var' ? { kind: 'var', text: value } : { kind: 'var-file', path: existingFile(value, '--var-file') });
  }
  return out;
}
