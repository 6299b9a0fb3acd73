// Refusals written for the person running unmodule. Each says what is wrong, where (a file and
// line, a flag, an address, a directory, a command) and how to fix it. Every error class a person
// can act on extends UserError; src/cli renders them all one way: a plain message for a person, one
// JSON object under --json. Anything else that reaches the CLI is a bug.

/** Where a refusal points: what a person opens, or retypes, to fix it. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A command-line flag, with its dashes (`--template`). */
  flag?: string;
  /** A resource, module or instance address, as Terraform prints it. */
  address?: string;
  /** The directory the refusal is about. */
  dir?: string;
  /** A command that failed, quoted for a POSIX shell, and the directory it ran in. */
  command?: string;
  cwd?: string;
}

/**
 * An error whose message a person can act on; `location` says where, `exit` is the CLI's exit
 * code (not `exitCode`: subclasses such as TerraformError use that name for their tool's code).
 */
export class UserError extends Error {
  readonly location: ErrorLocation;
  readonly exit: number;

  constructor(message: string, location?: ErrorLocation, exit = 1) {
    super(message);
    this.name = 'UserError';
    this.location = location ?? locationIn(message);
    this.exit = exit;
  }
}

/** A flag or argument a person got wrong; the message says what is accepted. */
export class UsageError extends UserError {
  constructor(message: string, where?: string | ErrorLocation) {
    super(message, typeof where === 'string' ? { flag: where } : (where ?? locationIn(message)));
    this.name = 'UsageError';
  }
}

/**
 * The place a message starts with, for errors that say it in words only: `file.tf:12:3: ...`,
 * `file.tf line 12`, or a leading `--flag`.
 */
export function locationIn(message: string): ErrorLocation {
  const fileLine = /^(.+?\.(?:tf|tf\.json|tfvars|json|hcl)):(\d+)(?::(\d+))?(?=[:\s])/.exec(message);
  if (fileLine) return { file: fileLine[1]!, line: Number(fileLine[2]), ...(fileLine[3] ? { column: Number(fileLine[3]) } : {}) };
  const flag = /^(--[a-z][\w-]*)\b/.exec(message);
  if (flag) return { flag: flag[1]! };
  const path = /^(\/[^:\n]*?): /.exec(message);
  if (path) return { file: path[1]! };
  return {};
}

/**
 * A system error from Node (ENOENT...) in words a person can act on, naming the path; Node's own
 * message (`ENOENT: no such file or directory, open '…'`) leads with a code nobody should need.
 */
export function describeSystemError(err: NodeJS.ErrnoException, path = err.path): string {
  const what = SYSTEM_ERRORS[err.code ?? ''] ?? err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return path ? `${path}: ${what}` : what;
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'a part of this path is a file, not a directory',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'is a symbolic link loop (the link points, directly or through others, back to itself)',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'is on a read-only file system',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files (raise the limit with ulimit -n)',
};

/** True for an error Node raised for a file system call (it has an `E…` code and a syscall). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code!) && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
