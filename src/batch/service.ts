// One service directory through the escape plan: freeze, inline, verify — all in a scratch
// workspace, initialised there only if the rewritten configuration needs it — then, with --write
// and only when every step held, write the touched files back all or none. Whatever happens, the outcome is a ServiceReport, never a throw:
// one directory's failure must not stop the others.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModule, readConfigText } from '../config/load.js';
import type { ModuleCall, ModuleConfig } from '../config/module.js';
import { declaredMoves } from '../config/moved.js';
import { parseHcl, type HclFile } from '../hcl/cst.js';
import { renderChanges, writeChanges } from '../inline/files.js';
import { inlineCall, type VariableArg } from '../inline/index.js';
import { instancesOf } from '../inventory/index.js';
import type { Move } from '../migrate/move.js';
import { renderDiff } from '../report/diff.js';
import { collectSecrets, redactDeep } from '../report/redact.js';
import type { GitCache } from '../sources/deployed.js';
import type { FoundService } from '../sources/discover.js';
import { isLocalSource, readModulesManifest, resolveModuleDir } from '../sources/resolve.js';
import { tryParseModuleSource } from '../sources/source.js';
import { init, type TerraformOptions } from '../terraform/index.js';
import { verifyInPlace } from '../verify/online.js';
import { verifyOffline } from '../verify/offline.js';
import { renderVerdict } from '../verify/render.js';
import type { PlanVerdict } from '../verify/verdict.js';
import { servicePath } from './discover.js';
import type { ModuleFetcher } from './fetch.js';
import { formatWorkspaces } from './format.js';
import { initRequirements, needsInit, type InitGate } from './init.js';
import { pinStep } from './pin-step.js';
import { matchCalls } from './select.js';
import type { InlineOutcome, InventoryOutcome, ServiceReport, StepName, VerifyOutcome } from './types.js';
import { detachTerraformDir, openWorkspace, workspaceChanges, writeToWorkspace, type Workspace } from './workspace.js';

/** Everything one directory's run needs that is shared across the batch. */
export interface ServiceRunContext {
  module: string;
  /** --var / --var-file for the inline (the plans get them through TF_CLI_ARGS_plan in tf.env). */
  variableArgs: VariableArg[];
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
  /** Remote modules of services never initialised, installed once per source. */
  fetcher: ModuleFetcher;
  /** Called when a step starts, for the progress display. */
  onStep?: (step: string) => void;
  /** Called once the service's plan has finished (the rest of finishing is quick JavaScript). */
  onPlanned?: () => void;
}

/**
 * A service between the two halves of its run: pinned and inlined in its workspace (plain text,
 * not yet formatted), or already failed or skipped (`live` false: finishing only reports).
 */
export interface PreparedService {
  found: FoundService;
  path: string;
  report: ServiceReport;
  started: number;
  calls: ModuleCall[];
  secrets: string[];
  ws?: Workspace;
  live: boolean;
}

/** Runs the steps over one service directory; never throws. */
export async function runService(found: FoundService, ctx: ServiceRunContext): Promise<ServiceReport> {
  const p = await prepareService(found, ctx);
  // The format stage is also the parse gate of what prepareService wrote.
  const err = p.live && p.ws ? (await formatWorkspaces([p.ws])).get(p.ws) : undefined;
  return finishService(p, ctx, err);
}

/** The first half: init the service if it must be, open its workspace, pin, inline. Never throws. */
export async function prepareService(found: FoundService, ctx: ServiceRunContext): Promise<PreparedService> {
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
  const p: PreparedService = { found, path, report, started: Date.now(), calls: [], secrets: [], live: false };
  let current: StepName | undefined;
  try {
    if (found.moduleOf) {
      skip(report, `module of ${servicePath(found.moduleOf, ctx.base)}`);
      return p;
    }
    if (found.error || !found.module) throw found.error ?? new Error(`${found.dir}: cannot read the configuration`);
    const root = found.module;
    const calls = (p.calls = matchCalls(root.moduleCalls, ctx.module));
    report.calls = calls.map((c) => ({ name: c.name, ...(c.source !== undefined ? { source: c.source } : {}), ...(c.version !== undefined ? { version: c.version } : {}) }));
    if (calls.length === 0) {
      skip(report, `no module call matches ${JSON.stringify(ctx.module)}`);
      return p;
    }

    if (await initServiceFirst(found.dir, root, calls, ctx)) {
      ctx.onStep?.('init');
      const req = await initRequirements(found.dir, root, ctx.cacheDir);
      await ctx.gate.run(req, () => init({ ...ctx.tf, cwd: found.dir }));
    }
    const ws = (p.ws = await openWorkspace(found.dir));

    // The secrets to keep out of the report come from the modules as pinned: the very copies
    // the inline reads (a floating ref's source before pinning would be a second download).
    let pinnedCalls = calls;
    if (ctx.steps.includes('pin')) {
      ctx.onStep?.((current = 'pin'));
      const pin = await pinStep(found.dir, root, calls, ctx.module, ctx.gitCache);
      report.refs = pin.refs;
      if (pin.error) {
        p.secrets = await secretsOf(found.dir, root, calls, ctx.fetcher);
        fail(report, 'pin', pin.error);
        return p;
      }
      await writeToWorkspace(ws, pin.changes);
      report.steps.pin = 'ok';
      if (pin.changes.length > 0) {
        const pinned = await loadModule(ws.dir);
        pinnedCalls = calls.map((c) => pinned.moduleCalls.find((x) => x.name === c.name) ?? c);
      }
    }
    p.secrets = await secretsOf(found.dir, root, pinnedCalls, ctx.fetcher);

    if (ctx.steps.includes('inline')) {
      ctx.onStep?.((current = 'inline'));
      report.inline = await inlineStep(ws, calls, remoteModuleDir(ws, ctx.fetcher), ctx.variableArgs);
      report.steps.inline = 'ok';
    }
    p.live = true;
  } catch (err) {
    fail(report, current, (err as Error).message ?? String(err));
  }
  return p;
}

/**
 * The second half: verify (one plan), diff, write when asked and every step held, remove the
 * workspace. `formatError` is the format stage's verdict on the workspace. Never throws.
 */
export async function finishService(p: PreparedService, ctx: ServiceRunContext, formatError?: Error): Promise<ServiceReport> {
  const { report, ws, found, path } = p;
  let current: StepName | undefined;
  try {
    if (formatError) {
      p.live = false;
      fail(report, ctx.steps.includes('inline') ? 'inline' : 'pin', formatError.message);
    }
    if (p.live && ws) {
      if (ctx.steps.includes('verify')) {
        ctx.onStep?.((current = 'verify'));
        report.verify = await verifyStep(ws, ctx).finally(() => ctx.onPlanned?.());
        report.steps.verify = report.verify.zeroChange ? 'ok' : 'failed';
        if (!report.verify.zeroChange) {
          report.status = 'fail';
          report.reason = report.verify.summary.split('\n')[0];
        }
      }
      report.inventory = inventoryOf(p.calls, report.inline?.moves, report.verify);

      const changes = await workspaceChanges(ws);
      report.diff = renderDiff(changes);
      if (ctx.write && report.status === 'pass' && changes.length > 0) {
        ctx.onStep?.('write');
        // The plan in the workspace already loaded the rewritten configuration; without one, validate.
        await writeChanges(found.dir, changes, ctx.steps.includes('verify') ? {} : { terraform: ctx.tf });
        report.written = true;
      }
    }
  } catch (err) {
    fail(report, current, (err as Error).message ?? String(err));
  } finally {
    await ws?.cleanup().catch(() => undefined);
    report.durationMs = Date.now() - p.started;
  }
  // Paths inside the scratch copy mean nothing to a reader: name the service instead.
  const relocated = relocate(ws ? relocate(report, ws.dir, path) : report, found.dir, path);
  return redactDeep(relocated, p.secrets);
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

/**
 * Init the service directory itself, as its owner would, before anything else? Only when it was
 * initialised once and its .terraform is now behind the configuration, or when it never was and a
 * call to inline comes from a registry (which version is in use is unknown until init picks one).
 * A service never initialised is otherwise left as it is: remote modules come from the batch's
 * fetcher, and the workspace is initialised if the rewritten configuration needs it.
 */
async function initServiceFirst(dir: string, root: ModuleConfig, calls: ModuleCall[], ctx: ServiceRunContext): Promise<boolean> {
  if (!ctx.steps.includes('inline') && !ctx.steps.includes('verify')) return false;
  if (existsSync(join(dir, '.terraform'))) return needsInit(dir, root);
  return calls.some((c) => c.source !== undefined && tryParseModuleSource(c.source)?.kind === 'registry');
}

/** Where a remote call's module is when the workspace has no installed copy: the batch fetcher's. */
function remoteModuleDir(ws: Workspace, fetcher: ModuleFetcher) {
  return async (call: ModuleCall): Promise<string | undefined> => {
    if (!call.source || isLocalSource(call.source)) return undefined;
    const manifest = await readModulesManifest(ws.dir).catch(() => undefined);
    if (manifest?.some((m) => m.Key === call.name)) return undefined;
    return fetcher.fetch(call.source, call.version);
  };
}

/** Inlines every matched call in the workspace, one after the other (each sees the previous one's result). */
async function inlineStep(ws: Workspace, calls: ModuleCall[], moduleDir: (call: ModuleCall) => Promise<string | undefined>, variableArgs: VariableArg[]): Promise<InlineOutcome> {
  const out: InlineOutcome = { calls: [], files: [], moves: [], notes: [] };
  for (const call of calls) {
    const refactor = await inlineCall(ws.dir, call.name, { moduleDir, variableArgs });
    const changes = await renderChanges(refactor, undefined, { gate: false });
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
  const rewritten = await loadModule(ws.dir);
  const expectedMoves = declaredMoves(rewritten);
  if (!ctx.offline && (await needsInit(ws.dir, rewritten))) {
    // The plan needs modules or plugins the workspace lacks: init the workspace, never the service.
    ctx.onStep?.('init');
    await detachTerraformDir(ws);
    const req = await initRequirements(ws.dir, rewritten, ctx.cacheDir);
    await ctx.gate.run(req, () => init({ ...ctx.tf, cwd: ws.dir }));
  }
  const verdict: PlanVerdict = ctx.offline
    ? await verifyOffline({ originalDir: ws.original, rewrittenDir: ws.dir, expectedMoves, tf: ctx.tf })
    : await verifyInPlace(ws.dir, ctx.tf, expectedMoves, {}, ws.scratch);
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
async function secretsOf(dir: string, root: ModuleConfig, calls: ModuleCall[], fetcher: ModuleFetcher): Promise<string[]> {
  const called: { call: ModuleCall; module: ModuleConfig }[] = [];
  for (const call of calls) {
    const installed = await resolveModuleDir(dir, call.name, call.source).catch(() => undefined);
    const remote = !installed && call.source && !isLocalSource(call.source);
    const modDir = remote ? await fetcher.fetch(call.source!, call.version).catch(() => undefined) : installed;
    const module = modDir ? await loadModule(modDir).catch(() => undefined) : undefined;
    if (module) called.push({ call, module });
  }
  const names = (await readdir(dir)).filter((n) => n === 'terraform.tfvars' || n.endsWith('.auto.tfvars')).sort();
  const tfvars: HclFile[] = [];
  for (const n of names) {
    const file = await Promise.resolve()
      .then(() => parseHcl(join(dir, n), readConfigText(join(dir, n))))
      .catch(() => undefined);
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
