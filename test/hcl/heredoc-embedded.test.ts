// A heredoc written inside a larger expression (user data passed to base64encode(), a module
// output spliced into a root function call): hashicorp/hcl ends a heredoc only at a closing
// marker alone on its line, so the printer must break the line before any `)`, `,`, operator or
// `]` that follows it. Each printed form must be read back by our formatter, by hashicorp/hcl
// (the reference parser) and by our parser as the same tree.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/hcl/ast.js';
import { parseExpression, parseHcl } from '../../src/hcl/cst.js';
import { formatHcl } from '../../src/hcl/format.js';
import { endsInHeredoc, printExpr } from '../../src/hcl/print.js';
import { gateFiles } from '../../src/hcl/reference.js';
import { renderChanges } from '../../src/inline/files.js';
import { InlineError } from '../../src/inline/refactor.js';
import { shape, stripParens, substitute } from './expression-forms.js';

const CONTEXTS = [
  'base64encode(H)',
  'format(H, 1)',
  'f(g(H))',
  '[H, "second"]',
  '[H]',
  'H == "x"',
  '"x" == H',
  'H == "" ? H : "empty"',
  'c ? H : H',
  'm[H]',
  '(H)',
  '!(H)',
  '[for s in [H] : s]',
  '{ for s in [H] : s => H }',
  '{ k = H, j = f(H) }',
  '"${H}-end"',
  '"${H}"',
  'join("", [H, "-end"])',
];

const HEREDOCS = ['<<-EOT\n  #!/bin/bash\n  echo "hi"\nEOT\n', '<<EOT\nflush ${x}\nEOT\n'];

async function heredoc(src: string): Promise<Expr> {
  const file = await parseHcl('/h.tf', `a = ${src}`);
  const item = file.body.items[0]!;
  if (item.kind !== 'attribute') throw new Error('not an attribute');
  return item.expr;
}

describe('a heredoc inside a larger expression', () => {
  for (const h of HEREDOCS) {
    it.each(CONTEXTS)(`%s with ${JSON.stringify(h.split('\n')[0])} prints as HCL that reads back as the same tree`, async (context) => {
      const tree = substitute(await parseExpression(context), { H: await heredoc(h) });
      const text = `a = ${printExpr(tree)}\n`;
      expect(() => formatHcl(text), text).not.toThrow();
      expect(await gateFiles([{ path: 'h.tf', text }]), text).toEqual([]);
      const back = await parseHcl('/h.tf', text);
      const item = back.body.items[0]!;
      expect(item.kind === 'attribute' && shape(stripParens(item.expr))).toEqual(shape(stripParens(tree)));
    });
  }

  it('knows which printed forms end in a heredoc marker', async () => {
    const h = await heredoc(HEREDOCS[0]!);
    expect(endsInHeredoc(h)).toBe(true);
    expect(endsInHeredoc(substitute(await parseExpression('c ? 1 : H'), { H: h }))).toBe(true);
    expect(endsInHeredoc(substitute(await parseExpression('f(H)'), { H: h }))).toBe(false);
    expect(endsInHeredoc(await parseExpression('"quoted"'))).toBe(false);
  });

  it('a function argument ends its line and the call closes on the next', async () => {
    const tree = substitute(await parseExpression('base64encode(H)'), { H: await heredoc(HEREDOCS[0]!) });
    expect(formatHcl(`a = ${printExpr(tree)}\n`)).toBe('a = base64encode(<<-EOT\n  #!/bin/bash\n  echo "hi"\nEOT\n)\n');
  });
});

describe('text the formatter cannot read', () => {
  it('is a refusal naming the written file:line and the module construct, not a stack trace', async () => {
    const text = 'resource "terraform_data" "web" {\n  input = f(<<EOT\nx\nEOT)\n}\n';
    const refactor = {
      dir: '/svc',
      call: 'web',
      edits: [],
      newFiles: [{ path: 'web.tf', text, provenance: { 'resource "terraform_data" "web"': 'modules/web/main.tf:7 (resource "terraform_data" "this" of module "web")' } }],
      moves: [],
      notes: [],
    };
    const err = await renderChanges(refactor, async (t) => formatHcl(t)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InlineError);
    expect((err as InlineError).message).toMatch(/^modules\/web\/main\.tf:7: unmodule produced HCL it cannot read back \(.*unterminated.*\) at web\.tf:\d+, in resource "terraform_data" "web", written from modules\/web\/main\.tf:7/);
  });
});
