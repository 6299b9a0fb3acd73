// findProgram: the file a terraform binary name or path runs, for the --terraform-bin check and
// the providers-schema cache key.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findProgram } from '../src/paths.js';
import { makeTemp, removeTemp } from './helpers/terraform-env.js';

const top = makeTemp('unmodule-find-program-');
afterAll(() => removeTemp(top));

function file(rel: string, mode: number): string {
  const path = join(top, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

const a = file('a/tf', 0o755);
const b = file('b/tf', 0o755);
const plain = file('c/tf', 0o644);
mkdirSync(join(top, 'd/tf'), { recursive: true });
symlinkSync(a, join(top, 'link-tf'));

// POSIX permissions (X_OK, chmod): what CI and users here run on.
describe('findProgram', () => {
  it('an absolute path is itself, whatever cwd and PATH say', () => {
    expect(findProgram(a, '/', '')).toBe(a);
  });

  it('a relative path with a slash is read from cwd, not looked up on PATH', () => {
    expect(findProgram('./tf', join(top, 'a'), join(top, 'b'))).toBe(a);
    expect(findProgram('a/tf', top, '')).toBe(a);
    // A link is named as given; the caller resolves it when it wants the target.
    expect(findProgram('./link-tf', top, '')).toBe(join(top, 'link-tf'));
  });

  it('a bare name is the first runnable match in PATH order', () => {
    expect(findProgram('tf', '/', [join(top, 'b'), join(top, 'a')].join(delimiter))).toBe(b);
    // Empty entries, directories of that name and files without x are passed over.
    expect(findProgram('tf', '/', ['', join(top, 'd'), join(top, 'c'), join(top, 'a')].join(delimiter))).toBe(a);
  });

  it('a name on no PATH directory, or a path to nothing, is not found', () => {
    expect(findProgram('tf', '/', join(top, 'missing'))).toBeUndefined();
    expect(findProgram('tf', top, '')).toBeUndefined();
    expect(findProgram('./nothing', top, join(top, 'a'))).toBeUndefined();
  });

  it('a file that is not executable, or a directory, is not a program', () => {
    expect(findProgram(plain, '/', '')).toBeUndefined();
    expect(findProgram('tf', '/', join(top, 'c'))).toBeUndefined();
    expect(findProgram(join(top, 'd/tf'), '/', '')).toBeUndefined();
  });
});
