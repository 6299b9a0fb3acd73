// The in-process formatter against its oracle, the real `terraform fmt`: every .tf file of
// fixtures/ (inputs and expected outputs), the files the engine renders for the corpus cases, and
// adversarial snippets (alignment, heredocs, templates, legacy types, odd labels, Unicode, CRLF).
// All texts go through one `terraform fmt -recursive` run in a temp tree and are compared byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatHcl } from '../../src/hcl/format.js';
import { renderChanges } from '../../src/inline/files.js';
import { inlineCall } from '../../src/inline/index.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';
import { tfFiles } from '../helpers/files.js';

/** Adversarial inputs: each is a whole file. */
const SNIPPETS: Record<string, string> = {
  alignment: 'a = 1\nlonger_name = 2\n\nb=3\n  c    =   "x"   # note\n dd = 4 // other\n',
  'alignment-unicode': 'é = 1\nnaïve_thing = 2\nne\u0301 = 3\nx = "日本語" # c\nyyyy = "e\u0301😀👍🏽" # c\n',
  'nested-blocks': 'resource "a" "b" {\ncount=2\n  tags = {\n    Name = "x"\n  a=1\n  }\n    lifecycle {\n  ignore_changes = [tags]\n}\n}\n',
  'one-line-blocks': 'b { a = 1 }\nc {}\nd { }\ne "x" { y = "${z}" }\n',
  'interpolation-only': 'x = "${var.a}"\ny = "${var.a}${var.b}"\nz = "${var.a}-suffix"\nq = "${foo("${bar}")}"\nr = "${~var.t~}"\ns = "${ { a = 1 } }"\n',
  'interpolation-multiline': 'x = "${\n  var.a ? 1 : 2\n}"\ny = "${(\nvar.b\n)}"\n',
  'legacy-types': 'variable "a" {\n  type = "string"\n}\nvariable "b" {\n  type = "list"\n}\nvariable "c" {\n  type = "map"\n}\nvariable "d" {\n  type = list\n}\nvariable "e" {\n  type = set\n}\nvariable "f" {\n  type = map\n  default = "${x}"\n}\nthing "g" {\n  type = "string"\n  nested {\n    type = list\n  }\n}\n',
  labels: 'resource aws_s3_bucket this {\n}\nunlabelled /* kept */ {\n}\nfoo "a$b" "c" {\n}\nbar "x\\u0041\\ty" baz {\n}\nq "" {}\nr "%" "$" {}\ns /* before */ "a" /* between */ "b" /* after */ {\n}\n',
  heredocs:
    'a = <<EOT\n  keep   this   ${var.x}\n    and ${ upper("y") }\nEOT\nb = <<-EOT\n    indented\n      %{ if var.c }yes%{ else }no%{ endif }\n    EOT\nc = join(",", [<<EOT\nx\nEOT\n])\n',
  templates: 'a = "%{ for x in var.l ~}${ x },%{ endfor ~}"\nb = "$${literal} %%{also} $ % $x"\nc = "a\\"b\\\\c\\n"\n',
  operators: 'a = -1\nb = 1 - -2\nc = !var.x\nd = var.a? var.b:var.c\ne = (1+2)*3/4%5\nf = a==b&&c!=d||e>=f\ng = [for x in [1,2]: x*2 if x>1]\nh = {for k,v in var.m: k=>v...}\ni = var.l[*].id\nj = var.l.*.id\nk = var.l.0.b\nl = f(var.args...)\nm = provider::aws::arn_parse(var.arn)\nn = 1.5e10\n',
  objects: 'o = {\na = 1\n  bbbb = 2\n  "quoted key" = 3\n  (var.k) = 4\n  c: 5\n}\np = { a = 1, b = 2 }\nq = [\n  1,\n  2,\n]\nr = [\n  1, 2]\n',
  comments: '# top\n/* block */\n// slash\nresource "a" "b" { # after brace\n  x = 1 /* inline */\n  /* multi\n     line */\n  y = 2\n}\n# last without newline',
  crlf: 'resource "a" "b" {\r\n  x    = 1\r\n  yy = "v" # c\r\n}\r\n',
  tabs: 'resource "a" "b" {\n\tx\t=\t1\n\tyy = 2\n}\n',
  'trailing-space': 'a = 1   \nb = [   \n  1,  \n]  \n\n\n\nc = 2',
  bom: '\ufeffa = 1\nbb = 2\n',
  empty: '',
  'only-newlines': '\n\n\n',
};

const work = makeTemp('unmodule-fmt-oracle-');
afterAll(() => removeTemp(work));

/** Writes every text into a temp tree, runs `terraform fmt -recursive` once, returns its outputs. */
function terraformFmt(texts: Map<string, string>): Map<string, string> {
  const root = join(work, `run-${Date.now()}`);
  const paths = new Map<string, string>();
  let i = 0;
  for (const [name, text] of texts) {
    const p = join(root, String(i++), 'f.tf');
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    paths.set(name, p);
  }
  const r = spawnSync('terraform', ['fmt', '-no-color', '-recursive', '-list=false', root], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (r.error) throw r.error;
  expect(r.status, r.stderr).toBe(0);
  return new Map([...paths].map(([name, p]) => [name, readFileSync(p, 'utf8')]));
}

function compareAll(texts: Map<string, string>): void {
  const expected = terraformFmt(texts);
  const wrong: string[] = [];
  for (const [name, text] of texts) {
    if (formatHcl(text) !== expected.get(name)) wrong.push(name);
  }
  // Name the failures first (a readable list), then show the first one as a diff.
  expect(wrong).toEqual([]);
}

describe('formatHcl is terraform fmt', () => {
  it('on every .tf file of fixtures/ (inputs and expected outputs)', () => {
    const files = tfFiles('fixtures');
    expect(files.length).toBeGreaterThan(100);
    compareAll(new Map(files.map((f) => [f, readFileSync(f, 'utf8')])));
  });

  it('on adversarial snippets', () => {
    compareAll(new Map(Object.entries(SNIPPETS)));
    // The snippets do exercise the cleanups: these three are not left as they were.
    expect(formatHcl(SNIPPETS['interpolation-only']!)).toContain('x = var.a\n');
    expect(formatHcl(SNIPPETS['legacy-types']!)).toContain('type = list(string)\n');
    expect(formatHcl(SNIPPETS['labels']!)).toContain('resource "aws_s3_bucket" "this" {');
  });

  it('on the unformatted files the engine renders for the corpus cases', async () => {
    const texts = new Map<string, string>();
    const root = 'fixtures/corpus';
    for (const c of readdirSync(root)) {
      const caseFile = join(root, c, 'case.json');
      if (!statSync(join(root, c)).isDirectory() || !tfFiles(join(root, c)).length) continue;
      let spec: { call?: string; refusal?: unknown };
      try {
        spec = JSON.parse(readFileSync(caseFile, 'utf8')) as typeof spec;
      } catch {
        continue;
      }
      if (spec.refusal || !spec.call) continue;
      const input = join(root, c, 'input');
      const refactor = await inlineCall(input, spec.call).catch(() => undefined);
      if (!refactor) continue;
      for (const ch of await renderChanges(refactor)) if (ch.path.endsWith('.tf')) texts.set(`${c}/${ch.path}`, ch.after);
    }
    expect(texts.size).toBeGreaterThan(20);
    compareAll(texts);
  });

  it('refuses what terraform fmt refuses to read', () => {
    for (const bad of ['a = "unterminated\n', 'a = 1 ; b = 2\n', 'a = <<EOT\nno end\n', 'x = "a\\\nb"\n']) {
      const tf = spawnSync('terraform', ['fmt', '-no-color', '-'], { input: bad, encoding: 'utf8' });
      expect(tf.status).toBe(2);
      expect(() => formatHcl(bad)).toThrow();
    }
  });
});
