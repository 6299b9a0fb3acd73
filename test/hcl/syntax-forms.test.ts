// File-level syntax that Terraform accepts: each text below is first checked against hashicorp/hcl
// (the reference parser), then must be read by ours with the same blocks, attributes and values.
// Input Terraform refuses must be refused, naming the file, line and column.
import { describe, expect, it } from 'vitest';
import { decodeSource, parseHcl, HclSyntaxError, type Body } from '../../src/hcl/cst.js';
import { parseToJson } from '../../src/hcl/reference.js';
import { printExpr } from '../../src/hcl/print.js';

/** The body as plain data: blocks as [type, labels, items], attributes as [name, printed expression]. */
function outline(body: Body): unknown[] {
  return body.items.map((it) => (it.kind === 'block' ? [it.type, it.labels, outline(it.body)] : [it.name, printExpr(it.expr)]));
}

async function read(text: string): Promise<unknown[]> {
  await parseToJson('t.tf', text); // hashicorp/hcl accepts it: this is Terraform syntax
  return outline((await parseHcl('t.tf', text)).body);
}

describe('syntax Terraform accepts', () => {
  it('names with dashes: attributes, blocks, labels, references', async () => {
    expect(await read('my-block "my-label" {\n  my-attr = local.my-local\n  sub-block {}\n}\n')).toEqual([
      ['my-block', ['my-label'], [['my-attr', 'local.my-local'], ['sub-block', [], []]]],
    ]);
  });

  it('comments of every kind in every position', async () => {
    const text = [
      '# a',
      '// b',
      '/* c */',
      'resource "x" "y" { # after the brace',
      '  /* before */ a = 1 /* after */ # end',
      '  b = [ # in a tuple',
      '    1, // one',
      '    /* two */ 2,',
      '  ]',
      '  c = f( # in a call',
      '    1, /* x */',
      '  )',
      '  d = { # in an object',
      '    k = "v" // kv',
      '  }',
      '  /* multi',
      '     line */',
      '  e = true ? /* t */ 1 : 2 # cond',
      '} # after the block',
      '/* at the end */',
    ].join('\n');
    expect(await read(text)).toEqual([['resource', ['x', 'y'], [['a', '1'], ['b', '[1, 2]'], ['c', 'f(1)'], ['d', '{\n  k = "v"\n}'], ['e', 'true ? 1 : 2']]]]);
  });

  it('CRLF line endings: values, comments and lines as with LF', async () => {
    const lf = '# c\nlocals {\n  a = "x" # y\n  b = [\n    1,\n  ]\n}\n';
    const f = await parseHcl('t.tf', lf.replace(/\n/g, '\r\n'));
    expect(outline(f.body)).toEqual(await read(lf));
    expect(f.body.items[0]!.leadingComments).toEqual(['# c']);
    const a = f.body.items[0]!.kind === 'block' ? f.body.items[0]!.body.items[0]! : undefined;
    expect(a?.span.line).toBe(3);
  });

  it('a UTF-8 byte order mark at the start, spans still index the text as read', async () => {
    const text = '\ufeffoutput "a" {\n  value = 1\n}\n';
    const f = await parseHcl('t.tf', text);
    expect(outline(f.body)).toEqual([['output', ['a'], [['value', '1']]]]);
    const attr = f.body.items[0]!.kind === 'block' ? f.body.items[0]!.body.items[0]! : undefined;
    expect(attr?.kind === 'attribute' && text.slice(attr.exprSpan.start, attr.exprSpan.end)).toBe('1');
    expect(decodeSource('t.tf', Buffer.from(text, 'utf8'))).toBe(text);
  });

  it.each([
    ['empty', ''],
    ['only a newline', '\n'],
    ['only comments', '# nothing here\n/* still nothing */\n'],
  ])('an empty file (%s)', async (_what, text) => {
    expect(await read(text)).toEqual([]);
  });

  it('blocks with zero labels stay blocks; object attributes stay attributes', async () => {
    expect(await read('resource "x" "y" {\n  versioning {\n    enabled = true\n  }\n  tags = {\n    a = 1\n  }\n  lifecycle {}\n}\n')).toEqual([
      ['resource', ['x', 'y'], [['versioning', [], [['enabled', 'true']]], ['tags', '{\n  a = 1\n}'], ['lifecycle', [], []]]],
    ]);
  });

  it('single-line blocks', async () => {
    expect(await read('a { b = 1 }\nc "d" { e = [1, 2] }\nf {}\n')).toEqual([
      ['a', [], [['b', '1']]],
      ['c', ['d'], [['e', '[1, 2]']]],
      ['f', [], []],
    ]);
  });

  it('trailing commas and multi-line function arguments', async () => {
    const text = 'locals {\n  a = [1, 2,]\n  b = { x = 1, y = 2, }\n  c = merge(\n    { p = 1 },\n    { q = 2 },\n  )\n  d = format(\n    "%s-%s",\n    "a",\n    "b"\n  )\n}\n';
    expect(await read(text)).toEqual([
      ['locals', [], [['a', '[1, 2]'], ['b', '{\n  x = 1\n  y = 2\n}'], ['c', 'merge({ p = 1 }, { q = 2 })'], ['d', 'format("%s-%s", "a", "b")']]],
    ]);
  });

  it('for over an object with key and value, with if and grouping', async () => {
    const text = 'locals {\n  a = { for k, v in var.m : k => v.name if v.enabled }\n  b = [for k, v in var.m : "${k}=${v}"]\n  c = { for k, v in var.m : v.group => k... }\n}\n';
    expect(await read(text)).toEqual([
      ['locals', [], [['a', '{ for k, v in var.m : k => v.name if v.enabled }'], ['b', '[for k, v in var.m : "${k}=${v}"]'], ['c', '{ for k, v in var.m : v.group => k... }']]],
    ]);
  });

  it('Unicode names in labels, attributes and references', async () => {
    expect(await read('module "sërvice_ünï" {\n  nåme = local.café\n}\nresource "terraform_data" "naïve" {}\n')).toEqual([
      ['module', ['sërvice_ünï'], [['nåme', 'local.café']]],
      ['resource', ['terraform_data', 'naïve'], []],
    ]);
  });

  it('a last line without a newline, tabs for indentation', async () => {
    expect(await read('locals {\n\ta = 1\n\tb = "x"\n}')).toEqual([['locals', [], [['a', '1'], ['b', '"x"']]]]);
  });
});

describe('input Terraform refuses is refused, naming file:line:column', () => {
  const refusal = async (fn: () => unknown): Promise<string> => {
    try {
      await fn();
    } catch (err) {
      expect(err).toBeInstanceOf(HclSyntaxError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('a file that is not UTF-8 ("Invalid character encoding")', async () => {
    const bytes = Buffer.concat([Buffer.from('locals {\n  a = "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]);
    const msg = await refusal(() => decodeSource('modules/web/main.tf', bytes));
    expect(msg).toMatch(/^modules\/web\/main\.tf:2:11: .*not UTF-8/);
  });

  it('a truncated multi-byte sequence at the end of a file', async () => {
    const bytes = Buffer.concat([Buffer.from('# ü\n#'), Buffer.from([0xc3])]);
    expect(await refusal(() => decodeSource('m.tf', bytes))).toMatch(/^m\.tf:2:2: /);
  });

  it.each([
    ['a quoted string split over lines', 'locals {\n  a = "x\ny"\n}\n', /^t\.tf:2:9: .*multi-line string/],
    ['a newline in the literal part of a quoted template', 'locals {\n  a = "%{ if true ~}\n x%{ endif }"\n}\n', /^t\.tf:2:21: .*multi-line string/],
    ['an unknown escape sequence', 'locals {\n  a = "x\\qy"\n}\n', /^t\.tf:2:9: .*escape sequence/i],
  ])('%s', async (_what, text, want) => {
    await expect(parseToJson('t.tf', text)).rejects.toThrow();
    expect(await refusal(() => parseHcl('t.tf', text))).toMatch(want);
  });

  it('a newline inside an interpolation is fine (Terraform reads it too)', async () => {
    expect(await read('locals {\n  a = "${\n    1 + 1\n  }"\n}\n')).toEqual([['locals', [], [['a', '"${1 + 1}"']]]]);
  });
});
