// parsePlanStream on real `terraform plan -json` output (Terraform 1.11.4; aws 5.100), captured
// into fixtures/plan-stream with the timestamps removed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlanStream } from '../../src/terraform/plan-stream.js';
import { planArgs } from '../../src/terraform/plan.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'plan-stream');
const stream = (name: string) => parsePlanStream(readFileSync(join(dir, name), 'utf8'));

describe('parsePlanStream', () => {
  it('a no-op plan has no planned_change; the refresh hooks list the prior instances', () => {
    const s = stream('noop.jsonl');
    expect(s.changes).toEqual([]);
    expect(s.refreshed.sort()).toEqual(['terraform_data.a', 'terraform_data.b[0]', 'terraform_data.b[1]', 'terraform_data.c']);
    expect(s.summary).toEqual({ add: 0, change: 0, import: 0, remove: 0 });
    expect(s.outputs).toEqual({ o: 'noop' });
    expect(s.unknownTypes).toEqual([]);
  });

  it('moves, a move with an update, a create, a data read and a new output', () => {
    const s = stream('mixed.jsonl');
    expect(s.changes).toEqual([
      { address: 'terraform_data.c2', previousAddress: 'terraform_data.c', action: 'update' },
      { address: 'terraform_data.new', action: 'create' },
      { address: 'terraform_data.a2', previousAddress: 'terraform_data.a', action: 'move' },
    ]);
    // Refresh happens after the moves: the hooks carry the new addresses.
    expect(s.refreshed.sort()).toEqual(['terraform_data.a2', 'terraform_data.b[0]', 'terraform_data.b[1]', 'terraform_data.c2']);
    expect(s.summary).toEqual({ add: 1, change: 1, import: 0, remove: 0 });
    expect(s.outputs).toEqual({ o: 'noop', p: 'create' });
  });

  it('under -refresh=false there are no refresh hooks, only the moves', () => {
    const s = stream('moves-norefresh.jsonl');
    expect(s.refreshed).toEqual([]);
    expect(s.changes.map((c) => c.action)).toEqual(['move', 'move']);
  });

  it('aws: a data source read at plan time is a hook, one deferred to apply a planned "read"', () => {
    const s = stream('aws-create.jsonl');
    expect(s.changes).toEqual([
      { address: 'aws_sqs_queue.q', action: 'create' },
      { address: 'data.aws_iam_policy_document.d', action: 'read' },
    ]);
    expect(s.outputs).toEqual({ acct: 'create', arn: 'create' });
  });

  it('errors come as diagnostic messages, with file and line', () => {
    expect(stream('error.jsonl').diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Reference to undeclared input variable',
        location: 'main.tf line 2',
        snippet: 'input = var.nope',
        detail: 'An input variable with the name "nope" has not been declared. This variable can be declared with a variable "nope" {} block.',
      },
    ]);
  });

  it('the -json variant of the plan argv keeps -out and -detailed-exitcode', () => {
    expect(planArgs({ out: 'p.tfplan', refresh: false }, true)).toEqual(['plan', '-input=false', '-no-color', '-json', '-out', 'p.tfplan', '-detailed-exitcode', '-refresh=false']);
  });
});
