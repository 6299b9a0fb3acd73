// judgePlanStream must mean what judgePlan means: on the same real plan (Terraform 1.11, captured
// in test/terraform/fixtures/plan-stream) the stream's verdict equals the one from `show -json`,
// and whenever the stream cannot prove zero change it answers undefined (the caller then shows).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlanStream } from '../../src/terraform/plan-stream.js';
import { parsePlanJson } from '../../src/terraform/show.js';
import { afterMoves, judgePlanStream } from '../../src/verify/stream-verdict.js';
import { judgePlan } from '../../src/verify/verdict.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'terraform', 'fixtures', 'plan-stream');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const stream = (name: string) => parsePlanStream(read(name));

const DECLARED = [
  { from: 'terraform_data.a', to: 'terraform_data.a2' },
  { from: 'terraform_data.c', to: 'terraform_data.c2' },
];

describe('judgePlanStream', () => {
  it('a plan of only moves: the same verdict as judgePlan on show -json of that plan', () => {
    const s = stream('moves.jsonl');
    const show = parsePlanJson(read('moves.show.json'));
    for (const expected of [DECLARED, undefined, [DECLARED[0]!], [...DECLARED, { from: 'terraform_data.b[0]', to: 'terraform_data.bb' }]]) {
      expect(judgePlanStream(s, expected, s.refreshed)).toEqual(judgePlan(show, expected));
    }
    expect(judgePlanStream(s, DECLARED, s.refreshed)).toMatchObject({ zeroChange: true, unchanged: 4 });
  });

  it('an expected move whose source stayed put is missing, as judgePlan says', () => {
    const s = stream('moves.jsonl');
    const v = judgePlanStream(s, [...DECLARED, { from: 'terraform_data.b[0]', to: 'terraform_data.bb' }], s.refreshed);
    expect(v?.zeroChange).toBe(false);
    expect(v?.missingMoves).toEqual([{ from: 'terraform_data.b[0]', to: 'terraform_data.bb' }]);
  });

  it('without refresh the prior comes from the caller (pre-move addresses mapped through the moves)', () => {
    const s = stream('moves-norefresh.jsonl');
    expect(judgePlanStream(s, DECLARED, undefined)).toBeUndefined();
    const prior = afterMoves(s, ['terraform_data.a', 'terraform_data.b[0]', 'terraform_data.b[1]', 'terraform_data.c']);
    expect(prior).toEqual(['terraform_data.a2', 'terraform_data.b[0]', 'terraform_data.b[1]', 'terraform_data.c2']);
    expect(judgePlanStream(s, DECLARED, prior)).toEqual(judgePlan(parsePlanJson(read('moves.show.json')), DECLARED));
  });

  it('any change, output change or error leaves the verdict to show -json', () => {
    for (const name of ['mixed.jsonl', 'aws-create.jsonl', 'error.jsonl']) {
      const s = stream(name);
      expect(judgePlanStream(s, [], s.refreshed), name).toBeUndefined();
    }
  });

  it('a no-op plan is zero change with every prior instance unchanged', () => {
    const s = stream('noop.jsonl');
    expect(judgePlanStream(s, [], s.refreshed)).toMatchObject({ zeroChange: true, unchanged: 4, moves: [], movesChecked: true });
  });
});
