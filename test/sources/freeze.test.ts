// Freeze against real git repositories (git::file:// URLs, offline) and real `terraform init`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeze, type FreezeResult } from '../../src/sources/freeze.js';
import { fmtCheck } from '../../src/terraform/index.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';
import { ModuleRepo, moduleFiles, serviceTf, terraformInit, writeFiles } from './helpers/git-repo.js';

let tmp: string;
let repo: ModuleRepo;
const commits: Record<string, string> = {};

const read = (svc: string, file = 'main.tf') => readFileSync(join(tmp, 'services', svc, file), 'utf8');
const service = (r: FreezeResult, name: string) => r.services.find((s) => s.dir.endsWith(`/services/${name}`))!;

async function makeService(name: string, files: Record<string, string>, initialise = true): Promise<void> {
  const dir = join(tmp, 'services', name);
  writeFiles(dir, files);
  if (initialise) await terraformInit(dir);
}

beforeAll(async () => {
  tmp = makeTemp('unmodule-freeze-');
  repo = new ModuleRepo(join(tmp, 'terraform-modules'));
  commits.v141 = repo.commit('1.4.1', moduleFiles('1.4.1'));
  repo.lightweightTag('v1.4.1');
  commits.v142 = repo.commit('1.4.2', moduleFiles('1.4.2'));
  repo.annotatedTag('v1.4.2');
  repo.checkout('release-1.4', true);
  repo.checkout('main');
  commits.dev = repo.commit('untagged work on main', moduleFiles('1.5.0-dev'));

  // Initialised while main is at `dev` (untagged) and release-1.4 at v1.4.2 …
  await makeService('branch', {
    'main.tf': serviceTf([
      ['app', repo.url({ ref: 'main' })],
      ['network', repo.url({ subdir: 'network', ref: 'main' })],
      ['release', repo.url({ ref: 'release-1.4' })],
      ['noref', repo.url({ subdir: 'network' })],
      ['local', './modules/wrapper'],
    ]),
    'modules/wrapper/main.tf': serviceTf([['inner', repo.url({ ref: 'main' })]]),
  });
  await makeService('tags', { 'main.tf': serviceTf([['annotated', repo.url({ ref: 'v1.4.2' })], ['lightweight', repo.url({ ref: 'v1.4.1&depth=1' })]]) });
  // A registry install cannot run offline, so this writes the modules.json entry `terraform init`
  // writes for a registry module (Key, Source with the registry host, Version, Dir) by hand.
  await makeService(
    'registry',
    {
      'main.tf': 'module "vpc" {\n  source  = "acme/vpc/aws"\n  version = "~> 5.1" # any 5.x\n}\n\nmodule "dns" {\n  source = "acme/dns/aws"\n  zone   = "example.com"\n}\n',
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'vpc', Source: 'registry.terraform.io/acme/vpc/aws', Version: '5.1.2', Dir: '.terraform/modules/vpc' },
          { Key: 'dns', Source: 'registry.terraform.io/acme/dns/aws', Version: '2.0.0', Dir: '.terraform/modules/dns' },
        ],
      }),
    },
    false,
  );

  // … then both branches move on: a pin must not follow them.
  commits.newer = repo.commit('newer work on main', moduleFiles('1.6.0-dev'));
  repo.checkout('release-1.4');
  commits.release = repo.commit('hotfix on release-1.4, not yet tagged', moduleFiles('1.4.3-dev'));
  repo.checkout('main');

  await makeService('uninitialised', { 'main.tf': serviceTf([['app', repo.url({ ref: 'release-1.4' })], ['tagged', repo.url({ ref: 'v1.4.1' })]]) }, false);
  await makeService('bad-remote', { 'main.tf': serviceTf([['app', `git::file://${tmp}/no-such-repo?ref=main`]]) }, false);
  await makeService('bad-ref', { 'main.tf': serviceTf([['app', repo.url({ ref: 'no-such-branch' })]]) }, false);
  await makeService('bad-source', { 'main.tf': serviceTf([['good', repo.url({ ref: 'main' })], ['typo', 'modules/vpc']]) }, false);
  await makeService('never-initialised', { 'main.tf': serviceTf([['vpc', 'acme/vpc/aws', '>= 5.0, < 6.0']]) }, false);
});

afterAll(() => removeTemp(tmp));

describe('freeze over a folder of services', () => {
  let dry: FreezeResult;
  let before: Record<string, string>;

  beforeAll(async () => {
    before = Object.fromEntries(['branch', 'tags', 'registry', 'bad-source', 'bad-remote'].map((s) => [s, read(s)]));
    dry = await freeze([join(tmp, 'services')], { terraform: {} });
  });

  it('finds every service, but not a local module inside one', () => {
    expect(dry.services.map((s) => s.dir.split('/services/')[1]).sort()).toEqual(['bad-ref', 'bad-remote', 'bad-source', 'branch', 'never-initialised', 'registry', 'tags', 'uninitialised']);
  });

  it('writes nothing in a dry run', () => {
    for (const [svc, text] of Object.entries(before)) expect(read(svc)).toBe(text);
    expect(service(dry, 'branch').diff).toContain(`+  source = "${repo.url({ ref: commits.dev })}" # main`);
  });

  it('pins a branch to the commit init installed, not the branch head, and to its release tag when it has one', () => {
    const text = service(dry, 'branch').files.find((f) => f.path.endsWith('services/branch/main.tf'))!.after;
    expect(text).toContain(`  source = "${repo.url({ ref: commits.dev })}" # main\n`);
    expect(text).not.toContain(commits.newer);
    // The second copy of the package has no .git; the commit is read from the first copy.
    expect(text).toContain(`  source = "${repo.url({ subdir: 'network', ref: commits.dev })}" # main\n`);
    expect(text).toContain(`  source = "${repo.url({ ref: 'v1.4.2' })}"\n`);
    expect(text).not.toContain(commits.release);
  });

  it('pins a missing ref (with a subdir) to the installed commit', () => {
    const text = service(dry, 'branch').files[0]!.after;
    expect(text).toContain(`  source = "${repo.url({ subdir: 'network' })}?ref=${commits.dev}" # default branch\n`);
  });

  it('pins calls inside a local module of the service, in that module\'s file', () => {
    const wrapper = service(dry, 'branch').files.find((f) => f.path.endsWith('modules/wrapper/main.tf'))!;
    expect(wrapper.after).toBe(wrapper.before.replace('?ref=main"', `?ref=${commits.dev}" # main`));
    expect(service(dry, 'branch').calls.map((c) => c.key)).toContain('local.inner');
  });

  it('leaves tags alone without --digest', () => {
    expect(service(dry, 'tags').status).toBe('unchanged');
    expect(service(dry, 'tags').calls.map((c) => c.status)).toEqual(['pinned', 'pinned']);
  });

  it('pins a registry range and a missing version to the version in modules.json, keeping fmt alignment', () => {
    const text = service(dry, 'registry').files[0]!.after;
    expect(text).toBe('module "vpc" {\n  source  = "acme/vpc/aws"\n  version = "5.1.2" # any 5.x\n}\n\nmodule "dns" {\n  source  = "acme/dns/aws"\n  version = "2.0.0"\n  zone    = "example.com"\n}\n');
  });

  it('pins a never-initialised git call to what its ref names on the remote now, preferring a release tag', () => {
    const s = service(dry, 'uninitialised');
    expect(s.files[0]!.after).toContain(`  source = "${repo.url({ ref: commits.release })}" # release-1.4\n`);
    expect(s.calls[0]!.notes).toEqual(['not initialised here: pinned to what release-1.4 names on the remote now (what the next terraform init would install)']);
    expect(s.calls[1]!.status).toBe('pinned');
  });

  it('reports each bad service with a message that says what to do, and plans nothing for it', () => {
    const errors = (name: string) => {
      const s = service(dry, name);
      expect(s.status).toBe('failed');
      expect(s.files).toEqual([]);
      return s.errors.join('\n');
    };
    expect(errors('bad-remote')).toMatch(/main\.tf:2: module "app": cannot reach git remote file:\/\/.*no-such-repo \(.*does not appear to be a git repository.*\)\. Check the URL and your access/);
    expect(errors('bad-ref')).toMatch(/module "app": ref "no-such-branch" is neither a branch, a tag nor a commit of .* \(branches: main, release-1.4; tags: v1.4.1, v1.4.2\)\. Fix \?ref= in the source/);
    expect(errors('bad-source')).toMatch(/main\.tf:9: module "typo": source "modules\/vpc" is not a module source Terraform can install: Terraform cannot detect a supported source type/);
    expect(errors('never-initialised')).toMatch(/module "vpc": registry module acme\/vpc\/aws has never been initialised here, so the version in use is unknown: run terraform init in .*never-initialised so .terraform\/modules\/modules.json records the version in use/);
  });

  it('--digest pins tags to their commit, the tag kept as a comment, and drops depth', async () => {
    const r = await freeze([join(tmp, 'services', 'tags')], { digest: true, terraform: {} });
    expect(r.services[0]!.files[0]!.after).toBe(
      serviceTf([['annotated', repo.url({ ref: commits.v142 })], ['lightweight', repo.url({ ref: commits.v141 })]])
        .replace(`${commits.v142}"`, `${commits.v142}" # v1.4.2`)
        .replace(`${commits.v141}"`, `${commits.v141}" # v1.4.1`),
    );
    expect(r.services[0]!.calls[1]!.notes[0]).toMatch(/dropped \?depth=1/);
  });

  it('--module limits the run to one module source', async () => {
    const r = await freeze([join(tmp, 'services', 'branch')], { module: '*terraform-modules//network', terraform: {} });
    expect(r.services[0]!.calls.map((c) => c.key)).toEqual(['network', 'noref']);
  });

  describe('with --write', () => {
    let written: FreezeResult;
    beforeAll(async () => {
      written = await freeze([join(tmp, 'services')], { write: true, terraform: {} });
    });

    it('writes the good services whole and leaves every failed one byte for byte', () => {
      expect(written.services.filter((s) => s.written).map((s) => s.dir.split('/services/')[1]).sort()).toEqual(['branch', 'registry', 'uninitialised']);
      expect(read('branch', 'modules/wrapper/main.tf')).toContain(`?ref=${commits.dev}" # main`);
      // bad-source has a good call too: its service is all or nothing.
      expect(read('bad-source')).toBe(before['bad-source']);
      expect(read('bad-remote')).toBe(before['bad-remote']);
      expect(written.failed).toBe(4);
    });

    it('re-reads pinned services without the network: the installed clone knows the tag names', async () => {
      renameSync(repo.dir, `${repo.dir}.away`);
      try {
        const offline = await freeze([join(tmp, 'services', 'branch'), join(tmp, 'services', 'tags')], { terraform: false });
        expect(offline.services.map((s) => [s.status, s.errors])).toEqual([
          ['unchanged', []],
          ['unchanged', []],
        ]);
      } finally {
        renameSync(`${repo.dir}.away`, repo.dir);
      }
    });

    it('produces files terraform formats as is, and init installs the pinned commit', async () => {
      expect((await fmtCheck(join(tmp, 'services'), {}, true)).files.filter((f) => !f.includes('bad'))).toEqual([]);
      await terraformInit(join(tmp, 'services', 'branch'));
      expect(readFileSync(join(tmp, 'services', 'branch', '.terraform', 'modules', 'app', 'main.tf'), 'utf8')).toContain('"1.5.0-dev"');
    });

    it('changes nothing on a second run', async () => {
      const again = await freeze([join(tmp, 'services')], { write: true, terraform: {} });
      expect(again.services.filter((s) => s.status !== 'failed').map((s) => [s.dir.split('/services/')[1], s.status])).toEqual([
        ['branch', 'unchanged'],
        ['registry', 'unchanged'],
        ['tags', 'unchanged'],
        ['uninitialised', 'unchanged'],
      ]);
      expect(again.services.some((s) => s.written)).toBe(false);
    });

    it('refuses to write a file that changed on disk after it was read', async () => {
      const dir = join(tmp, 'services', 'bad-ref');
      writeFileSync(join(dir, 'main.tf'), serviceTf([['app', repo.url({ ref: 'main' })]]));
      const { planService, writeService } = await import('../../src/sources/service.js');
      const { newGitCache } = await import('../../src/sources/deployed.js');
      const plan = await planService(dir, { terraform: false }, newGitCache());
      writeFileSync(join(dir, 'main.tf'), '# edited meanwhile\n');
      await expect(writeService(plan)).rejects.toThrow(/changed on disk since unmodule read it; nothing was written/);
      expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toBe('# edited meanwhile\n');
    });
  });
});
