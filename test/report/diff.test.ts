// A new file's patch is written without a line diff against nothing; it must read exactly as the
// diff library's patch of the same file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { newFilePatch, renderDiff } from '../../src/report/diff.js';
import { tfFiles } from '../helpers/files.js';

const library = (path: string, text: string) =>
  createTwoFilesPatch('/dev/null', `b/${path}`, '', text, undefined, undefined, { context: 3 })
    .split('\n')
    .filter((l) => !l.startsWith('====='))
    .join('\n');

describe('new file patch', () => {
  it.each([
    ['empty', ''],
    ['one newline', '\n'],
    ['no final newline', 'a = 1'],
    ['lines', 'a = 1\nb = 2\n'],
    ['blank lines', '\n\na = 1\n\n'],
    ['CRLF', 'a = 1\r\nb = 2\r\n'],
    ['CRLF, no final newline', 'a = 1\r\nb = 2'],
    ['a lone CR', 'a = 1\rb = 2\n'],
    ['a line like a hunk header', '@@ -1 +1 @@\n+x\n'],
  ])('%s: as the diff library writes it', (_name, text) => {
    expect(newFilePatch('x.tf', text)).toBe(library('x.tf', text));
  });

  it('every fixture file as a new file', () => {
    const files = tfFiles('fixtures').slice(0, 300);
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(newFilePatch(f, text), f).toBe(library(f, text));
    }
  });

  it('renderDiff uses it for new files and the library for edits', () => {
    const out = renderDiff([
      { path: 'main.tf', before: 'a = 1\n', after: 'a = 2\n' },
      { path: 'new.tf', after: 'b = 1\n' },
    ]);
    expect(out).toBe(`--- a/main.tf\n+++ b/main.tf\n@@ -1,1 +1,1 @@\n-a = 1\n+a = 2\n\n--- /dev/null\n+++ b/new.tf\n@@ -0,0 +1,1 @@\n+b = 1\n`);
  });
});
