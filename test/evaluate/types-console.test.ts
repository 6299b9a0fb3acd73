// terraform console as the oracle for the types of folded function results. Where a folded value
// lands somewhere dynamically typed (terraform_data's input, an output), its type is part of the
// value: sort(...) folded to a tuple literal is a planned change. Each expression is folded as
// the engine does for such places (evaluate, then withCollectionTypes) and terraform console
// must give the folded text the same type() as the original expression.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluate, identityScope } from '../../src/evaluate/evaluate.js';
import { convertToType, withCollectionTypes } from '../../src/evaluate/types.js';
import { parseExpression } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';

// Functions whose result type is not the type of the literal they fold to, over tuples/objects
// (HCL literals) and over lists/maps/sets (what typed variables and other functions hold).
const EXPRESSIONS = [
  'sort(toset(["b", "a"]))',
  'sort(["b", "a", "c"])',
  'distinct(["a", "b", "a"])',
  'distinct(tolist(["a", "a"]))',
  'compact(["a", "", "b"])',
  'flatten([["a"], ["b", "c"]])',
  'flatten(tolist([tolist(["a"]), tolist(["b"])]))',
  'keys({ b = 1, a = "x" })',
  'keys(tomap({ b = "1", a = "x" }))',
  'values({ b = 1, a = "x" })',
  'values(tomap({ b = "1", a = "x" }))',
  'toset(["b", "a"])',
  'tolist(["a", "b"])',
  'tolist(toset(["b", "a"]))',
  'tomap({ a = "x", b = "y" })',
  'jsondecode("{\\"a\\":[1,2],\\"b\\":{\\"c\\":true}}")',
  'merge({ a = 1 }, { b = "x" })',
  'merge(tomap({ a = "x" }), tomap({ b = "y" }))',
  'merge(tomap({ a = "x" }), { b = "y" })',
  '[for s in ["a", "b"] : upper(s)]',
  '[for s in tolist(["a", "b"]) : s]',
  '{ for s in ["a", "b"] : s => upper(s) }',
  '{ for k, v in tomap({ a = "x" }) : k => v }',
  'concat(["a"], ["b"])',
  'concat(tolist(["a"]), tolist(["b"]))',
  'concat(tolist(["a"]), ["b"])',
  'reverse(["a", "b"])',
  'reverse(tolist(["a", "b"]))',
  'range(3)',
  'range(1, 7, 2)',
  'split(",", "a,b,c")',
  'zipmap(["a", "b"], ["x", "y"])',
  'zipmap(["a", "b"], tolist(["x", "y"]))',
  'zipmap(["a"], [1])',
  'lookup({ a = ["x"] }, "a")',
  'lookup(tomap({ a = tolist(["x"]) }), "a")',
  'coalescelist(["a"], ["b"])',
  'coalescelist(tolist([]), tolist(["b"]))',
  'element(tolist(["a", "b"]), 1)',
  'one(tolist(["a"]))',
  'setproduct(["a"], ["b", "c"])',
  'setproduct(toset(["a"]), ["b", "c"])',
  'setunion(["b", "a"], ["c", 1])',
  'setsubtract(["a", "b"], ["a"])',
  'setsubtract([1, 2], ["1"])',
  'setintersection(["a", "b"], toset(["b", "c"]))',
  'setsubtract(["a"], ["a"])',
  'setunion([], [])',
  'regex("^[a-z]+-(\\\\d+)$", "web-42")',
  'regexall("[0-9]+", "a1b22")',
  'regex("(?P<name>[a-z]+)", "abc")',
  'regex("[a-z]+", "abc")',
  'regexall("x", "abc")',
  'compact(["", null])',
  // A typed list(object) against concat() of it with an object of other attributes: list(map(string)).
  'false ? concat(tolist([{ content = "x", content_type = "y", filename = tostring(null) }]), [{ content_type = "a", content = "b" }]) : tolist([{ content = "x", content_type = "y", filename = tostring(null) }])',
  'false ? [{ a = 1 }, { b = "x" }] : [{ a = 2 }]',
  'length(sort(["b", "a"]))',
  '{ names = sort(["b", "a"]), tags = merge(tomap({ a = "x" }), tomap({ b = "y" })) }',
  '[sort(["b", "a"]), keys(tomap({ k = "v" }))]',
];

// Values of typed module variables, as convertToType produces them: (value, type) pairs.
const CONVERSIONS: [string, string][] = [
  ['["b", "a"]', 'list(string)'],
  ['{ a = "x" }', 'map(string)'],
  ['["b", "a"]', 'set(string)'],
  ['{ a = ["x"] }', 'map(list(string))'],
  ['[{ a = "x" }]', 'list(map(string))'],
];

async function fold(src: string): Promise<string> {
  return printExpr(withCollectionTypes(evaluate(await parseExpression(src), identityScope)));
}

async function foldConverted(value: string, type: string): Promise<string> {
  const v = evaluate(await parseExpression(value), identityScope);
  return printExpr(withCollectionTypes(convertToType(v, await parseExpression(type))));
}

/** type() of each expression, as terraform console prints it, in one console run. */
async function consoleTypes(exprs: string[], cwd: string): Promise<string> {
  // One tuple holding every value: one console run (~0.2 s) instead of one per expression.
  const child = execFile('terraform', ['console'], { cwd, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  // The console reads one line per expression.
  const line = exprs.map(oneLine).join(', ');
  child.stdin!.end(`type([${line}])\n`);
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? 1)));
  if (code !== 0 || /Error/.test(out)) throw new Error(`terraform console failed (${code}):\n${out}\n${err}`);
  return out.trim();
}

/** A printed expression on one line (objects with commas between attributes). */
function oneLine(e: string): string {
  return e
    .replace(/,\n\s*/g, ', ')
    .replace(/\[\n\s*/g, '[')
    .replace(/\{\n\s*/g, '{ ')
    .replace(/\n\s*\]/g, ']')
    .replace(/\n\s*\}/g, ' }')
    .replace(/\n\s*/g, ', ');
}

/** The element types of the printed tuple type, one per expression. */
function elementTypes(printed: string): string[] {
  const inner = printed.replace(/^tuple\(\[\s*/, '').replace(/\s*\]\)$/, '');
  // Top-level elements are the lines indented by exactly four spaces (terraform's layout).
  const out: string[] = [];
  for (const line of inner.split('\n')) {
    if (/^ {4}[^\s)\]}]/.test(line) || out.length === 0) out.push(line.trim());
    else out[out.length - 1] += ' ' + line.trim();
  }
  return out.map((t) => t.replace(/,$/, ''));
}

describe('folded function results keep their Terraform type (terraform console is the oracle)', () => {
  it('every folded expression has the type() of the expression it replaces', async () => {
    const dir = makeTemp('unmodule-console-');
    try {
      const folded = await Promise.all(EXPRESSIONS.map(fold));
      const [want, got] = [elementTypes(await consoleTypes(EXPRESSIONS, dir)), elementTypes(await consoleTypes(folded, dir))];
      expect(want.length).toBe(EXPRESSIONS.length);
      const wrong = EXPRESSIONS.map((e, i) => ({ e, folded: folded[i], want: want[i], got: got[i] })).filter((r) => r.want !== r.got);
      expect(wrong).toEqual([]);
    } finally {
      removeTemp(dir);
    }
  });

  it('values converted to a typed variable keep the declared type', async () => {
    const dir = makeTemp('unmodule-console-');
    try {
      const folded = await Promise.all(CONVERSIONS.map(([v, t]) => foldConverted(v, t)));
      const got = elementTypes(await consoleTypes(folded, dir));
      const rows = CONVERSIONS.map(([v, t], i) => ({ v, t, folded: folded[i], got: got[i] })).filter((r) => r.got !== r.t);
      expect(rows).toEqual([]);
    } finally {
      removeTemp(dir);
    }
  });
});
