// The one error path of the CLI. Every command extends UnmoduleCommand and simply throws: a
// UserError (or an oclif usage error, or a system error naming a path) is rendered once, as
// `Error: <message>` on stderr for a person or as {"error": {name, message, location, exitCode}}
// on stdout under --json; anything else is a bug and keeps its stack.
import { constants } from 'node:os';
import { Command, Errors } from '@oclif/core';
import { describeSystemError, isSystemError, locationIn, UserError, type ErrorLocation } from '../errors.js';
import { MigrateError } from '../migrate/execute.js';

/** An error as the CLI reports it (the --json shape). */
export interface ErrorReport {
  name: string;
  message: string;
  location: ErrorLocation;
  exitCode: number;
  /** The signal that interrupted a migration, when one did. */
  interrupted?: NodeJS.Signals;
}

/** Base class of every unmodule command: renders refusals the same way everywhere. */
export abstract class UnmoduleCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    // this.exit(n): the exit code was chosen and the output written already.
    if (err instanceof Errors.ExitError) {
      process.exitCode = err.oclif.exit ?? 1;
      return;
    }
    const flags = Object.keys((this.constructor as typeof Command).flags ?? {});
    const report = errorReport(err, this.id ?? '', flags);
    if (!report) return super.catch(err);
    process.exitCode = report.exitCode;
    if (this.jsonEnabled()) this.logJson({ error: report });
    // Plain, unwrapped: oclif's error box breaks paths across lines and hides the message under help.
    else process.stderr.write(`Error: ${report.message}\n`);
    return undefined;
  }
}

/** The report for an error a person can act on; undefined for a bug. */
export function errorReport(err: unknown, commandId = '', flagNames: string[] = []): ErrorReport | undefined {
  if (err instanceof UserError) {
    const signal = err instanceof MigrateError ? err.interrupted : undefined;
    return {
      name: err.name,
      message: err.message,
      location: err.location,
      exitCode: signal ? 128 + (constants.signals[signal] ?? 2) : err.exit,
      ...(signal ? { interrupted: signal } : {}),
    };
  }
  if (err instanceof Errors.CLIError && isParseError(err)) {
    const message = usageMessage(err.message, commandId, flagNames);
    const flag = /--[a-z][\w-]*/.exec(message)?.[0];
    return { name: 'UsageError', message, location: flag ? { flag } : locationIn(message), exitCode: 1 };
  }
  if (isSystemError(err)) {
    const message = describeSystemError(err);
    return { name: 'FileSystemError', message, location: err.path ? { file: err.path } : {}, exitCode: 1 };
  }
  return undefined;
}

// oclif's parser errors carry the parse input; command-not-found and the like do not, and neither
// do the plain CLIErrors its argv scanner throws (`Flag --module expects a value`, exit 2).
function isParseError(err: Errors.CLIError): boolean {
  return 'parse' in err || /^(Missing|Nonexistent flag|Unexpected argument|Unexpected flag|Flag --|Expected |The following|Parsing --|--\S+=)/.test(err.message);
}

/**
 * oclif's usage messages, said the way the rest of unmodule says things: the flag with its dashes
 * first, where to read more last, no colour codes and no "See more help with --help".
 */
export function usageMessage(raw: string, commandId: string, flagNames: string[] = []): string {
  const lines = raw
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\nSee more help with --help$/, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^The following errors? occurred:$/.test(l))
    .map((l) =>
      l
        .replace(/^Parsing (--\S+)\s*$/, '$1:')
        .replace(/^Missing required flag (\S+)$/, '--$1 is required')
        .replace(/^Expected --(\S+?)=(.*) to be one of: (.*)$/, (_, f: string, v: string, o: string) => `--${f} ${JSON.stringify(v)}: expected one of ${o}`)
        .replace(/^Expected an integer but received: (.*)$/, 'expected an integer, got $1')
        .replace(/^Flag (--\S+) expects a value$/, '$1 needs a value')
        .replace(/^Flag (--\S+) expects one of these values: (.*)$/, '$1 needs a value, one of: $2')
        .replace(/^Flag (--\S+) can only be specified once$/, '$1 was given more than once; give it once')
        .replace(/^Nonexistent flags?: (.*)$/, (whole, list: string) => whole + didYouMean(list.split(', '), flagNames)),
    );
  const help = `unmodule${commandId ? ` ${commandId}` : ''} --help`;
  return `${lines.join('; ').replace(/:; /g, ': ')}. See \`${help}\` for the flags and arguments.`;
}

// ` (did you mean --module?)` for a mistyped flag: the nearest flag name within two edits.
function didYouMean(given: string[], flagNames: string[]): string {
  const hints = given.flatMap((g) => {
    const name = g.replace(/^-+/, '').replace(/=.*$/s, '');
    const best = flagNames.map((f) => ({ f, d: editDistance(name, f) })).sort((a, b) => a.d - b.d)[0];
    return best && best.d <= Math.min(2, Math.floor(name.length / 2)) ? [`--${best.f}`] : [];
  });
  return hints.length ? ` (did you mean ${hints.join(', ')}?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
