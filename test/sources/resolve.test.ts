// Resolving a call to its directory on disk, as the inliner does, against a real `terraform init`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDirOf, readModulesManifest, resolveModuleDir, SourceNotFoundError } from '../../src/sources/resolve.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';
import { ModuleRepo, moduleFiles, serviceTf, terraformInit, writeFiles } from './helpers/git-repo.js';

let tmp: string;
let svc: string;
let repo: ModuleRepo;

beforeAll(async () => {
  tmp = makeTemp('unmodule-resolve-');
  repo = new ModuleRepo(join(tmp, 'modules'));
  repo.commit('one', moduleFiles('1.0.0'));
  svc = join(tmp, 'svc');
  writeFiles(svc, {
    'main.tf': serviceTf([
      ['root', repo.url({ ref: 'main' })],
      ['net', repo.url({ subdir: 'network', ref: 'main' })],
      ['wrapper', './modules/wrapper'],
    ]),
    'modules/wrapper/main.tf': serviceTf([['inner', repo.url({ subdir: 'network' })]]),
  });
  await terraformInit(svc);
});

afterAll(() => removeTemp(tmp));

describe('resolveModuleDir', () => {
  it('resolves local paths directly and remote ones through modules.json, subdir included', async () => {
    expect(await resolveModuleDir(svc, 'wrapper', './modules/wrapper')).toBe(join(svc, 'modules/wrapper'));
    const net = await resolveModuleDir(svc, 'net', repo.url({ subdir: 'network', ref: 'main' }));
    expect(readFileSync(join(net, 'main.tf'), 'utf8')).toContain('network_version');
    const inner = await resolveModuleDir(svc, 'wrapper.inner', repo.url({ subdir: 'network' }));
    expect(readFileSync(join(inner, 'main.tf'), 'utf8')).toContain('network_version');
  });

  it('knows the package directory of a subdir entry (where .git lives)', async () => {
    const entry = (await readModulesManifest(svc))!.find((m) => m.Key === 'net')!;
    expect(entry.Dir).toBe('.terraform/modules/net/network');
    expect(packageDirOf(entry)).toBe('.terraform/modules/net');
  });

  it('says to run terraform init when the module is not installed', async () => {
    await expect(resolveModuleDir(svc, 'added_later', 'acme/vpc/aws')).rejects.toThrow(/module "added_later" is not in .*modules\.json; run `terraform init` again/);
    await expect(resolveModuleDir(tmp, 'x', 'acme/vpc/aws')).rejects.toThrow(SourceNotFoundError);
    expect(await readModulesManifest(tmp)).toBeUndefined();
  });
});
