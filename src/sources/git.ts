// Running git to learn which commit a module ref names. git is a separate tool from terraform:
// terraform itself still runs only through src/terraform. Like the terraform runner, git runs
// from argv arrays (never a shell), with prompts disabled so a missing credential fails fast
// instead of hanging a fleet run, and every run is logged under `unmodule:git`.
import createDebug from 'debug';
import { UserError } from '../errors.js';

const debug = createDebug('unmodule:git');

/** A git run that failed, with what a person needs to see (argv, exit code, git's own message). */
export class GitError extends UserError {
  override name = 'GitError';
  constructor(
    readonly argv: string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    const why = stderr.trim().split(/\r?\n/).filter((l) => l.trim() !== '').slice(-3).join(' / ') || `exit ${exitCode}`;
    super(`git ${argv.join(' ')} failed: ${why}`, { command: ['git', ...argv].join(' ') });
  }
}

/** Branches and tags of one repository; tags map to the commit they point at (annotated tags peeled). */
export interface RefCatalog {
  /** The default branch's commit (remote HEAD), when known. */
  head?: string;
  branches: Map<string, string>;
  tags: Map<string, string>;
}

// No prompts, no pager, no ssh password prompt: a fleet run must fail fast and say why.
// A GIT_SSH_COMMAND the user set (a deploy key, a jump host) is theirs and is kept.
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes', GIT_PAGER: 'cat', LC_ALL: 'C' };

/** Runs `git <args>`; resolves stdout, throws GitError on a non-zero exit or a timeout. */
export async function runGit(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  debug('run %o in %s', ['git', ...args], opts.cwd ?? process.cwd());
  const { execa } = await import('execa'); // loaded when git runs, not with every command
  const res = await execa('git', args, {
    cwd: opts.cwd,
    env: GIT_ENV,
    reject: false,
    stdin: 'ignore',
    timeout: opts.timeoutMs ?? 60_000,
  });
  if (res.exitCode === undefined) {
    const code = (res as unknown as { code?: string }).code;
    throw new GitError(args, -1, code === 'ENOENT' ? 'git is not installed or not on PATH; install git (terraform needs it for git module sources too)' : String(res.message));
  }
  if (res.timedOut) throw new GitError(args, -1, `no answer within ${(opts.timeoutMs ?? 60_000) / 1000}s (is the host reachable?)`);
  if (res.exitCode !== 0) throw new GitError(args, res.exitCode ?? -1, String(res.stderr));
  return String(res.stdout);
}

/** `git ls-remote <remote>`: every branch and tag of the remote repository. */
export async function lsRemote(remote: string): Promise<RefCatalog> {
  // `--` keeps a remote that starts with `-` from being read as an option.
  return parseLsRemote(await runGit(['ls-remote', '--', remote]));
}

/** Parses `git ls-remote` output (pure; exported for tests). */
export function parseLsRemote(out: string): RefCatalog {
  const cat: RefCatalog = { branches: new Map(), tags: new Map() };
  for (const line of out.split('\n')) {
    const [sha, ref] = line.trim().split(/\s+/);
    if (!sha || !ref) continue;
    if (ref === 'HEAD') cat.head = sha;
    else if (ref.startsWith('refs/heads/')) cat.branches.set(ref.slice(11), sha);
    else if (ref.startsWith('refs/tags/') && ref.endsWith('^{}')) cat.tags.set(ref.slice(10, -3), sha);
    // An annotated tag is listed twice; the peeled `^{}` line (the commit) wins over the tag object.
    else if (ref.startsWith('refs/tags/') && !cat.tags.has(ref.slice(10))) cat.tags.set(ref.slice(10), sha);
  }
  return cat;
}

// --git-dir, never -C: a package copy without .git sits inside the service's own repository, and
// git would happily walk up and answer for the wrong repository.

/** The commit checked out in the clone whose `.git` directory is gitDir. */
export async function headCommit(gitDir: string): Promise<string> {
  return (await runGit(['--git-dir', gitDir, 'rev-parse', 'HEAD^{commit}'])).trim();
}

/** Branches (as the clone saw them on origin) and tags recorded in a local clone. */
export async function localCatalog(gitDir: string): Promise<RefCatalog> {
  const out = await runGit(['--git-dir', gitDir, 'for-each-ref', '--format=%(objectname) %(*objectname) %(refname)', 'refs/tags', 'refs/remotes/origin', 'refs/heads']);
  const cat: RefCatalog = { branches: new Map(), tags: new Map() };
  for (const line of out.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length < 2) continue;
    // %(*objectname) is empty for lightweight tags and branches, giving "sha  ref".
    const [obj, peeled, ref] = parts.length === 3 ? parts : [parts[0], '', parts[1]];
    if (!obj || !ref) continue;
    if (ref.startsWith('refs/tags/')) cat.tags.set(ref.slice(10), peeled || obj);
    else if (ref.startsWith('refs/remotes/origin/') && ref !== 'refs/remotes/origin/HEAD') cat.branches.set(ref.slice(20), obj);
    else if (ref.startsWith('refs/heads/') && !cat.branches.has(ref.slice(11))) cat.branches.set(ref.slice(11), obj);
  }
  return cat;
}
