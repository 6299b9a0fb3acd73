// Expression forms shared by the parser tests (expressions.test.ts) and the terraform console
// oracle (test/evaluate/console-oracle.test.ts).
import { parseExpression } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import type { Expr } from '../../src/hcl/ast.js';

/** Every expression kind of the tree-sitter HCL grammar (node-types.json), in the forms Terraform accepts. */
export const EXPRESSION_FORMS = [
  // parentheses wherever an expression can stand
  'a - (b + c)',
  'x && (!y || z) ? n : 0',
  '(a + b) * c',
  '(a) || b',
  '(var.acl != null && var.acl != "null") || length(local.grants) > 0',
  '!(a)',
  '-(a + 1)',
  '(x).y[0]',
  '(a)[*].b',
  '(a).b.*.c',
  'a.b[(c)]',
  '((a))',
  '[for x in (l) : (x) if (x != "")]',
  '{ for k, v in (m) : (k) => (v) }',
  'f((a), (b + 1)...)',
  '"${(a + b)}"',
  '{ (var.k) = v, ("lit") = 1 }',
  '{\n  (var.a) = var.x\n  (var.b) = var.y # why\n  (var.c) = z\n}',
  '(a ? b : c) ? d : e',
  // conditionals: a chain in a branch groups to the right, as Terraform reads it
  'a ? b : c ? d : e',
  'a ? b ? c : d : e',
  'a || b ? c : d',
  // operators, every one, and unary forms
  'a || b && c',
  'a == b != c',
  'a < b',
  'a <= b',
  'a > b',
  'a >= b',
  'a + b - c',
  'a * b / c % d',
  'a - -b',
  '!!a',
  '-a.b[0]',
  '!a[0]',
  // traversals, splats, legacy index
  'a[*].b',
  'a.*.b',
  'a[*]',
  'a.*',
  'a[*].b[0].c',
  'a.b.*.c',
  'a.0',
  'a.0.b',
  'a[0][1]',
  // calls: nested, expanded final argument, provider-defined, multi-line with trailing comma
  'f(g(x), h(y...))',
  'f(x...)',
  'provider::aws::arn_parse("arn:aws:s3:::b")',
  'merge(\n  a,\n  b,\n)',
  'f()',
  // collections: trailing commas, `:` in objects, newlines as separators, comments inside
  '[1, 2,]',
  '{ a = 1, b: 2, }',
  '{\n  # c\n  a = 1 # d\n  /* e */ b = 2\n  // f\n}',
  '[\n  1, # one\n  2,\n]',
  // for: tuple/object, one or two iterators, if, grouping
  '[for x in l : x if x != null]',
  '[for i, x in l : "${i}=${x}"]',
  '{ for k, v in m : k => v }',
  '{ for k, v in m : v => k... }',
  '{ for k, v in m : v => k... if k != "" }',
  // templates: interpolation, directives, strip markers, escapes
  '"${a}b%{if c}d%{else}e%{endif}"',
  '"%{for k, v in m}${k}=${v},%{endfor}"',
  '"%{ for s in l ~}\\n ${s} %{~ endfor }"',
  '"$${a} %%{b} \\"q\\" \\\\ \\n \\t \\u00e9 \\U0001F600"',
  '"${"nested ${a}"}"',
  '<<EOT\nhello ${a}\n$${literal}\nEOT',
  '<<-EOT\n    indented ${a}\n      more\n    EOT',
  '<<EOT\n%{for s in l}${s}\n%{endfor}\nEOT',
  // literals
  '1e3',
  '2E-2',
  '1.5e3',
  '0.25',
  'null',
  'true',
  '"ünï"',
];

/** The tree without spans and source text: what the expression means. */
export function shape(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'span' || k === 'raw' || k === 'verbatim' || k === 'legacy' ? undefined : v)));
}

/** A tree with every `var` named in subs replaced by a copy of that tree (what the inliner does). */
export function substitute(e: Expr, subs: Record<string, Expr>): Expr {
  if (e.t === 'var' && subs[e.name]) return subs[e.name]!;
  return JSON.parse(JSON.stringify(e), (_k, v: unknown) => (v && typeof v === 'object' && (v as Expr).t === 'var' && subs[(v as { name: string }).name] ? subs[(v as { name: string }).name] : v)) as Expr;
}

/** The tree with paren nodes removed (they carry no meaning in a tree; the printer adds what it needs). */
export function stripParens(e: Expr): Expr {
  return JSON.parse(JSON.stringify(e), (_k, v: unknown) => {
    let x = v as Expr;
    while (x && typeof x === 'object' && x.t === 'paren') x = x.inner;
    return x;
  }) as Expr;
}

/** Operator contexts and the values substituted into them; console-oracle.test.ts evaluates each pair. */
export const SUBSTITUTIONS: { context: string; values: string[] }[] = [
  { context: 'A * 2', values: ['1 + 2', '-3', '4 - 1', 'true ? 5 : 6', '(7)'] },
  { context: '10 - A', values: ['3 - 2', '2 + 1', '-4', '2 * 3'] },
  { context: 'A - A', values: ['1 - 2'] },
  { context: '-A', values: ['1 + 2', '-3', 'false ? 1 : 2'] },
  { context: '!A', values: ['true && false', '1 == 1', 'false ? true : false'] },
  { context: 'A ? 1 : 2', values: ['true ? false : true', 'true || false', '!true'] },
  { context: 'true ? A : 2', values: ['false ? 3 : 4'] },
  { context: 'false ? 1 : A', values: ['false ? 3 : 4'] },
  { context: 'A == B', values: ['1 + 1', 'true ? 2 : 3'] },
  { context: '[10, 20, 30][A]', values: ['1 + 1', 'true ? 0 : 1'] },
  { context: '{ a = { b = 9 } }[A].b', values: ['true ? "a" : "b"'] },
  { context: 'A.b', values: ['true ? { b = 1 } : { b = 2 }'] },
  { context: 'A[0]', values: ['true ? [1] : [2]'] },
  { context: 'A[*]', values: ['false ? [1] : [2, 3]'] },
  { context: '"x${A}y"', values: ['1 + 2', 'true ? "a" : "b"'] },
  { context: 'A && B || A', values: ['true || false', 'false && true'] },
];

/** The printed form of context with A (and B) replaced by the tree of value. */
export async function substituted(context: string, value: string): Promise<string> {
  const v = await parseExpression(value);
  return printExpr(substitute(await parseExpression(context), { A: v, B: v }));
}
