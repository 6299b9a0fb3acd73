import { describe, expect, it } from 'vitest';
import { classifyVersionConstraint, moduleIdentity, parseModuleSource, splitSubdir, SourceSyntaxError, withGitRef } from '../../src/sources/source.js';

describe('parseModuleSource classifies as Terraform does', () => {
  it.each([
    ['./modules/s3', 'local'],
    ['../shared/vpc', 'local'],
    ['..', 'local'],
    ['hashicorp/consul/aws', 'registry'],
    ['app.terraform.io/acme/vpc/aws', 'registry'],
    ['localhost:8080/acme/vpc/aws', 'registry'],
    ['terraform-aws-modules/vpc/aws//modules/vpc-endpoints', 'registry'],
    ['git::https://example.com/org/terraform-modules.git//s3/private-bucket?ref=v1.4.2', 'git'],
    ['git::ssh://git@example.com/org/modules.git?ref=main', 'git'],
    ['git@github.com:org/modules.git//vpc?ref=v2', 'git'],
    ['github.com/org/modules', 'git'],
    ['git::file:///tmp/repo', 'git'],
    ['https://example.com/modules/vpc.zip', 'archive'],
    ['s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip', 'archive'],
    ['gcs::https://www.googleapis.com/storage/v1/bucket/vpc.zip', 'archive'],
    ['bucket.s3.amazonaws.com/vpc.zip', 'archive'],
    ['hg::https://example.com/repo', 'archive'],
  ])('%s → %s', (raw, kind) => {
    expect(parseModuleSource(raw).kind).toBe(kind);
  });

  it('splits git sources into remote, subdir, ref and depth', () => {
    expect(parseModuleSource('git::https://example.com/org/terraform-modules.git//s3/private-bucket?ref=v1.4.2&depth=1')).toEqual({
      kind: 'git',
      raw: 'git::https://example.com/org/terraform-modules.git//s3/private-bucket?ref=v1.4.2&depth=1',
      remote: 'https://example.com/org/terraform-modules.git',
      subdir: 's3/private-bucket',
      ref: 'v1.4.2',
      depth: 1,
    });
    expect(parseModuleSource('git::file:///srv/git/modules//vpc')).toMatchObject({ remote: 'file:///srv/git/modules', subdir: 'vpc', ref: undefined });
    expect(parseModuleSource('git@github.com:org/modules.git//vpc?ref=feature/x')).toMatchObject({ remote: 'git@github.com:org/modules.git', subdir: 'vpc', ref: 'feature/x' });
  });

  it('expands the github.com shorthand to the https remote git clones', () => {
    expect(parseModuleSource('github.com/org/modules//vpc?ref=v1')).toMatchObject({ remote: 'https://github.com/org/modules.git', subdir: 'vpc', ref: 'v1' });
  });

  it('reads registry addresses with their host', () => {
    expect(parseModuleSource('app.terraform.io/acme/vpc/aws')).toMatchObject({ host: 'app.terraform.io', namespace: 'acme', name: 'vpc', provider: 'aws' });
    expect(parseModuleSource('hashicorp/consul/aws')).toMatchObject({ host: 'registry.terraform.io' });
  });

  it.each([
    ['', /it is empty/],
    ['modules/vpc', /cannot detect a supported source type/],
    ['git::', /needs a repository URL/],
    ['git::not a url', /is not a git URL/],
    ['foo::https://x', /unknown installer "foo::"/],
    ['git::https://example.com/m.git?depth=zero', /depth=zero must be a positive whole number/],
    ['github.com/org', /github.com\/owner\/repo/],
    [' ./x', /whitespace/],
  ])('rejects %j with a message that says why', (raw, msg) => {
    expect(() => parseModuleSource(raw)).toThrow(SourceSyntaxError);
    expect(() => parseModuleSource(raw)).toThrow(msg);
  });
});

describe('splitSubdir', () => {
  it('finds the // after the scheme, keeping the query on the package', () => {
    expect(splitSubdir('git::https://h/r.git//a/b?ref=x')).toEqual({ pkg: 'git::https://h/r.git?ref=x', subdir: 'a/b' });
    expect(splitSubdir('git::file:///tmp/r//sub')).toEqual({ pkg: 'git::file:///tmp/r', subdir: 'sub' });
    expect(splitSubdir('git::https://h/r.git?ref=x')).toEqual({ pkg: 'git::https://h/r.git?ref=x' });
  });
});

describe('withGitRef rewrites only the ref', () => {
  it.each([
    ['git::https://h/r.git//s3?ref=main', 'v1.4.2', 'git::https://h/r.git//s3?ref=v1.4.2'],
    ['git::https://h/r.git//s3', 'v1.4.2', 'git::https://h/r.git//s3?ref=v1.4.2'],
    ['git::https://h/r.git?depth=1', 'v2', 'git::https://h/r.git?depth=1&ref=v2'],
    ['git::https://h/r.git?sshkey=k&ref=main&depth=1', 'v2', 'git::https://h/r.git?sshkey=k&ref=v2&depth=1'],
    ['git::https://h/r.git?ref=main//sub', 'v3', 'git::https://h/r.git?ref=v3//sub'],
    ['git::https://h/r.git?ref=feature/x', 'release/1.0', 'git::https://h/r.git?ref=release/1.0'],
  ])('%s + %s', (raw, ref, want) => {
    expect(withGitRef(raw, ref)).toBe(want);
    expect(parseModuleSource(want)).toMatchObject({ ref });
  });

  it('drops depth on request (a commit hash cannot be shallow-cloned)', () => {
    expect(withGitRef('git::https://h/r.git?ref=main&depth=1', 'a'.repeat(40), { dropDepth: true })).toBe(`git::https://h/r.git?ref=${'a'.repeat(40)}`);
  });
});

describe('classifyVersionConstraint', () => {
  it.each([
    ['1.4.2', 'exact'],
    ['= 1.4.2', 'exact'],
    ['v1.4', 'exact'],
    ['~> 1.4', 'range'],
    ['>= 1.0, < 2.0', 'range'],
    ['!= 1.2.0', 'range'],
    ['> 3', 'range'],
  ])('%s is %s', (v, kind) => {
    expect(classifyVersionConstraint(v)).toBe(kind);
  });

  it('rejects text that is not a constraint', () => {
    expect(() => classifyVersionConstraint('latest')).toThrow(/not a version constraint; write an exact version such as "1.4.2"/);
  });
});

describe('moduleIdentity', () => {
  it('ignores the ref so every service using one module groups together', () => {
    const a = moduleIdentity(parseModuleSource('git::https://h/r.git//s3?ref=main'));
    const b = moduleIdentity(parseModuleSource('git::https://h/r.git//s3?ref=v1.4.2&depth=1'));
    expect(a).toBe(b);
    expect(a).toBe('https://h/r.git//s3');
    expect(moduleIdentity(parseModuleSource('registry.terraform.io/acme/vpc/aws'))).toBe('acme/vpc/aws');
  });
});
