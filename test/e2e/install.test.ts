// unmodule as a user gets it: `npm pack`, the tarball installed globally into an empty prefix,
// and the installed `unmodule` run from outside the repository with a PATH that holds no
// node_modules/.bin — so only the package's own files and its runtime dependencies can serve it
// (no tsx, no dev dependencies, templates found from the installed copy).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// The user's environment: no NODE_PATH or preloads, and no project's node_modules/.bin on PATH
// (npm test puts ours there).
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.includes('node_modules'))
    .join(delimiter);
  return env;
}

describe('the packed tarball, installed with npm install -g into an empty prefix', () => {
  let work: string;
  let prefix: string;
  let installed: string;
  let bin: string;

  beforeAll(async () => {
    // dist/ is built by `npm test` before vitest starts; --ignore-scripts so packing does not
    // rebuild it under the other test files that are running from it.
    if (!existsSync(join(REPO, 'dist', 'commands', 'inline.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    work = makeTemp('unmodule-install-');
    prefix = join(work, 'prefix');
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: REPO, env: userEnv() });
    const tarball = join(work, packed.stdout.trim().split('\n').pop()!);
    // npm ci left every dependency in npm's cache: this needs no network.
    await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
      cwd: work,
      env: userEnv(),
    });
    installed = join(prefix, 'lib', 'node_modules', 'unmodule');
    bin = join(prefix, 'bin', 'unmodule');
  });
  afterAll(() => work && removeTemp(work));

  const unmodule = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const r = await run(bin, args, { cwd: work, env: userEnv(env), maxBuffer: 16 * 1024 * 1024 });
      return { exitCode: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { exitCode: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
    }
  };

  it('holds the runtime dependencies and none of the dev ones (and not the archived @cdktf parser)', () => {
    const deps = join(installed, 'node_modules');
    for (const name of Object.keys(pkg.dependencies)) expect(existsSync(join(deps, name)), `dependency ${name} installed`).toBe(true);
    for (const name of Object.keys(pkg.devDependencies)) expect(existsSync(join(deps, name)), `dev dependency ${name} not installed`).toBe(false);
    expect(existsSync(join(deps, '@cdktf'))).toBe(false);
    expect(existsSync(join(deps, '@cdktn', 'hcl2json'))).toBe(true);
    // Only what a user runs: the built CLI, templates, the manifest — no sources, tests or fixtures.
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'node_modules', 'oclif.manifest.json', 'package.json', 'templates']);
    expect(readdirSync(join(installed, 'bin'))).toEqual(['run.js']);
  });

  it('unmodule --version and unmodule inline --help', async () => {
    const v = await unmodule(['--version']);
    expect(v.exitCode, v.stderr).toBe(0);
    expect(v.stdout).toContain(`unmodule/${pkg.version}`);
    const h = await unmodule(['inline', '--help']);
    expect(h.exitCode, h.stderr).toBe(0);
    expect(h.stdout).toContain('Replace a module call with plain resources and moved blocks.');
    expect(h.stdout).toContain('$ unmodule inline [DIR] -m <value>');
  });

  it("the demo's inline on a copy of fixtures/service-alpha: a dry run with the state-mv script from the installed template, then --write", async () => {
    const dir = join(work, 'service-alpha');
    cpSync(join(REPO, 'fixtures', 'service-alpha'), dir, { recursive: true, filter: (p) => !p.split(/[\\/]/).includes('.terraform') });
    const env = testCliConfig();

    const script = await unmodule(['inline', dir, '--module', 'service_alpha_bucket', '--inventory', 'none', '--mode', 'state-mv'], env);
    expect(script.exitCode, script.stderr).toBe(0);
    expect(script.stdout).toContain('+++ b/state-mv.sh');
    expect(script.stdout).toContain('+TERRAFORM="${TERRAFORM:-terraform}"');
    expect(script.stdout).toContain("'module.service_alpha_bucket.aws_s3_bucket.this[0]' 'aws_s3_bucket.service_alpha_bucket'");
    expect(existsSync(join(dir, 'state-mv.sh')), 'a dry run writes nothing').toBe(false);

    const w = await unmodule(['inline', dir, '--module', 'service_alpha_bucket', '--inventory', 'none', '--write'], env);
    expect(w.exitCode, w.stderr).toBe(0);
    expect(readFileSync(join(dir, 'service_alpha_bucket.tf'), 'utf8')).toContain('resource "aws_s3_bucket_versioning" "service_alpha_bucket" {');
    expect(readFileSync(join(dir, 'moved.tf'), 'utf8')).toContain('from = module.service_alpha_bucket.aws_s3_bucket.this[0]');
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('module "service_alpha_bucket"');
  });
});
