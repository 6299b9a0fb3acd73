// replace() with a /regex/ search folds where translateRe2 can promise RE2's meaning and Go's
// ReplaceAllString template rules are followed; terraform console is the oracle for every folded
// case, and the kept cases must stay calls.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { evaluate, identityScope } from '../../src/evaluate/evaluate.js';
import { isKnown } from '../../src/evaluate/values.js';
import { consoleEval } from '../../src/terraform/index.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';

/** Folded: cloudposse null-label's normalisation first, then the rest of the subset. */
const FOLDED: string[] = [
  'replace("eg", "/[^-a-zA-Z0-9]/", "")',
  'replace("My App_v2.0 (beta)", "/[^-a-zA-Z0-9]/", "")',
  'replace("ünï-cøde 🚀x", "/[^-a-zA-Z0-9]/", "")',
  'replace("a.b.c", "/\\\\./", "-")',
  'replace("2024-01-15", "/(\\\\d+)-(\\\\d+)-(\\\\d+)/", "$3/$2/$1")',
  'replace("2024-01-15", "/(\\\\d+)-(\\\\d+)-(\\\\d+)/", "$${3}.$${2}")',
  'replace("price", "/i/", "$$")',
  'replace("aaa bbb", "/a+|b+?/", "<$0>")',
  'replace("xyz", "/(q)|y/", "[$1]")', // a group that took no part is empty
  'replace("aXbXc", "/^a|c$/", "_")',
  'replace("foo_bar-baz", "/(?:_|-)([a-z])/", "$1")',
  'replace("hello world", "/o\\\\w*/", "0")',
  'replace("CamelCaseName", "/([A-Z])/", "_$1")',
  'replace("a--b---c", "/-{2,3}/", "-")',
  'replace("nothing", "/z+/", "")',
  'replace("a.b", "/./", "x")',
  'replace("a b\\tc", "/\\\\s/", "_")',
  'replace("Ab", "/(?i)a/", "x")',
  'replace("ab", "/(?P<n>a)/", "<$n>")',
  'replace("ab", "/(a)/", "[$1x]")', // Go reads $1x as the group named 1x: none, so empty
  'replace("ab", "/(a)/", "[$01]")', // a leading zero makes a name too
  'replace("ab", "/a/", "[$name]")',
  'replace("ab", "/a/", "$")',
  'replace("a\\rb", "/a.b/", "x")', // RE2's . stops only at \\n
  'replace("ab b", "/\\\\bb/", "x")',
];

/** Kept as calls: a difference between RE2 and JS, or a pattern outside the shared subset (regex.ts translateRe2). */
const KEPT: string[] = [
  'replace("abc", "/b*/", "-")', // empty matches: Go "-a-c-", JS "-a--c-"
  'replace("ab", "/\\\\b/", "|")',
  'replace("ab", "/[[:alpha:]]/", "x")', // POSIX class
  'replace("abab", "/(a|b)+/", "x")', // a quantified capture (JS resets it per repetition)
];

async function fold(src: string) {
  return evaluate(await parseExpression(src), identityScope);
}

describe('replace() with an RE2 pattern', () => {
  it('folds the shared subset to the value terraform console computes', { timeout: 120_000 }, async () => {
    const dir = makeTemp('unmodule-regex-');
    try {
      writeFileSync(join(dir, 'main.tf'), `locals {\n${FOLDED.map((e, i) => `  e${i} = ${e}\n`).join('')}}\n`);
      const out = await consoleEval(`jsonencode([${FOLDED.map((_e, i) => `local.e${i}`).join(', ')}])`, { cwd: dir });
      const theirs = JSON.parse(JSON.parse(out) as string) as string[];
      for (const [i, src] of FOLDED.entries()) {
        const v = await fold(src);
        expect(isKnown(v), `${src} folds (got ${printExpr(v)})`).toBe(true);
        expect(JSON.parse(printExpr(v)), src).toBe(theirs[i]);
      }
    } finally {
      removeTemp(dir);
    }
  });

  it.each(KEPT)('keeps %s as a call', async (src) => {
    expect((await fold(src)).t).toBe('call');
  });
});
