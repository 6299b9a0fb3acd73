// `unmodule pin` as a user runs it: a real process, a fleet of services initialised with the real
// terraform against a real git repository, asserting output, exit codes and written files.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinResult } from '../../src/commands/pin.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';
import { ModuleRepo, moduleFiles, serviceTf, terraformInit, writeFiles } from '../sources/helpers/git-repo.js';

const ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'sources', 'helpers', 'pin-entry.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function pin(args: string[], cwd: string): Promise<Run> {
  return new Promise((res) => {
    execFile(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      res({ exitCode: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let tmp: string;
let repo: ModuleRepo;
let tagged: string;
let untagged: string;
const SERVICES = Array.from({ length: 12 }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);
const read = (svc: string) => readFileSync(join(tmp, 'services', svc, 'main.tf'), 'utf8');

beforeAll(async () => {
  tmp = makeTemp('unmodule-pin-cli-');
  repo = new ModuleRepo(join(tmp, 'terraform-modules'));
  tagged = repo.commit('release', moduleFiles('2.0.0'));
  repo.annotatedTag('v2.0.0');
  const create = async (svc: string) => {
    writeFiles(join(tmp, 'services', svc), { 'main.tf': serviceTf([['bucket', repo.url({ subdir: 'network', ref: 'main' })]]) });
    await terraformInit(join(tmp, 'services', svc));
  };
  // svc-01..07 were initialised at the v2.0.0 release, svc-08..12 a commit later: two versions in prod.
  for (const svc of SERVICES.slice(0, 7)) await create(svc);
  untagged = repo.commit('untagged change', moduleFiles('2.1.0-dev'));
  for (const svc of SERVICES.slice(7)) await create(svc);
  repo.commit('newest, deployed nowhere', moduleFiles('3.0.0-dev'));
  writeFiles(join(tmp, 'services', 'pinned'), { 'main.tf': serviceTf([['bucket', repo.url({ subdir: 'network', ref: 'v2.0.0' })]]) });
  writeFiles(join(tmp, 'services', 'broken'), { 'main.tf': serviceTf([['bucket', repo.url({ ref: 'no-such-branch' })]]) });
});

afterAll(() => removeTemp(tmp));

describe('unmodule pin over a fleet', () => {
  it('--report shows module × service × ref and flags the services running different versions', async () => {
    const r = await pin(['services', '--report'], tmp);
    expect(r.exitCode).toBe(3);
    const url = `file://${tmp}/terraform-modules//network (git)  ⚠ services run 2 different versions: ${[tagged, untagged].map((c) => c.slice(0, 12)).sort().join(', ')}`;
    expect(r.stdout).toContain(url);
    expect(r.stdout).toMatch(new RegExp(`services/svc-01 +bucket +main +${tagged.slice(0, 12)} +floating → v2\\.0\\.0`));
    expect(r.stdout).toMatch(new RegExp(`services/svc-12 +bucket +main +${untagged.slice(0, 12)} +floating → ${untagged.slice(0, 12)}`));
    expect(r.stdout).toMatch(/services\/pinned +bucket +v2\.0\.0 .* pinned/);
    expect(r.stdout).toContain('14 service(s), 12 floating call(s), 1 module(s) with diverging versions');
    expect(read('svc-01')).toContain('?ref=main"');
  });

  it('--report --json gives the same view as data', async () => {
    const r = await pin(['services', '--report', '--json'], tmp);
    const out = JSON.parse(r.stdout) as PinResult;
    const network = out.report!.modules.find((m) => m.module.endsWith('//network'))!;
    expect(network.divergent).toBe(true);
    expect(network.rows).toHaveLength(13);
  });

  it('dry run prints a diff per service and writes nothing', async () => {
    const r = await pin(['services'], tmp);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toContain('• services/svc-01: 1 call(s) to pin\n    module "bucket": main → v2.0.0');
    expect(r.stdout).toContain(`+  source = "${repo.url({ subdir: 'network', ref: untagged })}" # main`);
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(read('svc-12')).toContain('?ref=main"');
  });

  it('--write pins 12 services in one run, reports each, and exits 3 for the one that failed', async () => {
    const r = await pin(['services', '--write'], tmp);
    expect(r.exitCode).toBe(3);
    for (const svc of SERVICES) expect(r.stdout).toContain(`✓ services/${svc}: 1 call(s) pinned`);
    expect(r.stdout).toMatch(/✗ services\/broken: failed, nothing written\n {4}services\/broken\/main\.tf:2: module "bucket": ref "no-such-branch" is neither a branch, a tag nor a commit/);
    expect(r.stdout).toContain('✓ services/pinned: nothing floating (1 module call(s))');
    expect(r.stdout).toContain('14 service(s): 12 written, 1 unchanged, 1 failed.');
    expect(read('svc-01')).toBe(serviceTf([['bucket', repo.url({ subdir: 'network', ref: 'v2.0.0' })]]));
    expect(read('svc-12')).toBe(serviceTf([['bucket', repo.url({ subdir: 'network', ref: untagged })]]).replace(`${untagged}"`, `${untagged}" # main`));
    expect(read('broken')).toBe(serviceTf([['bucket', repo.url({ ref: 'no-such-branch' })]]));
  });

  it('a second run changes nothing and exits 0 without the broken service', async () => {
    const dirs = [...SERVICES, 'pinned'].map((s) => `services/${s}`);
    const r = await pin([...dirs, '--write', '--json'], tmp);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as PinResult;
    expect([out.changed, out.unchanged, out.failed]).toEqual([0, 13, 0]);
    expect(out.services.every((s) => !s.written && s.diff === '')).toBe(true);
  });

  it('--digest --module pins the tag to its commit with the tag as a comment', async () => {
    const r = await pin(['services/svc-01', '--digest', '--module', 'terraform-modules//network', '--json'], tmp);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as PinResult;
    expect(out.services[0]!.diff).toContain(`+  source = "${repo.url({ subdir: 'network', ref: tagged })}" # v2.0.0`);
    expect(out.dryRun).toBe(true);
  });

  it('exits 1 when every service fails, and for a directory that does not exist', async () => {
    const broken = await pin(['services/broken'], tmp);
    expect(broken.exitCode).toBe(1);
    const missing = await pin(['no-such-dir'], tmp);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain(`${tmp}/no-such-dir: does not exist\npass service directories (or a folder that contains them)`);
  });
});
