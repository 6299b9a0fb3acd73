// terraform console is the evaluator's oracle (DESIGN.md). Each expression below is read by our
// parser, folded by our evaluator and printed back; terraform evaluates the original text and our
// printed text. All three must agree on the value, so neither the parser, the evaluator nor the
// printer may change what an expression means.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { evaluate, identityScope } from '../../src/evaluate/evaluate.js';
import { jsonEncode } from '../../src/evaluate/functions.js';
import { isKnown } from '../../src/evaluate/values.js';
import { consoleEval } from '../../src/terraform/index.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';
import { SUBSTITUTIONS, substituted } from '../hcl/expression-forms.js';

/** Expressions over literals in every syntactic form we read, each of which our evaluator folds. */
const FOLDED = [
  // parentheses and precedence
  '10 - (2 + 3)',
  '(10 - 2) + 3',
  '(2 + 3) * 4',
  '2 + 3 * 4',
  '(true && (!false || false)) ? 1 : 0',
  'true && (!true || false) ? 1 : 0',
  '!(true && false)',
  '-(1 + 2)',
  '((7))',
  '({ a = [1, 2] }).a[1]',
  '([10, 20])[0]',
  '(["x", "y"])[*]',
  '{ ("k${1}") = 1, ("lit") = 2 }',
  '{\n  ("a") = 1\n  ("b") = 2\n}',
  // conditionals: a chain groups to the right
  'true ? 1 : false ? 2 : 3',
  'false ? 1 : true ? 2 : 3',
  'false ? 1 : false ? 2 : 3',
  'true ? false ? 1 : 2 : 3',
  'false || true ? "y" : "n"',
  // every operator, unary and binary
  '7 % 3',
  '7 / 2',
  '2 * 3 / 4',
  '1 - 2 - 3',
  '8 - -2',
  '--3',
  '!!true',
  '1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3',
  '1 == 1 != false',
  'true || false && false',
  '"a" == "a"',
  '[1, 2] == [1, 2]',
  // traversals, splats and the legacy index over literals
  '[{ a = 1 }, { a = 2 }][*].a',
  '[{ a = 1 }, { a = 2 }].*.a',
  '[{ a = [5, 6] }][*].a[1]',
  '[[1, 2], [3]][0][1]',
  '{ a = { b = "c" } }.a.b',
  '[10, 20].1',
  // calls: nested, expanded final argument, trailing comma, newlines
  'max([3, 9, 2]...)',
  'concat([1], [2, 3],)',
  'join("-", concat(\n  ["a"],\n  ["b"],\n))',
  'upper(lower("MiXeD"))',
  // collections
  '[1, 2,]',
  '{ a = 1, b: 2, }',
  '{\n  a = 1 # one\n  /* two */ b = 2\n}',
  // for expressions: tuple and object, one or two iterators, if, grouping
  '[for x in [1, 2, 3] : x * 2 if x != 2]',
  '[for i, x in ["a", "b"] : "${i}=${x}"]',
  '{ for k, v in { a = 1, b = 2 } : v => k }',
  '{ for k, v in { a = "x", b = "x", c = "y" } : v => k... }',
  '{ for k, v in { a = 1, b = 2, c = 3 } : k => v if v > 1 }',
  // templates: interpolation, directives, strip markers, escapes
  '"${1 + 2}b%{if true}d%{else}e%{endif}"',
  '"%{for k, v in { a = 1, b = 2 }}${k}=${v},%{endfor}"',
  '"%{ for s in ["a", "b"] ~}\\n ${s} %{~ endfor }"',
  '"$${a} %%{b} \\"q\\" \\\\ \\t \\u00e9"',
  '"${"nested ${1}"}"',
  '"x${(1 + 2) * 2}"',
  '<<EOT\nhello ${1 + 1}\n$${literal}\nEOT',
  '<<-EOT\n    indented ${"x"}\n      more\n    EOT',
  // flush heredocs: lines of only whitespace are kept as they are, not unindented
  '<<-EOT\n    x\n      \n      y\n    EOT',
  '<<-EOT\n    a\n\n    b\n  \t\n    EOT',
  '<<EOT\n  kept\n  EOT',
  // folded values that would end the heredoc early, or that are indented on every line
  '<<EOT\n${"EOT"}\nEOT',
  '<<-EOT\n  ${"  EOT"}\n  EOT',
  '<<-EOT\n  ${"  a"}\n  ${"  b"}\n  EOT',
  '<<-EOT\n  ${"a"}\n    ${"b"}\n  EOT',
  // laziness: unselected branches and failing try()/can() arguments are errors terraform skips
  'false ? [][0] : "else"',
  'true ? "then" : [][0]',
  'try([][0], "fallback")',
  'try({ a = 1 }.b, { a = 1 }.a)',
  'try(["x"][5], ["y"][0], "z")',
  'can([][0])',
  'can({ a = 1 }.a)',
  'can(tonumber("nan-text")) ? 1 : 0',
  'length({ for k in [] : k => k })',
  'lookup({ a = 1 }, "b", 7)',
  'coalesce(null, "", "x")',
  'join(",", sort(["b", "a", "c"]))',
  'setunion(["b", "a"], ["c", 1])',
  'setintersection(["a", "b"], ["b", "c"])',
  'setsubtract([1, 2], ["1"])',
  'length(setsubtract(["x", "y"], ["y"]))',
  '[for s in setsubtract(["b", "a", "c"], ["a"]) : upper(s)]',
  'contains([], "x")',
  'can(regex("\\\\d", "P"))',
  'can(regex("^pl-", "pl-0123"))',
  'regex("^[a-z]+-(\\\\d+)$", "web-42")',
  'regex("(?P<name>[a-z]+)/(?P<az>[a-z0-9-]+)", "private/eu-west-1a")',
  'regexall("[0-9]+", "a1b22c333")',
  'regex("a.c", "a\\rc")',
  'regex("\\\\s+", "a \\t\\u00a0b")',
  'regex("(?i)^ABC", "abcdef")',
  'regex("[^/]+$", "arn:aws:iam::123:role/x/y")',
  'regex("x{2,3}?", "xxxx")',
  'length(regexall("^express", "kafka.m5.large")) > 0 ? [] : [true]',
  'replace("Eq-Prod_App 1", "/[^-a-zA-Z0-9]/", "")',
  'lower(replace("my.app/v2", "/[^a-z0-9]+/", "-"))',
  // literals
  '1e3',
  '2E-2',
  '1.5e3',
  '"ünï"',
];

let dir: string;

async function terraformValues(exprs: string[]): Promise<unknown[]> {
  // The console reads one line at a time, so multi-line forms go into a configuration as locals;
  // one console run reads them all, as a tuple of their JSON encodings.
  writeFileSync(join(dir, 'main.tf'), `locals {\n${exprs.map((e, i) => `  e${i} = ${e}\n`).join('')}}\n`);
  const out = await consoleEval(`[${exprs.map((_e, i) => `jsonencode(local.e${i})`).join(', ')}]`, { cwd: dir });
  return parseConsoleTuple(out);
}

/** `[\n  "<json>",\n ...]` as printed by terraform console → the decoded values. */
function parseConsoleTuple(out: string): unknown[] {
  const strings = [...out.matchAll(/^ {2}("(?:[^"\\]|\\.)*"),$/gm)].map((m) => JSON.parse(m[1]!) as string);
  return strings.map((s) => JSON.parse(s));
}

function ours(src: string) {
  return async () => {
    const v = evaluate(await parseExpression(src), identityScope);
    if (!isKnown(v)) throw new Error(`${src} did not fold: ${printExpr(v)}`);
    return JSON.parse(jsonEncode(v));
  };
}

describe('terraform console agrees with our parser, evaluator and printer', () => {
  it('folds every form to the value terraform computes; our printed form and our printed folded value compute it too', { timeout: 120_000 }, async () => {
    dir = makeTemp('unmodule-console-');
    try {
      const printed = await Promise.all(FOLDED.map(async (e) => printExpr(await parseExpression(e))));
      const folded = await Promise.all(FOLDED.map(async (e) => printExpr(evaluate(await parseExpression(e), identityScope))));
      const [theirs, ofPrinted, ofFolded] = [await terraformValues(FOLDED), await terraformValues(printed), await terraformValues(folded)];
      expect(theirs).toHaveLength(FOLDED.length);
      for (const [i, src] of FOLDED.entries()) {
        expect(await ours(src)(), `our value of ${src}`).toEqual(theirs[i]);
        expect(ofPrinted[i], `terraform's value of our print ${printed[i]} (from ${src})`).toEqual(theirs[i]);
        expect(ofFolded[i], `terraform's value of our folded print ${folded[i]} (from ${src})`).toEqual(theirs[i]);
      }
    } finally {
      removeTemp(dir);
    }
  });

  it('a substituted operand keeps its meaning in every operator context', { timeout: 120_000 }, async () => {
    dir = makeTemp('unmodule-console-');
    try {
      const pairs = SUBSTITUTIONS.flatMap(({ context, values }) => values.map((v) => ({ context, v })));
      // The reference: the value pasted in with parentheses, which never changes meaning.
      const reference = pairs.map(({ context, v }) => context.replace(/\b[AB]\b/g, `(${v})`));
      const printed = await Promise.all(pairs.map(({ context, v }) => substituted(context, v)));
      const [want, got] = [await terraformValues(reference), await terraformValues(printed)];
      expect(want).toHaveLength(pairs.length);
      for (const [i, p] of pairs.entries()) expect(got[i], `${printed[i]} (${p.context} with ${p.v})`).toEqual(want[i]);
    } finally {
      removeTemp(dir);
    }
  });
});
