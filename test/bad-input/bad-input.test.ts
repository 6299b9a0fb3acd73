// Runs every case of cases.ts against the built CLI, several at once (most need no terraform).
// A case passes when the refusal is clear: see judge() for what that means.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { testCliConfig } from '../helpers/terraform-env.js';
import { CASES, type BadInputCase } from './cases.js';
import { Scene } from './scene.js';

const tfEnv = testCliConfig();
// BAD_INPUT_CLI runs the table against another build (how the before count was taken).
const BIN = process.env.BAD_INPUT_CLI ?? join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'run.js');

function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  return new Promise((res) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      res({ exitCode: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}
const scenes: Scene[] = [];
afterAll(() => scenes.forEach((s) => s.remove()));

// A stack frame ("    at fn (file.js:1:2)"), Node internals, or a WASM abort.
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$|node:internal|RuntimeError|Aborted\(\)/m;
// Codes Node puts in system errors; a person cannot act on them.
const NODE_CODE = /\b(ENOENT|EACCES|EISDIR|ENOTDIR|ELOOP|EEXIST|EPERM|EMFILE|ENOTEMPTY|EEXIT|ERR_[A-Z_]+)\b/;
// Terminal colour codes and terraform's diagnostic frame.
const TERMINAL = /\x1b\[|[╷╵│]/u;

/** What is wrong with how a case was refused; empty when the refusal is clear. */
function judge(c: BadInputCase, s: Scene, r: CliResult, changed: string[], tfRuns: string[]): string[] {
  const problems: string[] = [];
  const json = c.args(s).includes('--json');
  const text = `${r.stdout}\n${r.stderr}`;
  if (r.exitCode !== c.exit) problems.push(`exit ${r.exitCode}, expected ${c.exit}`);
  if (STACK.test(text)) problems.push('shows a stack trace or a crash');
  if (NODE_CODE.test(text)) problems.push(`shows a raw Node error code (${NODE_CODE.exec(text)![1]})`);
  if (TERMINAL.test(text)) problems.push('shows terminal escape codes or box drawing');
  if (text.length > 6000) problems.push(`says too much (${text.length} characters)`);
  for (const n of c.names(s)) {
    const found = typeof n === 'string' ? text.includes(n) || (json && text.includes(JSON.stringify(n).slice(1, -1))) : n.test(text);
    if (!found) problems.push(`does not name ${String(n)}`);
  }
  if (json && c.exit === 1) {
    let doc: { error?: { message?: unknown; exitCode?: unknown; location?: unknown } } | undefined;
    try {
      doc = JSON.parse(r.stdout) as typeof doc;
    } catch {
      problems.push('--json output is not one JSON document');
    }
    if (doc) {
      if (typeof doc.error?.message !== 'string' || /^EEXIT/.test(doc.error.message)) problems.push('--json error has no message');
      if (doc.error?.exitCode !== c.exit) problems.push(`--json error has exitCode ${String(doc.error?.exitCode)}`);
      // A script reads where to look from location: a file, flag, address, directory or command.
      const loc = doc.error?.location;
      if (typeof loc !== 'object' || loc === null || Object.keys(loc).length === 0) problems.push('--json error has no location (or an empty one)');
    }
  }
  if (changed.length) problems.push(`changed ${changed.join(', ')}`);
  if (c.noTerraform && tfRuns.length) problems.push(`ran terraform first (${tfRuns[0]})`);
  return problems;
}

describe.concurrent('bad input is refused clearly, and nothing changes', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const s = new Scene();
    scenes.push(s);
    c.setup?.(s);
    const before = s.snapshot();
    const env = { ...tfEnv, UNMODULE_TERRAFORM_BIN: s.spy(), ...c.env?.(s) };
    const r = await runCli(c.args(s), env, c.cwd ? s.p(c.cwd) : s.root);
    const after = s.snapshot();
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
    const problems = judge(c, s, r, changed, s.terraformRuns());
    expect(problems.join('; '), `${c.name}\n--- stdout\n${r.stdout.slice(0, 3000)}\n--- stderr\n${r.stderr.slice(0, 3000)}`).toBe('');
  });
});

it('has at least 60 cases', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
});
