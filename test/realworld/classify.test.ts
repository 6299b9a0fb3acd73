// The harness's judgement of CLI runs (scripts/realworld/classify.js): no fetched code, no terraform.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { caseVerdict, classifyInline, classifyVerify, summarize } from '../../scripts/realworld/classify.js';

const refusal = JSON.stringify({ error: { name: 'InlineError', message: 'modules/x/main.tf:12: count is not known until apply; set it' } });

describe('real-world harness classification', () => {
  it('reads a successful inline', () => {
    const r = classifyInline({ exitCode: 0, stdout: JSON.stringify({ written: ['a.tf', 'moved.tf'], refactor: { notes: [], moves: [{}] } }), stderr: '' });
    expect(r).toMatchObject({ outcome: 'inlined', written: ['a.tf', 'moved.tf'], moves: 1 });
  });

  it('tells a refusal with its location from a parse error and a crash', () => {
    expect(classifyInline({ exitCode: 1, stdout: refusal, stderr: '' })).toMatchObject({ outcome: 'refused', location: 'modules/x/main.tf:12' });
    const parse = JSON.stringify({ error: { name: 'HclSyntaxError', message: '<input>:132:1: HCL syntax error: unsupported expression node (' } });
    expect(classifyInline({ exitCode: 1, stdout: parse, stderr: '' })).toMatchObject({ outcome: 'parse-error', location: undefined });
    const typeError = JSON.stringify({ error: { name: 'TypeError', message: "Cannot read properties of undefined (reading 'startIndex')" } });
    expect(classifyInline({ exitCode: 1, stdout: typeError, stderr: '' }).outcome).toBe('crash');
    const stack = "TypeError: boom\n    at f (/x/dist/inline/index.js:10:3)\n";
    expect(classifyInline({ exitCode: 1, stdout: '', stderr: stack }).outcome).toBe('crash');
    const gate = JSON.stringify({ error: { name: 'TerraformError', argv: ['terraform', 'fmt', '-no-color', '-'], message: 'terraform fmt failed (exit 2)\nError: Unterminated template string (<stdin> line 132)' } });
    expect(classifyInline({ exitCode: 1, stdout: gate, stderr: '' })).toMatchObject({ outcome: 'crash', name: 'GeneratedInvalidHcl' });
  });

  it('reads verify exit codes', () => {
    expect(classifyVerify({ exitCode: 0, stdout: '{}', stderr: '' }).outcome).toBe('equivalent');
    expect(classifyVerify({ exitCode: 2, stdout: '{}', stderr: '' }).outcome).toBe('different');
    expect(classifyVerify({ exitCode: 1, stdout: JSON.stringify({ error: { name: 'TerraformError', message: 'plan failed' } }), stderr: '' }).outcome).toBe('error');
  });

  it('reads any error the CLI rendered as a diagnostic as a verify error, a broken rewrite as invalid, a kill as a crash with a message', () => {
    const report = (name: string, message: string) => JSON.stringify({ error: { name, message, location: {}, exitCode: 1 } });
    const dataSource = report('OfflineDataSourceError', 'offline mode cannot read data.aws_ami.this (main.tf:1): it needs AWS');
    expect(classifyVerify({ exitCode: 1, stdout: dataSource, stderr: '' })).toMatchObject({ outcome: 'error', name: 'OfflineDataSourceError' });
    const broken = report('RewrittenPlanError', 'the rewritten configuration does not plan, while the original plans');
    expect(classifyVerify({ exitCode: 1, stdout: broken, stderr: '' }).outcome).toBe('invalid');
    expect(caseVerdict({ calls: [{ call: 'a', outcome: 'inlined' }], offline: true, invalid: 'verify: x', verify: { outcome: 'invalid' } }).verdict).toBe('WROTE-INVALID');
    const killed = classifyVerify({ exitCode: 'signal SIGKILL', stdout: '', stderr: '' });
    expect(killed.outcome).toBe('crash');
    expect(killed.message).toBe('exit signal SIGKILL with no output');
  });

  it('gives the worst finding as the verdict and counts calls', () => {
    const inlined = { call: 'a', outcome: 'inlined', ms: 100 };
    const refused = { call: 'b', outcome: 'refused', message: 'no', ms: 300 };
    expect(caseVerdict({ calls: [inlined], offline: true, verify: { outcome: 'equivalent' } }).verdict).toBe('PASS');
    expect(caseVerdict({ calls: [inlined, refused], offline: true, verify: { outcome: 'different', message: 'x' } }).verdict).toBe('DIFFERENT');
    expect(caseVerdict({ calls: [inlined, refused], offline: true, verify: { outcome: 'equivalent' } }).verdict).toBe('REFUSED');
    expect(caseVerdict({ calls: [inlined], offline: true, invalid: 'bad' }).verdict).toBe('WROTE-INVALID');
    expect(caseVerdict({ calls: [inlined], offline: false }).verdict).toBe('INLINED');
    const s = summarize([
      { verdict: 'PASS', calls: [inlined], remaining: [] },
      { verdict: 'REFUSED', calls: [inlined, refused], remaining: ['c'] },
    ]);
    expect(s.calls).toEqual({ inlined: 2, total: 4 });
    expect(s.engineMs).toMatchObject({ median: 100, max: 300, runs: 3 });
  });
});

describe('verify differences', () => {
  it('names the changed resource, attribute and origin', () => {
    const out = JSON.stringify({
      verdict: {
        zeroChange: false,
        changes: [{ address: 'aws_s3_bucket.logs', action: 'update', attributes: [{ path: 'tags.Name', before: 'a', after: 'b', origin: 'logs.tf:4' }] }],
        outputChanges: [],
        unexpectedMoves: [],
        missingMoves: [],
        problems: [],
      },
    });
    expect(classifyVerify({ exitCode: 2, stdout: out, stderr: '' }).message).toBe('1 difference(s): aws_s3_bucket.logs update [tags.Name: "a" -> "b" (logs.tf:4)]');
  });
});
