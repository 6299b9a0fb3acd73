// The inline corpus: every fixtures/corpus/<case>/ is inlined by the built CLI and judged by
// terraform. terraform_data cases are applied for real, inlined against the real state, verified,
// applied again and planned (terraform must say "No changes"); aws cases are proven by
// `verify --offline` with the real provider. Each written file must equal expected/ (set
// UNMODULE_UPDATE_EXPECTED=1 to rewrite expected/ from a passing run, then review the diff) and
// read like hand-written HCL. Refusal cases must exit 1 with their message and write nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, fmtCheck, init, plan, stateList } from '../../src/terraform/index.js';
import { snapshot, type CliResult } from '../helpers/cli.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { changedPaths, copyInput, loadCases, readExpected, useInputModules, usePreModules, writeExpected, type CorpusCase } from './cases.js';
import { frozenCli } from './cli-snapshot.js';
import { readabilityFindings } from './readability.js';

const UPDATE = process.env.UNMODULE_UPDATE_EXPECTED === '1';
const KEEP = process.env.UNMODULE_KEEP_TEMP === '1';
const env = testCliConfig();

// Terraform (and the aws provider above all) is heavy: at most two cases run it at once.
const slots = limit(2);
// A case may wait for a slot behind the others, so its own timeout covers the wait.
const CASE_TIMEOUT = 20 * 60_000;

function limit(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((res) => queue.push(res));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

const cases = loadCases();

// One frozen copy of the built CLI for the whole run (dist/ may be rebuilt meanwhile).
let cliHome: string;
let runCli: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
beforeAll(async () => {
  cliHome = makeTemp('unmodule-corpus-cli-');
  runCli = await frozenCli(cliHome);
}, 300_000);
afterAll(() => removeTemp(cliHome));

describe('corpus', () => {
  it('has at least 22 inline cases and 6 refusal cases, each with an idiom', () => {
    expect(cases.filter((c) => !c.refusal).length).toBeGreaterThanOrEqual(22);
    expect(cases.filter((c) => c.refusal).length).toBeGreaterThanOrEqual(6);
  });
});

describe.concurrent('corpus cases', () => {
  for (const c of cases) {
    const title = `${c.id} (${c.kind}${c.refusal ? ', refusal' : ''}): ${c.idiom}`;
    it(title, { timeout: CASE_TIMEOUT }, () => slots(() => withTemp(c, (tmp) => (c.refusal ? refusalCase(c, tmp) : c.kind === 'aws' ? awsCase(c, tmp) : realCase(c, tmp)))));
  }
});

async function withTemp(c: CorpusCase, fn: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = makeTemp(`unmodule-corpus-${c.id}-`);
  try {
    await fn(tmp);
  } finally {
    if (!KEEP) removeTemp(tmp);
  }
}

function inlineArgs(c: CorpusCase, dir: string): string[] {
  return ['inline', dir, '--module', c.call, ...(c.name ? ['--name', c.name] : []), '--write'];
}

/** Applies the case for real (the pre/ module versions first when it has them). */
async function deploy(c: CorpusCase, dir: string): Promise<void> {
  if (c.pre) usePreModules(c, dir);
  await init({ cwd: dir, env });
  await apply({ cwd: dir, env });
  if (c.pre) useInputModules(c, dir);
}

/** terraform_data: real state, real moves; terraform's own plan must find nothing to do. */
async function realCase(c: CorpusCase, tmp: string): Promise<void> {
  const dir = join(tmp, 'service');
  copyInput(c, dir);
  await deploy(c, dir);
  const inState = await stateList({ cwd: dir, env });
  expect(inState.some((a) => a.startsWith(`module.${c.call}`)), `nothing of module.${c.call} in state: ${inState.join(', ')}`).toBe(true);

  const written = await inlineAndCheck(c, dir, inlineArgs(c, dir));

  const v = await runCli(['verify', dir, '--json'], env);
  expect(v.exitCode, await verifyFailure(v, ['verify', dir])).toBe(0);
  expect(JSON.parse(v.stdout).verdict.zeroChange).toBe(true);

  await apply({ cwd: dir, env });
  const after = await stateList({ cwd: dir, env });
  expect(after.filter((a) => a.startsWith(`module.${c.call}.`) || a.startsWith(`module.${c.call}[`))).toEqual([]);
  const again = await plan({ cwd: dir, env }, { out: join(tmp, 'again.tfplan') });
  expect(again.exitCode, `terraform plan after applying the moves is not clean:\n${again.stdout}`).toBe(0);

  if (UPDATE) writeExpected(c, written);
}

/** aws: no credentials; the offline equivalence oracle judges original against rewritten. */
async function awsCase(c: CorpusCase, tmp: string): Promise<void> {
  const original = join(tmp, 'original');
  const dir = join(tmp, 'rewritten');
  copyInput(c, original);
  copyInput(c, dir);

  const written = await inlineAndCheck(c, dir, [...inlineArgs(c, dir), '--inventory', 'none']);

  const v = await runCli(['verify', dir, '--offline', '--original', original, '--json'], env);
  expect(v.exitCode, await verifyFailure(v, ['verify', dir, '--offline', '--original', original])).toBe(0);
  expect(JSON.parse(v.stdout).verdict.zeroChange).toBe(true);

  if (UPDATE) writeExpected(c, written);
}

/** The failure text of a verify run; an error under --json loses its message, so it is run again without. */
async function verifyFailure(v: CliResult, args: string[]): Promise<string> {
  if (v.exitCode === 0) return '';
  let text = `unmodule ${args.join(' ')} --json exited ${v.exitCode}\n${v.stdout}\n${v.stderr}`;
  if (v.exitCode === 1) {
    const again = await runCli(args, env);
    text += `\nwithout --json (exit ${again.exitCode}):\n${again.stdout}${again.stderr}`;
  }
  return text;
}

/** Runs the inline, then checks what it wrote: expected/, fmt, readability. Returns path → text. */
async function inlineAndCheck(c: CorpusCase, dir: string, args: string[]): Promise<Record<string, string>> {
  const before = snapshot(dir);
  const w = await runCli(args, env);
  expect(w.exitCode, `unmodule ${args.join(' ')} exited ${w.exitCode}\n${w.stderr}${w.stdout}`).toBe(0);

  const { changed, deleted } = changedPaths(before, snapshot(dir));
  expect(deleted, 'the inline deleted files').toEqual([]);
  const base = c.name ?? c.call;
  // A module of outputs only whose values all folded into their readers writes no file, and says so.
  if (!changed.includes(`${base}.tf`)) expect(`${w.stdout}${w.stderr}`, `${base}.tf was not written`).toContain(`no ${base}.tf is written`);
  const written = Object.fromEntries(changed.map((p) => [p, readFileSync(join(dir, p), 'utf8')]));

  if (!UPDATE) {
    const expected = readExpected(c);
    expect(expected, `${c.id} has no expected/; run with UNMODULE_UPDATE_EXPECTED=1, then read and commit what it wrote`).toBeDefined();
    expect(Object.keys(written).sort(), 'the files the inline wrote').toEqual(Object.keys(expected!).sort());
    for (const [p, text] of Object.entries(written)) expect(text, `${c.id}: ${p} differs from expected/${p}`).toBe(expected![p]);
  }

  expect((await fmtCheck(dir, { env })).files, 'files terraform fmt -check rejects').toEqual([]);
  expect(await readabilityFindings(dir, changed, c.call)).toEqual([]);
  return written;
}

/** A refusal: exit 1, the diagnostic (with file:line), and not one byte written. */
async function refusalCase(c: CorpusCase, tmp: string): Promise<void> {
  expect(readExpected(c), `${c.id} is a refusal case and must not have expected/`).toBeUndefined();
  const dir = join(tmp, 'service');
  copyInput(c, dir);
  if (c.pre) await deploy(c, dir);
  const before = snapshot(dir);
  // Without a deployed state there is nothing to check moves against: the refusal must come from the configuration.
  const args = [...inlineArgs(c, dir), ...(c.pre ? [] : ['--inventory', 'none'])];
  const r = await runCli(args, env);
  expect(r.exitCode, `unmodule ${args.join(' ')} should refuse\n${r.stdout}${r.stderr}`).toBe(1);
  expect(r.stderr).toMatch(new RegExp(c.refusal!, 'is'));
  if (c.at) expect(r.stderr, 'the diagnostic names file:line').toMatch(new RegExp(c.at));
  expect(snapshot(dir)).toEqual(before);
}
