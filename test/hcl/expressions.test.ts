// Reading every expression form Terraform accepts (or refusing it with file:line:column), and
// printing trees back without changing their meaning. The terraform console oracle for the same
// forms is test/evaluate/console-oracle.test.ts.
import { describe, expect, it } from 'vitest';
import { parseExpression, parseHcl, HclSyntaxError } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { EXPRESSION_FORMS, shape, stripParens, substitute, substituted, SUBSTITUTIONS } from './expression-forms.js';

describe('expression forms', () => {
  it.each(EXPRESSION_FORMS)('%s parses, and printing it then parsing again gives the same tree', async (src) => {
    const tree = await parseExpression(src);
    const printed = printExpr(tree);
    expect(shape(stripParens(await parseExpression(printed)))).toEqual(shape(stripParens(tree)));
    // A second print is stable (no parentheses pile up).
    expect(printExpr(await parseExpression(printed))).toBe(printed);
  });

  it('parenthesised terms keep what follows them', async () => {
    expect(printExpr(await parseExpression('(x).y[0]'))).toBe('(x).y[0]');
    expect(printExpr(await parseExpression('(a)[*].b'))).toBe('(a)[*].b');
  });

  it('a conditional chain groups to the right, as hashicorp/hcl reads it', async () => {
    const e = await parseExpression('a ? b : c ? d : e');
    expect(e.t === 'cond' && e.cond.t).toBe('var');
    expect(e.t === 'cond' && e.else.t).toBe('cond');
    const three = await parseExpression('a ? 1 : b ? 2 : c ? 3 : 4');
    expect(printExpr(three)).toBe('a ? 1 : b ? 2 : c ? 3 : 4');
    expect(three.t === 'cond' && three.else.t === 'cond' && three.else.else.t).toBe('cond');
  });

  it('binary operands that start with a parenthesis', async () => {
    const e = await parseExpression('(a + b) * c');
    expect(e).toMatchObject({ t: 'binop', op: '*', left: { t: 'paren', inner: { t: 'binop', op: '+' } }, right: { t: 'var', name: 'c' } });
  });

  it('numbers with an exponent and no fraction keep their value and their text', async () => {
    expect(await parseExpression('1e3')).toMatchObject({ t: 'number', value: 1000, raw: '1e3' });
    expect(await parseExpression('[2E-2, "1e3"]')).toMatchObject({ t: 'tuple', items: [{ value: 0.02 }, { parts: [{ value: '1e3' }] }] });
  });

  it('spans of parenthesised operands cover their source text', async () => {
    const text = 'x = (a + b) * c.d\n';
    const f = await parseHcl('p.tf', text);
    const e = f.body.items[0]!.kind === 'attribute' ? f.body.items[0]!.expr : undefined;
    if (e?.t !== 'binop') throw new Error('binop expected');
    expect(text.slice(e.left.span!.start, e.left.span!.end)).toBe('(a + b)');
    expect(text.slice(e.right.span!.start, e.right.span!.end)).toBe('c.d');
  });
});

describe('printing substituted trees keeps operator precedence', () => {
  it.each(SUBSTITUTIONS.flatMap(({ context, values }) => values.map((v) => [context, v] as const)))('%s with A = %s', async (context, value) => {
    const printed = await substituted(context, value);
    // Reparsing the printed text gives back exactly the substituted tree: no operator changed sides.
    const want = substitute(await parseExpression(context), { A: await parseExpression(value), B: await parseExpression(value) });
    expect(shape(stripParens(await parseExpression(printed)))).toEqual(shape(stripParens(want)));
  });
});

describe('refusals name the real file, line and column', () => {
  const refuse = async (text: string) => {
    try {
      await parseHcl('modules/web/main.tf', text);
    } catch (err) {
      expect(err).toBeInstanceOf(HclSyntaxError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['an empty interpolation (Terraform: Invalid expression)', 'locals {\n  a = "x${}"\n}\n', /^modules\/web\/main\.tf:2:9: /],
    ['a hexadecimal number (Terraform has none)', 'locals {\n  a = 0x1F\n}\n', /^modules\/web\/main\.tf:2:7: .*decimal/],
    ['an unbalanced parenthesis', 'locals {\n  a = (1 + 2\n}\n', /^modules\/web\/main\.tf:\d+:\d+: HCL syntax error/],
    ['a broken operator', 'locals {\n  a = 1 +\n}\n', /^modules\/web\/main\.tf:\d+:\d+: HCL syntax error/],
  ])('%s', async (_what, text, want) => {
    const msg = await refuse(text);
    expect(msg).toMatch(want);
    expect(msg).not.toContain('<input>');
  });
});
