// Real git repositories for the pin tests: a module repo with branches, lightweight and annotated
// tags and subdirectories, reachable offline as git::file:// URLs; and service directories that
// call it, initialised with the real terraform.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { init } from '../../../src/terraform/index.js';
import { testCliConfig } from '../../helpers/terraform-env.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs git in dir; returns trimmed stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** Writes files (relative path → text) under dir. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** A module repository: commits files and returns the new commit hash. */
export class ModuleRepo {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
  }

  /** `git::file://` URL of the repo (optionally //subdir and ?ref=). */
  url(opts: { subdir?: string; ref?: string } = {}): string {
    return `git::file://${this.dir}${opts.subdir ? `//${opts.subdir}` : ''}${opts.ref ? `?ref=${opts.ref}` : ''}`;
  }

  commit(message: string, files: Record<string, string>): string {
    writeFiles(this.dir, files);
    git(this.dir, 'add', '-A');
    git(this.dir, 'commit', '-q', '-m', message);
    return this.head();
  }

  head(): string {
    return git(this.dir, 'rev-parse', 'HEAD');
  }

  lightweightTag(name: string): void {
    git(this.dir, 'tag', name);
  }

  annotatedTag(name: string): void {
    git(this.dir, 'tag', '-a', name, '-m', `release ${name}`);
  }

  checkout(branch: string, create = false): void {
    git(this.dir, 'checkout', '-q', ...(create ? ['-b', branch] : [branch]));
  }
}

/** A module body whose output names its version, so a test can tell which commit is installed. */
export function moduleFiles(version: string): Record<string, string> {
  return {
    'main.tf': `output "version" {\n  value = "${version}"\n}\n`,
    'network/main.tf': `output "network_version" {\n  value = "${version}"\n}\n`,
  };
}

/** `terraform init` (modules only; no provider is needed by these modules) in dir. */
export async function terraformInit(dir: string): Promise<void> {
  await init({ cwd: dir, env: testCliConfig() }, { backend: false });
}

/** A service main.tf with one module block per [name, source] pair, each with a comment and an argument. */
export function serviceTf(calls: [string, string, string?][]): string {
  return calls
    .map(([name, source, version]) =>
      [`# ${name}: keep this comment`, `module "${name}" {`, `  source${version ? ' ' : ''} = "${source}"`, ...(version ? [`  version = "${version}"`] : []), '', `  # inputs`, '}', ''].join('\n'),
    )
    .join('\n');
}
