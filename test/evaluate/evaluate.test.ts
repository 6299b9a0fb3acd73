// The partial evaluator: what folds, what stays symbolic, and Terraform's semantics where they bite.
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { bindScope, evaluate, identityScope, tryEvaluate, type Scope } from '../../src/evaluate/evaluate.js';
import { convertToType, withCollectionTypes } from '../../src/evaluate/types.js';
import { lit } from '../../src/hcl/ast.js';

// A module-like scope: var.* known, aws_s3_bucket.this is a folded count (a one-element tuple).
const scope: Scope = {
  resolve(root, acc) {
    const first = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
    if (root === 'var' && first === 'name') return { expr: lit.string('alpha'), consumed: 1 };
    if (root === 'var' && first === 'tags') return { expr: lit.object([['Team', lit.string('x')]]), consumed: 1 };
    if (root === 'var' && first === 'on') return { expr: lit.bool(true), consumed: 1 };
    if (root === 'aws_s3_bucket' && first === 'this') return { expr: lit.tuple([{ t: 'getattr', obj: { t: 'var', name: 'aws_s3_bucket' }, name: 'b' }]), consumed: 1 };
    if (root === 'aws_s3_bucket' && first === 'gone') return { expr: lit.tuple([]), consumed: 1 };
    return undefined;
  },
};

async function ev(src: string, s: Scope = scope): Promise<string> {
  return printExpr(evaluate(await parseExpression(src), s));
}

describe('folding references to a resource whose count folded to 1', () => {
  it.each([
    ['aws_s3_bucket.this[0].id', 'aws_s3_bucket.b.id'],
    ['aws_s3_bucket.this[*].arn', '[aws_s3_bucket.b.arn]'],
    ['one(aws_s3_bucket.this[*].arn)', 'aws_s3_bucket.b.arn'],
    ['try(aws_s3_bucket.this[0].id, "")', 'aws_s3_bucket.b.id'],
    ['element(concat(aws_s3_bucket.this.*.arn, [""]), 0)', 'aws_s3_bucket.b.arn'],
    ['length(aws_s3_bucket.this)', '1'],
  ])('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));
});

describe('folding references to a resource whose count folded to 0', () => {
  it.each([
    ['try(aws_s3_bucket.gone[0].id, "")', '""'],
    ['one(aws_s3_bucket.gone[*].id)', 'null'],
    ['element(concat(aws_s3_bucket.gone.*.arn, [""]), 0)', '""'],
    ['length(aws_s3_bucket.gone) > 0 ? "yes" : "no"', '"no"'],
  ])('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));

  it('an index out of range outside try is an error, as in Terraform', async () => {
    await expect(ev('aws_s3_bucket.gone[0].id')).rejects.toThrow(/out of range/);
  });
});

describe('functions and operators', () => {
  it.each([
    ['merge(var.tags, { Name = var.name })', '{\n  Team = "x"\n  Name = "alpha"\n}'],
    ['"${var.name}-logs"', '"alpha-logs"'],
    ['"${var.on}"', 'true'],
    ['var.on && var.name != "" ? 1 : 0', '1'],
    ['lookup({ a = 1 }, "b", 7)', '7'],
    ['coalesce(null, "", "x")', '"x"'],
    ['format("%s-%03d", "a", 7)', '"a-007"'],
    ['join(",", sort(toset(["b", "a", "b"])))', '"a,b"'],
    ['keys({ z = 1, a = 2 })', '["a", "z"]'],
    ['[for k, v in { b = 2, a = 1 } : "${k}=${v}"]', '["a=1", "b=2"]'],
    ['{ for s in ["x", "y"] : s => upper(s) }', '{\n  x = "X"\n  y = "Y"\n}'],
    ['"%{ for s in ["a", "b"] }${s};%{ endfor }"', '"a;b;"'],
    ['substr("hello", 1, 3)', '"ell"'],
    ['jsonencode("<a&b>")', '"\\"\\\\u003ca\\\\u0026b\\\\u003e\\""'],
    ['replace("a-b-c", "-", "_")', '"a_b_c"'],
    ['5 / 2', '2.5'],
  ])('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));

  it('keeps what it cannot know, with known parts folded', async () => {
    expect(await ev('merge(var.tags, local.extra)')).toBe('merge({ Team = "x" }, local.extra)');
    expect(await ev('sha256(var.name)')).toBe('sha256("alpha")');
    expect(await ev('try(local.x.y, var.name)')).toBe('try(local.x.y, "alpha")');
  });

  it('jsonencode of an object is kept as a call: equivalent and readable', async () => {
    expect(await ev('jsonencode({ Version = "2012-10-17" })')).toBe('jsonencode({ Version = "2012-10-17" })');
  });

  it('for expressions over unknown collections keep their own iterator names', async () => {
    expect(await ev('[for name in local.names : "${var.name}-${name}"]', bindScope(scope, new Map()))).toBe('[for name in local.names : "alpha-${name}"]');
  });

  it("try() over an iterator's attribute is kept: an element without the attribute fails (objects of a tuple differ)", async () => {
    expect(await ev('[for rule in local.rules : try(rule.selection.countUnit, null) != null ? 1 : 0]')).toBe('[for rule in local.rules : try(rule.selection.countUnit, null) != null ? 1 : 0]');
    expect(await ev('{ for k, v in local.m : k => try(v.name, k) }')).toBe('{ for k, v in local.m : k => try(v.name, k) }');
    // A resource's attribute cannot fail (its schema is checked before): the try() goes.
    expect(await ev('[for rule in local.rules : try(aws_s3_bucket.b.arn, null)]')).toBe('[for rule in local.rules : aws_s3_bucket.b.arn]');
  });

  it('folds what a person would not write, only where it is exact', async () => {
    // A neutral operand goes when the other is a bool by its form, or when it is a condition.
    expect(await ev('false || aws_s3_bucket.b.arn != null ? [1] : []')).toBe('aws_s3_bucket.b.arn != null ? [1] : []');
    expect(await ev('true && !local.off')).toBe('!local.off');
    expect(await ev('module.this.enabled && var.on ? 1 : 0')).toBe('module.this.enabled ? 1 : 0');
    expect(await ev('var.on && module.this.enabled && true ? 1 : 0')).toBe('module.this.enabled ? 1 : 0');
    // Not where x may be a string: `true && x` is a bool, x alone is not.
    expect(await ev('var.on && local.flag')).toBe('true && local.flag');
    // try() of something that cannot fail is that thing; of something that must fail, the fallback.
    expect(await ev('try(jsonencode({ hello = "world" }), null)')).toBe('jsonencode({ hello = "world" })');
    expect(await ev('try(jsondecode([]), [])')).toBe('[]');
    // Nothing to find in an empty map, whatever the key.
    expect(await ev('lookup({}, local.k, "d")')).toBe('"d"');
    expect(await ev('lookup({ a = 1 }, local.k, 0)')).toBe('lookup({ a = 1 }, local.k, 0)');
  });

  it('leaves the root scope alone', async () => {
    expect(await ev('var.region', identityScope)).toBe('var.region');
  });
});

describe('variable type conversion', () => {
  it('fills optional() attributes with their defaults and drops undeclared ones', async () => {
    const type = await parseExpression('list(object({ port = number, cidr = optional(string, "0.0.0.0/0"), desc = optional(string) }))');
    const value = await parseExpression('[{ port = "443", extra = true }]');
    expect(printExpr(convertToType(value, type))).toBe('[\n  {\n    port = 443\n    cidr = "0.0.0.0/0"\n    desc = null\n  },\n]');
  });

  it('converts primitives as Terraform does', async () => {
    expect(printExpr(convertToType(lit.number(3), await parseExpression('string')))).toBe('"3"');
    expect(printExpr(convertToType(lit.string('true'), await parseExpression('bool')))).toBe('true');
    expect(printExpr(convertToType(await parseExpression('["b", "a", "a"]'), await parseExpression('set(string)')))).toBe('toset(["a", "b"])');
  });
});

describe('collection types that literals cannot spell', () => {
  it('a map(string) input stays a map where the type matters, and lookup misses give typed nulls', async () => {
    const { withCollectionTypes } = await import('../../src/evaluate/types.js');
    const env = convertToType(await parseExpression('{ STAGE = "prod" }'), await parseExpression('map(string)'));
    expect(printExpr(withCollectionTypes(env))).toBe('tomap({ STAGE = "prod" })');
    const typed: Scope = { resolve: (root, acc) => (root === 'var' && acc[0]?.t === 'getattr' && acc[0].name === 'env' ? { expr: env, consumed: 1 } : undefined) };
    expect(await ev('lookup(var.env, "MISSING", null)', typed)).toBe('tostring(null)');
    expect(await ev('lookup(var.env, "STAGE", null)', typed)).toBe('"prod"');
    // A plain object literal is an object: nothing to preserve.
    expect(printExpr(withCollectionTypes(await parseExpression('{ a = 1 }')))).toBe('{\n  a = 1\n}');
  });
});

describe('a folded conditional keeps the type both arms unify to', () => {
  // var.labels is a set(string) (cloudposse null-label's labels_as_tags): Terraform converts the
  // taken arm to set(string) even when the condition is known, so the folded value is a set.
  const setScope: Scope = {
    resolve(root, acc) {
      const first = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
      if (root === 'var' && first === 'labels') return { expr: convertToType(lit.tuple([lit.string('default')]), { t: 'call', name: 'set', args: [{ t: 'var', name: 'string' }] }), consumed: 1 };
      return undefined;
    },
  };
  it.each([
    ['contains(var.labels, "default") ? ["stage", "name"] : var.labels', 'toset(["name", "stage"])'],
    ['contains(var.labels, "default") ? keys(local.ctx) : var.labels', 'toset(keys(local.ctx))'],
    ['true ? ["b", "a"] : toset(local.x)', 'toset(["a", "b"])'],
    ['false ? var.labels : ["x"]', 'toset(["x"])'],
    ['true ? var.labels : ["x"]', 'toset(["default"])'],
    ['true ? null : var.labels', 'null'],
    // An untaken arm whose type cannot be told (a reference this scope does not know) could be a
    // set or a list: the conditional is kept rather than the tuple's type guessed.
    ['true ? ["b", "a"] : local.x', 'true ? ["b", "a"] : local.x'],
    // ... but a failing untaken arm never matters (Terraform does not evaluate it).
    ['true ? ["b"] : var.labels[5]', '["b"]'],
    ['true ? "b" : local.x', '"b"'],
  ])('%s → %s', async (src, want) => expect(await ev(src, setScope)).toBe(want));

  // The other arm through a local, a hoisted root local, or an expression whose type shows
  // (cloudposse null-label: `contains(local.input.labels_as_tags, "default") ? keys(...) : local.input.labels_as_tags`).
  const localScope: Scope = {
    resolve(root, acc) {
      const first = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
      if (root === 'local' && first === 'input') return { expr: lit.object([['labels_as_tags', setScope.resolve('var', [{ t: 'getattr', name: 'labels' }])!.expr]]), consumed: 1 };
      if (root === 'local' && first === 'big') return { expr: { t: 'getattr', obj: { t: 'var', name: 'local' }, name: 'svc_big' }, consumed: 1 };
      return undefined;
    },
    hoistedValue: (name) => (name === 'svc_big' ? { t: 'call', name: 'toset', args: [lit.tuple([lit.string('x')])] } : undefined),
  };
  it.each([
    ['contains(local.input.labels_as_tags, "default") ? ["stage", "name"] : local.input.labels_as_tags', 'toset(["name", "stage"])'],
    ['true ? keys(local.ctx) : local.input.labels_as_tags', 'toset(keys(local.ctx))'],
    ['true ? ["b"] : local.big', 'toset(["b"])'],
    ['true ? ["b"] : (false ? toset(["a"]) : null)', 'toset(["b"])'],
    ['true ? 1 : "x"', '"1"'],
    ['true ? 1 : 2', '1'],
  ])('%s → %s', async (src, want) => expect(await ev(src, localScope)).toBe(want));

  it.each([
    // Different lengths unify to a list, different attributes to a map (terraform console:
    // type(true ? ["a"] : ["b","c"]) is list(string), type(true ? {a=1} : {b=2}) map(number)).
    ['true ? ["a"] : ["b", "c"]', 'tolist(["a"])'],
    ['true ? { a = 1 } : { b = 2 }', 'tomap({ a = 1 })'],
    ['true ? { a = 1 } : { a = 2 }', '{\n  a = 1\n}'],
    ['true ? ["a"] : tolist(["b"])', 'tolist(["a"])'],
  ])('%s → %s (where the type is written)', async (src, want) => expect(printExpr(withCollectionTypes(evaluate(await parseExpression(src), localScope)))).toBe(want.replace(/\\n/g, '\n')));
});

describe('attribute reads of big objects (indexed once: a naming module reads hundreds of keys)', () => {
  const big = `{ a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, "i j" = 9, a = 10 }`;
  it.each([
    [`${big}.b`, '2'],
    [`${big}["i j"]`, '9'],
    [`${big}.a`, '10'], // a later duplicate wins, as in Terraform
    [`lookup(${big}, "h", 0)`, '8'],
    [`lookup(${big}, "zz", 0)`, '0'],
  ])('%s → %s', async (src, want) => {
    expect(await ev(src)).toBe(want);
  });
  it('a key computed from a known value is read like a literal one', async () => {
    expect(await ev(`{ a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, (var.name) = 9 }.alpha`)).toBe('9');
  });
});

describe('set functions, and what stays empty whatever an unknown collection holds', () => {
  it.each([
    ['setsubtract(["private", "public", "database"], ["public", "transit_gateway"])', 'toset(["database", "private"])'],
    ['setunion(["b", "a"], ["c", 1])', 'toset(["1", "a", "b", "c"])'],
    ['setintersection(["a", "b"], toset(["b", "c"]))', 'toset(["b"])'],
    ['setsubtract([1, 2], ["1"])', 'toset(["2"])'],
    // An empty set(string) has no literal (toset([]) is set(dynamic)): the call stays.
    ['setsubtract(["a"], ["a"])', 'setsubtract(["a"], ["a"])'],
    ['setunion([], [])', 'toset([])'],
    ['setunion(["a"], var.other)', 'setunion(["a"], var.other)'],
    ['contains([], var.other)', 'false'],
    ['[for s in var.other : s if contains([], s)]', '[]'],
    ['{ for s in var.other : s => s if false }', '{}'],
    ['[for s in var.other : s if contains(["a"], s)]', '[for s in var.other : s if contains(["a"], s)]'],
  ])('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));
});

describe('a local written once as a root local (hoisted) still folds what is computed from it', () => {
  const parts = lit.tuple([lit.object([['content', lit.string('x')], ['content_type', lit.string('application/node.eks.aws')]])]);
  const partial = lit.tuple([lit.object([['content', { t: 'call', name: 'base64decode', args: [{ t: 'getattr', obj: { t: 'var', name: 'local' }, name: 'm_user_data' }] }]])]);
  const hoisting: Scope = {
    resolve: (root, acc) => (root === 'local' && acc[0]?.t === 'getattr' ? { expr: { t: 'getattr', obj: { t: 'var', name: 'local' }, name: `m_${acc[0].name}` }, consumed: 1 } : undefined),
    hoistedValue: (name) => (name === 'm_parts' ? parts : name === 'm_partial' ? partial : undefined),
  };
  it.each([
    ['length(local.parts) > 0 ? 1 : 0', '1'],
    ['{ for i, v in local.parts : i => v.content }', '{\n  "0" = "x"\n}'],
    ['contains([for p in local.parts : p.content_type], "application/node.eks.aws")', 'true'],
    ['local.parts == []', 'false'],
    // What stays large is read through the root local's name.
    ['concat(local.parts, local.parts)', 'concat(local.m_parts, local.m_parts)'],
    ['local.other', 'local.m_other'],
    // A one-element list whose element is not known still has length 1 (EKS self-managed user data).
    ['length(local.partial) > 0 ? 1 : 0', '1'],
    ['local.partial[0].content', 'local.m_partial[0].content'],
  ])('%s → %s', async (src, want) => expect(await ev(src, hoisting)).toBe(want));
});

describe('regex() over known strings, for RE2 patterns JavaScript reads the same', () => {
  it.each([
    ['can(regex("\\\\d", substr("POSTGRES_14", 0, 1)))', 'false'],
    ['can(regex("^pl-", "pl-0123"))', 'true'],
    ['regex("^[a-z]+-(\\\\d+)$", "web-42")', '["42"]'],
    ['regex("(?P<name>[a-z]+)/(?P<az>[a-z0-9-]+)", "private/eu-west-1a")', '{\n  name = "private"\n  az   = "eu-west-1a"\n}'],
    ['regexall("[0-9]+", "a1b22c333")', '["1", "22", "333"]'],
    // Not promised the same meaning in JavaScript: kept.
    ['regex("\\\\pL+", "abc")', 'regex("\\\\pL+", "abc")'],
    ['regex("(a)?b", "b")', 'regex("(a)?b", "b")'],
    ['regex("(?:(a)|b)+", "ab")', 'regex("(?:(a)|b)+", "ab")'],
    // No match: an empty list(string) (msk-kafka-cluster: length(regexall("^express", type)) > 0).
    ['regexall("x", "abc")', '[]'],
    ['length(regexall("^express", "kafka.m5.large")) > 0 ? [] : [true]', '[true]'],
    ['regexall("(x)", "abc")', 'regexall("(x)", "abc")'],
    // replace() with a /regex/ (cloudposse label's regex_replace_chars), replacement without $.
    ['replace("Eq-Prod_App 1", "/[^-a-zA-Z0-9]/", "")', '"Eq-ProdApp1"'],
    // Go reads $1x as the group named "1x": none, so empty (terraform console agrees: test/evaluate/regex.test.ts).
    ['replace("ab", "/(a)/", "$1x")', '"b"'],
    ['replace("baaac", "/a*/", "-")', 'replace("baaac", "/a*/", "-")'],
  ])('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));

  it('an empty list(string) is written compact([]) where types show (tolist([]) is a list(dynamic))', async () => {
    expect(printExpr(withCollectionTypes(evaluate(await parseExpression('regexall("x", "abc")'), identityScope)))).toBe('compact([])');
  });

  it('regex() without a match fails, as in Terraform', async () => {
    await expect(ev('regex("^x", "abc")')).rejects.toThrow(/did not match/);
  });
});

describe('coalesce() takes a template with literal text: it is a non-empty string whatever it interpolates', () => {
  it.each([
    ['coalesce("${path.module}/templates/al2023_user_data.tpl")', '"${path.module}/templates/al2023_user_data.tpl"'],
    ['coalesce(null, "", "${var.other}-x", var.y)', '"${var.other}-x"'],
    ['coalesce(var.other, "${var.y}-x")', 'coalesce(var.other, "${var.y}-x")'],
    ['coalesce("${var.other}", "x")', 'coalesce(var.other, "x")'],
  ])('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));
});

describe('a conditional over sequences of objects unifies element types even where the other arm is not known', () => {
  it('the untaken concat() holds base64decode(...) (a string): the taken list(object) becomes a list of maps of strings', async () => {
    const src = 'false ? concat(tolist([{ content = "x", content_type = "y" }]), [{ content_type = "a", content = base64decode(var.other) }]) : tolist([{ content = "x", content_type = "y", filename = null }])';
    expect(printExpr(withCollectionTypes(evaluate(await parseExpression(src), scope)))).toBe('tolist([\n  tomap({\n    content      = "x"\n    content_type = "y"\n    filename     = null\n  }),\n])');
  });
});

describe('tryEvaluate', () => {
  it('is the value where evaluate has one, undefined where Terraform would fail, and lets other errors through', async () => {
    expect(printExpr(tryEvaluate(await parseExpression('upper(var.name)'), scope)!)).toBe('"ALPHA"');
    expect(tryEvaluate(await parseExpression('1 + "x"'), scope)).toBeUndefined();
    expect(tryEvaluate(await parseExpression('var.tags.Missing'), scope)).toBeUndefined();
    const broken: Scope = {
      resolve() {
        throw new TypeError('a bug, not an evaluation error');
      },
    };
    expect(() => tryEvaluate(lit.string('x'), broken)).not.toThrow();
    await expect(async () => tryEvaluate(await parseExpression('var.a'), broken)).rejects.toThrow('a bug');
  });
});
