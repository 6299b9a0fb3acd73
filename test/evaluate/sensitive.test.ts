// Sensitive values are values: Terraform computes with them and marks what it derives. A module
// input declared sensitive arrives as sensitive(value); a count or a choice of resource that reads
// it must still fold (terraform-aws-modules/vpn-gateway picks its connection resource by
// length(var.tunnel1_preshared_key) > 0). terraform console is the oracle for value and mark.
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { countValue, evaluate, identityScope } from '../../src/evaluate/evaluate.js';
import { consoleEval } from '../../src/terraform/index.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';

async function ev(src: string): Promise<string> {
  return printExpr(evaluate(await parseExpression(src), identityScope));
}

const CASES: [string, string][] = [
  ['length(sensitive("")) > 0', 'sensitive(false)'],
  ['length(sensitive("")) > 0 ? 1 : 0', 'sensitive(0)'],
  ['false == (length(sensitive("")) > 0 && length(sensitive("")) > 0)', 'sensitive(true)'],
  ['sensitive(true) ? "a" : "b"', 'sensitive("a")'],
  ['sensitive(false) ? "a" : null', 'sensitive(null)'],
  ['sensitive(true) ? sensitive("k") : "b"', 'sensitive("k")'],
  ['!sensitive(false)', 'sensitive(true)'],
  ['-sensitive(2)', 'sensitive(-2)'],
  ['false && sensitive(true)', 'sensitive(false)'],
  ['sensitive(1) + sensitive(2)', 'sensitive(3)'],
  ['coalesce(sensitive(""), "x")', 'sensitive("x")'],
  ['upper(sensitive("abc"))', 'sensitive("ABC")'],
  ['nonsensitive(sensitive(2)) + 1', '3'],
  ['(sensitive(true)) ? 1 : 0', 'sensitive(1)'],
];

describe('sensitive operands fold, and the result keeps the mark', () => {
  it.each(CASES)('%s → %s', async (src, want) => expect(await ev(src)).toBe(want));

  it('a collection derived from a sensitive value is kept as written (its marks may sit per element)', async () => {
    expect(await ev('concat(sensitive(["a"]), ["b"])')).toBe('concat(sensitive(["a"]), ["b"])');
  });

  it('a sensitive condition with a symbolic arm marks the arm it takes', async () => {
    expect(await ev('length(sensitive("")) > 0 ? aws_vpn_connection.preshared[0].id : aws_vpn_connection.default[0].id')).toBe(
      'sensitive(aws_vpn_connection.default[0].id)',
    );
  });

  it('a count reads the number under the mark (Terraform accepts a sensitive count)', async () => {
    expect(printExpr(countValue(evaluate(await parseExpression('length(sensitive("k")) > 0 ? 1 : 0'), identityScope)))).toBe('1');
  });

  it('terraform console computes the same value and the same mark for the source and our folded form', { timeout: 120_000 }, async () => {
    const dir = makeTemp('unmodule-sensitive-');
    try {
      const pair = (e: string) => `[issensitive(${e}), nonsensitive(${e})]`;
      const folded = await Promise.all(CASES.map(([src]) => ev(src)));
      const out = await consoleEval(`jsonencode([${CASES.map(([src], i) => `${pair(src)}, ${pair(folded[i]!)}`).join(', ')}])`, { cwd: dir });
      const values = JSON.parse(JSON.parse(out)) as unknown[];
      CASES.forEach(([src], i) => expect(values[2 * i + 1], `${src} → ${folded[i]}`).toEqual(values[2 * i]));
    } finally {
      removeTemp(dir);
    }
  });
});
