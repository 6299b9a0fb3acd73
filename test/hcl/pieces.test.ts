// A huge file is parsed in pieces of whole top-level items (one tree-sitter tree per piece): the
// result must be the very same as parsing it whole. Cutting at every top-level item of every
// fixture file (piece size 1) is the harshest split there is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HclSyntaxError, HclTooLargeError, parseHcl } from '../../src/hcl/cst.js';
import { tfFiles } from '../helpers/files.js';

const TRICKY = `# leading comment

locals {
  brace_in_string = "}{"
  heredoc = <<EOT
}
not = "a top-level item"
EOT
  template = "\${ { a = "}" } }"
}
# a comment between items

/* a block comment */
top = "attribute at the top level"
resource "a" "b" { x = 1 }


resource "a" "c" {
  y = [
    1,
  ]
}
last = 1`;

describe('parsing in pieces', () => {
  it('gives the same file as parsing whole: every fixture file cut at every top-level item', async () => {
    const files = tfFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      expect(await parseHcl(path, text, 1), path).toEqual(await parseHcl(path, text, Infinity));
    }
  });

  it('cuts only between top-level items: braces in strings, heredocs and templates do not fool it', async () => {
    const whole = await parseHcl('t.tf', TRICKY, Infinity);
    expect(whole.body.items.map((i) => (i.kind === 'block' ? i.type : i.name))).toEqual(['locals', 'top', 'resource', 'resource', 'last']);
    expect(await parseHcl('t.tf', TRICKY, 1)).toEqual(whole);
  });

  it('names the line of a syntax error in a later piece', async () => {
    const text = `${Array.from({ length: 50 }, (_, i) => `a${i} = 1\n`).join('')}b = = 2\n`;
    const err = await parseHcl('t.tf', text, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HclSyntaxError);
    expect((err as Error).message).toContain('t.tf:51:');
  });

  it('parses a run bigger than the parser may hold item by item, the same as whole', async () => {
    const whole = await parseHcl('t.tf', TRICKY, Infinity);
    expect(await parseHcl('t.tf', TRICKY, Infinity, 200)).toEqual(whole);
    expect(await parseHcl('t.tf', TRICKY, 1, 200)).toEqual(whole);
  });

  it('refuses one top-level item bigger than the parser may hold, naming its line and its first words', async () => {
    const err = await parseHcl('t.tf', TRICKY, 1, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HclTooLargeError);
    expect((err as Error).message).toMatch(/^t\.tf:3: `locals \{` is one top-level item of [\d.]+ MB \(to line 10\)/);
  });

  it('names a syntax error the scanner finds in a file too big to parse whole', async () => {
    const text = `${Array.from({ length: 50 }, (_, i) => `a${i} = 1\n`).join('')}b = "unterminated\nc = 2\n`;
    const err = await parseHcl('t.tf', text, 10, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HclSyntaxError);
    expect((err as Error).message).toContain('t.tf:51:');
  });
});
