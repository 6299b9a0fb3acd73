// runnableProgram: --terraform-bin is refused before any work when it cannot run, in words that
// say how to fix it.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runnableProgram } from '../../src/cli/paths.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';

const top = makeTemp('unmodule-runnable-');
afterAll(() => removeTemp(top));
afterEach(() => vi.unstubAllEnvs());

mkdirSync(join(top, 'bin'));
writeFileSync(join(top, 'bin/tf'), '#!/bin/sh\n');
chmodSync(join(top, 'bin/tf'), 0o755);
writeFileSync(join(top, 'plain'), '#!/bin/sh\n');
chmodSync(join(top, 'plain'), 0o644);

const FIX = 'pass the path of a terraform (or tofu) binary to --terraform-bin, or leave --terraform-bin out to run terraform from PATH';

// POSIX permissions (X_OK, chmod): what CI and users here run on.
describe('runnableProgram', () => {
  it('a name on PATH is kept as given; a path is made absolute from cwd', () => {
    vi.stubEnv('PATH', join(top, 'bin'));
    expect(runnableProgram('tf', '--terraform-bin', '/')).toBe('tf');
    expect(runnableProgram('./bin/tf', '--terraform-bin', top)).toBe(join(top, 'bin/tf'));
  });

  it('says which of not on PATH, missing, a directory or not executable it is', () => {
    vi.stubEnv('PATH', join(top, 'nowhere'));
    expect(() => runnableProgram('tf', '--terraform-bin', top)).toThrow(`--terraform-bin: terraform binary 'tf' not found on PATH; ${FIX}`);
    expect(() => runnableProgram('./tf', '--terraform-bin', top)).toThrow(`--terraform-bin: terraform binary './tf' not found (${join(top, 'tf')} does not exist); ${FIX}`);
    expect(() => runnableProgram('./bin', '--terraform-bin', top)).toThrow(`--terraform-bin: terraform binary './bin' is a directory, not a program; ${FIX}`);
    expect(() => runnableProgram('./plain', '--terraform-bin', top)).toThrow(`--terraform-bin: terraform binary './plain' cannot be run (not executable: chmod +x it); ${FIX}`);
  });
});
