// One service directory through the escape plan: init if it never was, freeze, inline, verify —
// all in a scratch workspace — then, with --write and only when every step held, write the
// touched files back all or none. Whatever happens, the outcome is a ServiceReport, never a throw:
// one directory's failure must not stop the others.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModule } from '../config/load.js';
import type { ModuleCall, ModuleConfig } from '../config/module.js';
import { declaredMoves } from '../config/moved.js';
import { parseHcl, type HclFile } from '../hcl/cst.js';
import { renderChanges, writeChanges } from '../inline/files.js';
import { inlineCall } from '../inline/index.js';
import { instancesOf } from '../inventory/index.js';
import type { Move } from '../migrate/move.js';
import { renderDiff } from '../report/diff.js';
import { collectSecrets, redactDeep } from '../report/redact.js';
import type { GitCache } from '../sources/deployed.js';
import type { FoundService } from '../sources/discover.js';
import { resolveModuleDir } from '../sources/resolve.js';
import { init, type TerraformOptions } from '../terraform/index.js';
import { verifyInPlace } from '../verify/online.js';
import { verifyOffline } from '../verify/offline.js';
import { renderVerdict } from '../verify/render.js';
import type { PlanVerdict } from '../verify/verdict.js';
import { servicePath } from './discover.js';
import type { BatchFormatter } from './format.js';
import { initRequirements, needsInit, type InitGate } from './init.js';
import { pinStep } from './pin-step.js';
import { matchCalls } from './select.js';
import type { InlineOutcome, InventoryOutcome, ServiceReport, StepName, VerifyOutcome } from './types.js';
import { openWorkspace, workspaceChanges, writeToWorkspace, type Workspace } from './workspace.js';

/** Everything one directory's run needs that is shared across the batch. */
export interface ServiceRunContext {
  module: string;
  steps: StepName[];
  write: boolean;
  offline: boolean;
  /** Binary and env (the shared plugin cache included); cwd is per directory. */
  tf: Omit<TerraformOptions, 'cwd'>;
  /** Paths in the report are relative to this. */
  base: string;
  gate: InitGate;
  cacheDir: string;
  gitCache: GitCache;
  formatter?: BatchFormatter;
  /** Called when a step starts, for the progress display. */
  onStep?: (step: string) => void;
}

/** Runs the steps over one service directory; never throws. */
export async function runService(found: FoundService, ctx: ServiceRunContext): Promise<ServiceReport> {
  const started = Date.now();
  const path = servicePath(found.dir, ctx.base);
  const report: ServiceReport = {
    path,
    status: 'pass',
    calls: [],
    steps: { pin: 'not-run', inline: 'not-run', verify: 'not-run' },
    refs: [],
    diff: '',
    written: false,
    durationMs: 0,
  };
  let secrets: string[] = [];
  let ws: Workspace | undefined;
  let current: StepName | undefined;
  try {
    if (found.error || !found.module) throw found.error ?? new Error(`${found.dir}: cannot read the configuration`);
    const root = found.module;
    const calls = matchCalls(root.moduleCalls, ctx.module);
    report.calls = calls.map((c) => ({ name: c.name, ...(c.source !== undefined ? { source: c.source } : {}), ...(c.version !== undefined ? { version: c.version } : {}) }));
    if (calls.length === 0) return skip(report, `no module call matches ${JSON.stringify(ctx.module)}`);

    const needsTerraformDir = ctx.steps.includes('inline') || ctx.steps.includes('verify');
    if (needsTerraformDir && (await needsInit(found.dir, root))) {
      ctx.onStep?.('init');
      const req = await initRequirements(found.dir, root, ctx.cacheDir);
      await ctx.gate.run(req, () => init({ ...ctx.tf, cwd: found.dir }));
    }
    secrets = await secretsOf(found.dir, root, calls);
    ws = await openWorkspace(found.dir);

    if (ctx.steps.includes('pin')) {
      ctx.onStep?.((current = 'pin'));
      const pin = await pinStep(found.dir, root, calls, ctx.module, ctx.tf, ctx.gitCache);
      report.refs = pin.refs;
      if (pin.error) return fail(report, 'pin', pin.error);
      await writeToWorkspace(ws, pin.changes);
      report.steps.pin = 'ok';
    }

    if (ctx.steps.includes('inline')) {
      ctx.onStep?.((current = 'inline'));
      report.inline = await inlineStep(ws, calls, ctx.formatter);
      report.steps.inline = 'ok';
    }

    if (ctx.steps.includes('verify')) {
      ctx.onStep?.((current = 'verify'));
      report.verify = await verifyStep(ws, ctx);
      report.steps.verify = report.verify.zeroChange ? 'ok' : 'failed';
      if (!report.verify.zeroChange) {
        report.status = 'fail';
        report.reason = report.verify.summary.split('\n')[0];
      }
    }
    report.inventory = inventoryOf(calls, report.inline?.moves, report.verify);

    const changes = await workspaceChanges(ws);
    report.diff = renderDiff(changes);
    if (ctx.write && report.status === 'pass' && changes.length > 0) {
      ctx.onStep?.('write');
      await writeChanges(found.dir, changes);
      report.written = true;
    }
  } catch (err) {
    fail(report, current, (err as Error).message ?? String(err));
  } finally {
    await ws?.cleanup().catch(() => undefined);
    report.durationMs = Date.now() - started;
  }
  // Paths inside the scratch copy mean nothing to a reader: name the service instead.
  const relocated = relocate(ws ? relocate(report, ws.dir, path) : report, found.dir, path);
  return redactDeep(relocated, secrets);
}

function skip(report: ServiceReport, reason: string): ServiceReport {
  report.status = 'skip';
  report.reason = reason;
  for (const s of Object.keys(report.steps) as StepName[]) report.steps[s] = 'skipped';
  return report;
}

function fail(report: ServiceReport, step: StepName | undefined, message: string): ServiceReport {
  report.status = 'fail';
  report.error = message;
  report.reason = `${step ? `${step}: ` : ''}${message.split('\n')[0]}`;
  if (step) report.steps[step] = 'failed';
  return report;
}

/** Inlines every matched call in the workspace, one after the other (each sees the previous one's result). */
async function inlineStep(ws: Workspace, calls: ModuleCall[], formatter: BatchFormatter | undefined): Promise<InlineOutcome> {
  const out: InlineOutcome = { calls: [], files: [], moves: [], notes: [] };
  for (const call of calls) {
    const refactor = await inlineCall(ws.dir, call.name);
    await formatter?.prefetch(refactor);
    const changes = await renderChanges(refactor, formatter?.format);
    await writeToWorkspace(ws, changes);
    out.calls.push(call.name);
    out.moves.push(...refactor.moves);
    out.notes.push(...refactor.notes);
    for (const c of changes) {
      if (!out.files.some((f) => f.path === c.path)) out.files.push({ path: c.path, kind: c.before === undefined ? 'new' : 'edit' });
    }
  }
  return out;
}

/** One plan of the rewritten configuration: in the workspace, or offline against the original. */
async function verifyStep(ws: Workspace, ctx: ServiceRunContext): Promise<VerifyOutcome> {
  const expectedMoves = declaredMoves(await loadModule(ws.dir));
  const verdict: PlanVerdict = ctx.offline
    ? await verifyOffline({ originalDir: ws.original, rewrittenDir: ws.dir, expectedMoves, tf: ctx.tf })
    : await verifyInPlace(ws.dir, ctx.tf, expectedMoves);
  return { mode: ctx.offline ? 'offline' : 'in-place', zeroChange: verdict.zeroChange, summary: renderVerdict(verdict), verdict };
}

/**
 * The instances the calls manage. From a real plan: the addresses Terraform moves or still
 * plans under module.NAME (that is the state). Otherwise what the configuration folds to.
 */
function inventoryOf(calls: ModuleCall[], moves: Move[] | undefined, verify: VerifyOutcome | undefined): InventoryOutcome | undefined {
  const verdict = verify?.verdict;
  // Offline, the plan's "state" was synthesized from the configuration itself.
  const fromPlan = verify?.mode === 'in-place';
  const addresses = verdict
    ? [...verdict.moves.map((m) => m.from), ...verdict.changes.flatMap((c) => [c.address, ...(c.previousAddress ? [c.previousAddress] : [])])]
    : (moves ?? []).map((m) => m.from);
  if (!verdict && !moves) return undefined;
  const mine = [...new Set(calls.flatMap((c) => instancesOf(c, addresses)))].sort();
  return { source: fromPlan ? 'plan' : 'config', addresses: mine };
}

/** The sensitive literals of a service (see report/redact.ts); the called modules are read best effort. */
async function secretsOf(dir: string, root: ModuleConfig, calls: ModuleCall[]): Promise<string[]> {
  const called: { call: ModuleCall; module: ModuleConfig }[] = [];
  for (const call of calls) {
    const modDir = await resolveModuleDir(dir, call.name, call.source).catch(() => undefined);
    const module = modDir ? await loadModule(modDir).catch(() => undefined) : undefined;
    if (module) called.push({ call, module });
  }
  const names = (await readdir(dir)).filter((n) => n === 'terraform.tfvars' || n.endsWith('.auto.tfvars')).sort();
  const tfvars: HclFile[] = [];
  for (const n of names) {
    const file = await parseHcl(join(dir, n), await readFile(join(dir, n), 'utf8')).catch(() => undefined);
    if (file) tfvars.push(file);
  }
  return collectSecrets(root, called, tfvars);
}

function relocate<T>(value: T, from: string, to: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.split(`${from}/`).join(`${to}/`).split(from).join(to);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
