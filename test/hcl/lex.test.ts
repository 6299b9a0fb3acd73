// spanHasComment: whether printing a span of source anew would lose a comment, read as terraform's
// scanner reads the text (so `#` and `//` inside strings and heredocs are text).
import { describe, expect, it } from 'vitest';
import { spanHasComment } from '../../src/hcl/lex.js';

/** Whether the text between the markers ⟨ and ⟩ holds a comment, within the whole text. */
function marked(source: string): boolean {
  const start = source.indexOf('⟨');
  const end = source.indexOf('⟩') - 1;
  return spanHasComment(source.replace('⟨', '').replace('⟩', ''), start, end);
}

describe('spanHasComment', () => {
  it('a # or // in a quoted string is not a comment', () => {
    expect(marked('x = ⟨var.a ? "a#b" : "c"⟩\n')).toBe(false);
    expect(marked('x = ⟨var.a ? "http://x" : "y"⟩\n')).toBe(false);
    expect(marked('x = ⟨var.a ? "/* no */" : "y"⟩\n')).toBe(false);
    // A string inside an interpolation inside a string.
    expect(marked('x = ⟨var.a ? "${join("#", ["a"])}//" : "y"⟩\n')).toBe(false);
  });

  it('a # or // in a heredoc is not a comment', () => {
    expect(marked('x = ⟨var.a ? <<EOT\n# not a comment\nhttp://x\nEOT\n: "y"⟩\n')).toBe(false);
    expect(marked('x = ⟨var.a ? <<-EOT\n  #!/bin/sh\n  ${"#"} // ${var.b}\n  EOT\n: "y"⟩\n')).toBe(false);
  });

  it('a #, // or /* */ comment in the span is one', () => {
    expect(marked('x = ⟨var.a ? 1 # why\n: 2⟩\n')).toBe(true);
    expect(marked('x = ⟨var.a ? 1 // why\n: 2⟩\n')).toBe(true);
    expect(marked('x = ⟨var.a ? 1 /* why */ : 2⟩\n')).toBe(true);
    expect(marked('x = ⟨var.a ? "${var.b /* in an interpolation */}" : 2⟩\n')).toBe(true);
    expect(marked('x = ⟨var.a ? [\n  # first\n  1,\n] : []⟩\n')).toBe(true);
  });

  it('a comment just outside the span is not in it', () => {
    expect(marked('# before\nx = ⟨var.a ? 1 : 2⟩ # after\n')).toBe(false);
    expect(marked('x = /* before */⟨var.a ? 1 : 2⟩/* after */\n')).toBe(false);
    expect(marked('x = ⟨var.a ? 1 : 2⟩// after\n')).toBe(false);
  });

  it('asks again for another text, and text the scanner refuses counts as commented', () => {
    expect(marked('x = ⟨var.a ? 1 : 2⟩\n')).toBe(false);
    expect(marked('x = ⟨var.a ? 1 : 2⟩\ny = "unterminated\n')).toBe(true);
  });
});
