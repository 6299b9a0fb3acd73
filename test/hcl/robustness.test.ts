// No input makes the reader crash: every text either parses or is refused with an HclSyntaxError
// naming the file, line and column. Real files with small deterministic mutations (tokens deleted,
// duplicated or inserted) reach tree shapes no hand-written case thinks of.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHcl, HclSyntaxError } from '../../src/hcl/cst.js';
import { EXPRESSION_FORMS } from './expression-forms.js';
import { tfFiles } from '../helpers/files.js';

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['(', ')', '${', '}', '%{', '"', '[*]', '.*', '.0', '...', '?', ':', '=>', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '~', ',', '\n', '=', '{', '[', ']', '!', '-', '&&', 'for x in y :', 'if', '::', '#', '/*', '*/', '1e3', '0x1', '\\'];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const len = 1 + Math.floor(r() * 4);
  switch (Math.floor(r() * 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + len);
    case 1:
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    default:
      return text.slice(0, at) + TOKENS[Math.floor(r() * TOKENS.length)]! + text.slice(at);
  }
}

async function mustNotCrash(path: string, text: string): Promise<'ok' | 'refused'> {
  try {
    await parseHcl(path, text);
    return 'ok';
  } catch (err) {
    if (!(err instanceof HclSyntaxError)) throw new Error(`crash on ${JSON.stringify(text)}: ${(err as Error).stack}`);
    expect(err.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    return 'refused';
  }
}

describe('the reader never crashes', () => {
  it('on mutated fixture files and expression forms', { timeout: 300_000 }, async () => {
    const r = rng(20261202);
    const sources = [
      ...tfFiles('fixtures').map((p) => readFileSync(p, 'utf8')),
      ...EXPRESSION_FORMS.map((e) => `locals {\n  x = ${e}\n}\n`),
    ];
    const seen = { ok: 0, refused: 0 };
    for (const [i, src] of sources.entries()) {
      // Small texts get more mutations, large ones fewer (each parse of a big file costs more).
      const rounds = src.length < 400 ? 6 : 2;
      for (let k = 0; k < rounds; k++) {
        let text = src;
        for (let m = 1 + Math.floor(r() * 3); m > 0; m--) text = mutate(text, r);
        seen[await mustNotCrash(`case${i}/m${k}.tf`, text)]++;
      }
    }
    // Both outcomes are exercised: the mutations are not all fatal, nor all harmless.
    expect(seen.ok).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(30);
  });
});
