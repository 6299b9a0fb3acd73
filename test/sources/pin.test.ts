// The pure pin core: decisions from facts, and the text edits that write them.
import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { applyEdits } from '../../src/hcl/edit.js';
import { parseLsRemote } from '../../src/sources/git.js';
import { classifyGitRef, decideGitPin, pinEdits, quoteHcl, releaseTagAt, type PinChange } from '../../src/sources/pin.js';
import { parseModuleSource, type GitSource } from '../../src/sources/source.js';

const SHA = '1111111111111111111111111111111111111111';
const NEWER = '2222222222222222222222222222222222222222';

const lsRemote = parseLsRemote(
  [
    `${NEWER}\tHEAD`,
    `${NEWER}\trefs/heads/main`,
    `${SHA}\trefs/heads/release`,
    `${SHA}\trefs/tags/v1.4.2`,
    `3333333333333333333333333333333333333333\trefs/tags/v1.4.3`,
    `${SHA}\trefs/tags/v1.4.3^{}`,
    `${SHA}\trefs/tags/v1.5.0-rc1`,
    `${SHA}\trefs/tags/stable`,
  ].join('\n'),
);

describe('refs', () => {
  it('peels annotated tags to their commit', () => {
    expect(lsRemote.tags.get('v1.4.3')).toBe(SHA);
    expect(lsRemote.head).toBe(NEWER);
    expect(lsRemote.branches.get('main')).toBe(NEWER);
  });

  it('classifies refs against the remote', () => {
    expect(classifyGitRef(undefined, lsRemote)).toBe('default-branch');
    expect(classifyGitRef('main', lsRemote)).toBe('branch');
    expect(classifyGitRef('v1.4.2', lsRemote)).toBe('tag');
    expect(classifyGitRef('abc1234', lsRemote)).toBe('commit');
    expect(classifyGitRef('nope', lsRemote)).toBeUndefined();
  });

  it('prefers the highest final release tag at a commit, ignoring non-release names', () => {
    expect(releaseTagAt(lsRemote, SHA)).toBe('v1.4.3');
    expect(releaseTagAt(lsRemote, NEWER)).toBeUndefined();
  });
});

describe('decideGitPin', () => {
  const src = (raw: string) => parseModuleSource(raw) as GitSource;

  it('pins a branch to the release tag of the deployed commit', () => {
    expect(decideGitPin(src('git::https://h/r.git?ref=main'), { refKind: 'branch', deployed: SHA, releaseTag: 'v1.4.2' }, false)).toEqual({ source: 'git::https://h/r.git?ref=v1.4.2', comment: undefined, notes: [] });
  });

  it('pins a branch without a release tag to the deployed commit, naming the branch', () => {
    expect(decideGitPin(src('git::https://h/r.git?ref=main'), { refKind: 'branch', deployed: SHA }, false)).toMatchObject({ source: `git::https://h/r.git?ref=${SHA}`, comment: 'main' });
  });

  it('leaves tags and commits alone unless --digest', () => {
    expect(decideGitPin(src('git::https://h/r.git?ref=v1.4.2'), { refKind: 'tag', deployed: SHA }, false)).toBeUndefined();
    expect(decideGitPin(src(`git::https://h/r.git?ref=${SHA}`), { refKind: 'commit', deployed: SHA }, true)).toBeUndefined();
    expect(decideGitPin(src('git::https://h/r.git?ref=v1.4.2&depth=1'), { refKind: 'tag', deployed: SHA }, true)).toEqual({
      source: `git::https://h/r.git?ref=${SHA}`,
      comment: 'v1.4.2',
      notes: ['dropped ?depth=1: git cannot shallow-clone a commit hash, so terraform init would fail with it'],
    });
  });
});

async function callIn(text: string) {
  const file = await parseHcl('main.tf', text);
  const call = buildModule('.', [file]).moduleCalls[0]!;
  return { call, apply: (change: PinChange) => {
    const out = pinEdits(text, call.meta.get('source')!, call.meta.get('version'), change);
    if ('error' in out) throw new Error(out.error);
    return applyEdits(text, out.edits);
  } };
}

describe('pinEdits touches only the source and version text', () => {
  const text = `# Data bucket. Pinned? Not yet.
module "bucket" {
  source = "git::https://h/r.git//s3?ref=main" # TODO pin

  bucket_name = "x" # keep
}
`;

  it('replaces the source string, keeping comments and layout', async () => {
    const { apply } = await callIn(text);
    expect(apply({ source: 'git::https://h/r.git//s3?ref=v1.4.2', notes: [] })).toBe(text.replace('ref=main', 'ref=v1.4.2'));
  });

  it('adds the tag as a trailing comment, but never over an existing one', async () => {
    const plain = text.replace(' # TODO pin', '');
    expect((await callIn(plain)).apply({ source: `git::https://h/r.git//s3?ref=${SHA}`, comment: 'v1.4.2', notes: [] })).toBe(
      plain.replace('?ref=main"', `?ref=${SHA}" # v1.4.2`),
    );
    const { call } = await callIn(text);
    const out = pinEdits(text, call.meta.get('source')!, undefined, { source: 'x', comment: 'v1', notes: [] });
    expect('edits' in out && out.notes).toEqual(['kept the existing text after the source instead of adding "# v1"']);
  });

  it('replaces a registry range and adds a missing version under the source', async () => {
    const ranged = 'module "vpc" {\n  source  = "acme/vpc/aws"\n  version = "~> 5.1" # range\n}\n';
    expect((await callIn(ranged)).apply({ version: '5.1.2', notes: [] })).toBe(ranged.replace('"~> 5.1"', '"5.1.2"'));
    const none = 'module "vpc" {\n\tsource = "acme/vpc/aws" # registry\n\tname = "x"\n}\n';
    expect((await callIn(none)).apply({ version: '5.1.2', notes: [] })).toBe('module "vpc" {\n\tsource = "acme/vpc/aws" # registry\n\tversion = "5.1.2"\n\tname = "x"\n}\n');
  });

  it('refuses to add a version line to a one-line block', async () => {
    const one = 'module "vpc" { source = "acme/vpc/aws" }\n';
    const { call } = await callIn(one);
    expect(pinEdits(one, call.meta.get('source')!, undefined, { version: '1.0.0', notes: [] })).toEqual({
      error: 'the module block is on one line, so a version line cannot be added without reformatting it; split the block over several lines',
    });
  });

  it('quotes as HCL, so ${ in a ref stays literal', () => {
    expect(quoteHcl('a"b\\c${x}%{y}')).toBe('"a\\"b\\\\c$${x}%%{y}"');
  });
});
