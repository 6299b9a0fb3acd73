// Issue 16's items that need more than one refusal to show: commands printed for a person are
// safe to paste, a batch with bad entries still runs the good ones, and results paths resolve
// from anywhere (--resume and report --merge run from other working directories).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { testCliConfig } from '../helpers/terraform-env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = testCliConfig();
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function world(): string {
  const d = mkdtempSync(join(tmpdir(), 'unmodule-actionable-'));
  temps.push(d);
  return d;
}

function beta(at: string): string {
  mkdirSync(dirname(at), { recursive: true });
  cpSync(join(REPO, 'fixtures', 'service-beta'), at, { recursive: true });
  return at;
}

describe('commands printed for a person are shell-quoted', () => {
  it('inline --write in a directory named with $(...) prints a Next command that pastes safely', async () => {
    const w = world();
    const dir = beta(join(w, "svc $(touch pwned) it's"));
    const r = await runCli(['inline', dir, '--module', 'app_config', '--write', '--inventory', 'none'], env, w);
    expect(r.exitCode, r.stderr).toBe(0);
    const next = /Next: (unmodule verify .*)$/m.exec(r.stdout)?.[1];
    expect(next).toBe(`unmodule verify '${dir.replace(/'/g, `'\\''`)}'`);
    // Pasted into sh (with printf standing in for unmodule), the path comes through byte for byte.
    const words = execFileSync('sh', ['-c', next!.replace(/^unmodule /, "printf '%s\\n' ")], { cwd: w, encoding: 'utf8' });
    expect(words).toBe(`verify\n${dir}\n`);
    expect(existsSync(join(w, 'pwned'))).toBe(false);
  });
});

describe('batch with bad entries', () => {
  it('reports every bad entry with its list file:line, runs the good one, exits 3', async () => {
    const w = world();
    beta(join(w, 'services', 'good'));
    writeFileSync(join(w, 'list.txt'), '# fleet\nservices/missing-a\nservices/good\nservices/good/main.tf\n');
    const r = await runCli(['batch', '--from-file', 'list.txt', '--module', 'app_config', '--steps', 'inline', '--json'], env, w);
    expect(r.exitCode, r.stderr).toBe(3);
    const results = JSON.parse(r.stdout) as { services: { path: string; status: string; reason?: string }[] };
    const byPath = Object.fromEntries(results.services.map((s) => [s.path, s]));
    expect(byPath['services/good']!.status).toBe('pass');
    expect(byPath['services/missing-a']).toMatchObject({ status: 'fail', reason: 'list.txt:2: does not exist' });
    expect(byPath['services/good/main.tf']).toMatchObject({ status: 'fail', reason: 'list.txt:4: is a file, not a directory' });
  });
});

describe('results paths resolve from anywhere', () => {
  it('--resume and report --merge from other working directories find the services of a run', async () => {
    const w = world();
    const svc = beta(join(w, 'srv', 'fleet', 'svc1'));
    mkdirSync(join(w, 'project'));
    mkdirSync(join(w, 'elsewhere'));
    const first = await runCli(['batch', svc, '--module', 'app_config', '--steps', 'inline', '--results', 'r.json'], env, join(w, 'project'));
    expect(first.exitCode, first.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(join(w, 'project', 'r.json'), 'utf8')) as { services: { path: string }[]; planned: string[] };
    // Outside the results file's directory: recorded absolute, never as ../../srv/... from wherever the run started.
    expect(saved.services.map((s) => s.path)).toEqual([svc]);
    expect(saved.planned).toEqual([svc]);

    const resumed = await runCli(['batch', svc, '--module', 'app_config', '--steps', 'inline', '--results', '../project/r.json', '--resume', '--json'], env, join(w, 'elsewhere'));
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const again = JSON.parse(resumed.stdout) as { services: { path: string; status: string }[]; totals: { pass: number; pending: number } };
    expect(again.services).toHaveLength(1);
    expect(again.totals).toMatchObject({ pass: 1, pending: 0 });
    expect(resumed.stderr).not.toMatch(/not run/);

    // A results file inside its services' tree names them relative to itself; merged from elsewhere they still resolve.
    const inTree = await runCli(['batch', 'fleet', '--module', 'app_config', '--steps', 'inline', '--results', 'fleet/r2.json'], env, join(w, 'srv'));
    expect(inTree.exitCode, inTree.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(w, 'srv', 'fleet', 'r2.json'), 'utf8')) as { planned: string[] }).planned).toEqual(['svc1']);
    const merged = await runCli(['report', '--merge', join(w, 'srv', 'fleet', 'r2.json'), '--json'], env, join(w, 'elsewhere'));
    expect(merged.exitCode, merged.stderr).toBe(0);
    expect((JSON.parse(merged.stdout) as { services: { path: string }[] }).services.map((s) => s.path)).toEqual([svc]);
  });
});
