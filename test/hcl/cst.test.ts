// The CST: spans that let edits be byte-exact splices, comments kept, strings decoded and re-escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpression, parseHcl, useRawCursor } from '../../src/hcl/cst.js';
import { applyEdits } from '../../src/hcl/edit.js';
import { printExpr } from '../../src/hcl/print.js';
import { tfFiles } from '../helpers/files.js';

describe('CST', () => {
  it('every attribute span of every fixture file covers exactly its source text', async () => {
    const files = tfFiles('fixtures');
    expect(files.length).toBeGreaterThan(5);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const f = await parseHcl(path, text);
      // Replacing each expression with its own source text is a no-op, byte for byte.
      const edits = f.body.items.flatMap(function spans(it): { start: number; end: number; text: string }[] {
        if (it.kind === 'attribute') return [{ start: it.exprSpan.start, end: it.exprSpan.end, text: text.slice(it.exprSpan.start, it.exprSpan.end) }];
        return it.body.items.flatMap(spans);
      });
      expect(applyEdits(text, edits)).toBe(text);
    }
  });

  it('keeps leading comments and blank-line paragraphs', async () => {
    const f = await parseHcl('a.tf', '# one\n// two\nresource "x" "y" {\n  a = 1\n\n  # about b\n  b = 2\n}\n');
    const r = f.body.items[0]!;
    expect(r.leadingComments).toEqual(['# one', '// two']);
    if (r.kind !== 'block') throw new Error('block expected');
    expect(r.body.items[1]!.leadingComments).toEqual(['# about b']);
    expect(r.body.items[1]!.blankBefore).toBe(true);
  });

  it('decodes escapes and prints them back escaped', async () => {
    for (const src of ['"a\\"b"', '"dollar $${x}"', '"pct %%{x}"', '"tab\\tnl\\n"', '"ünï ${var.x}"']) {
      expect(printExpr(await parseExpression(src))).toBe(src);
    }
  });

  it('handles flush heredocs and strip markers', async () => {
    expect(printExpr(await parseExpression('<<-EOT\n    a ${x}\n      b\n    EOT'))).toBe('<<-EOT\n  a ${x}\n    b\nEOT');
    const e = await parseExpression('"%{ for s in l ~}\\n ${s} %{~ endfor }"');
    expect(printExpr(e)).toBe('"%{for s in l}${s}%{endfor}"');
  });

  it('names file:line of a syntax error', async () => {
    await expect(parseHcl('bad.tf', 'a = 1\nb = = 2\n')).rejects.toThrow(/^bad\.tf:2:\d+: HCL syntax error/);
  });

  it('walks trees the same through the public TreeCursor and through tree-sitter\'s C functions', async () => {
    const files = tfFiles('fixtures');
    const read = async () => {
      const out: string[] = [];
      for (const f of files) out.push(JSON.stringify((await parseHcl(f, readFileSync(f, 'utf8')).catch((e: Error) => ({ body: e.message }))).body));
      return out;
    };
    try {
      useRawCursor(false);
      const viaPublic = await read();
      // The pinned web-tree-sitter has every function the direct walk calls (a newer one may not:
      // then parsing is slower, not wrong; this says so).
      expect(useRawCursor(true)).toBe(true);
      const viaRaw = await read();
      expect(viaRaw).toEqual(viaPublic);
      expect(files.length).toBeGreaterThan(100);
    } finally {
      useRawCursor(true);
    }
  });

  it('reads a file denser in syntax nodes than characters (the node table grows)', async () => {
    // `1,` is two characters and four nodes; object keys carry field names.
    const n = 3000;
    const text = `t = [${'1,'.repeat(n)}]\no = {${Array.from({ length: n }, (_, i) => `k${i}=${i}`).join(',')}}\n`;
    const [t, o] = (await parseHcl('dense.tf', text)).body.items;
    expect(t?.kind === 'attribute' && t.expr.t === 'tuple' && t.expr.items.length).toBe(n);
    const items = o?.kind === 'attribute' && o.expr.t === 'object' ? o.expr.items : [];
    expect(items).toHaveLength(n);
    const last = items[n - 1]!;
    expect(last.value.t === 'number' && last.value.value).toBe(n - 1);
    expect(last.key.t === 'template' && last.key.parts[0]).toEqual({ t: 'lit', value: `k${n - 1}` });
    expect(text.slice(last.value.span!.start, last.value.span!.end)).toBe(String(n - 1));
  });
});
