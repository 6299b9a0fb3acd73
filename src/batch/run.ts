// The batch: discover the directories, take this shard, skip what a previous run finished
// (--resume), and run the rest N at a time. Results are saved after every directory, so an
// interrupted run loses at most the directories that were in flight.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ErrorLocation } from '../errors.js';
import { newGitCache } from '../sources/deployed.js';
import type { TerraformOptions } from '../terraform/index.js';
import { describeBadEntry, discoverServices, servicePath, type BadEntry } from './discover.js';
import { moduleFetcher } from './fetch.js';
import { FormatStage } from './format.js';
import { Channel, Slots } from './pipeline.js';
import { InitGate, pluginCacheEnv } from './init.js';
import { buildResults, readResults, writeResults } from './results.js';
import { BatchUsageError, shardOf, type Shard } from './select.js';
import { finishService, prepareService, type PreparedService } from './service.js';
import type { BatchResults, RunSettings, ServiceReport, StepName } from './types.js';
import type { VariableArg } from '../inline/index.js';

/** What a batch run is asked to do. */
export interface BatchOptions {
  /** Directories and globs; `.` when empty. */
  dirs: string[];
  fromFile?: string;
  /** Base for relative paths in arguments and results. */
  cwd: string;
  module: string;
  steps: StepName[];
  write: boolean;
  offline: boolean;
  shard?: Shard;
  jobs: number;
  resultsFile?: string;
  resume: boolean;
  tf: Omit<TerraformOptions, 'cwd'>;
  /** The shared plugin cache when the user's terraform config names none. */
  pluginCache?: string;
  /** --var / --var-file, in command-line order: for the inline's count/for_each and for every plan. */
  variableArgs?: VariableArg[];
}

/** Progress callbacks (the command renders them; the core never prints). */
export interface BatchEvents {
  planned?: (paths: string[], resumed: string[]) => void;
  started?: (path: string) => void;
  step?: (path: string, step: string) => void;
  finished?: (report: ServiceReport) => void;
}

/** Where the shared provider plugin cache lives when nothing else names one. */
export function defaultPluginCache(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'unmodule', 'plugin-cache');
}

/** Runs the batch; the result lists every directory of this shard, resumed ones included. */
export async function runBatch(o: BatchOptions, events: BatchEvents = {}): Promise<BatchResults> {
  const settings: RunSettings = { module: o.module, steps: o.steps, mode: 'moved', write: o.write, offline: o.offline, ...(o.shard ? { shard: `${o.shard.index}/${o.shard.count}` } : {}) };
  if (o.resume && !o.resultsFile) throw new BatchUsageError('--resume needs --results FILE (the results file of the run to resume)', '--resume');
  const discovery = await discoverServices(o.dirs, { fromFile: o.fromFile, cwd: o.cwd });
  // Nothing to run at all: refuse, naming every entry (a fleet list with one typo runs the rest).
  if (discovery.services.length === 0 && discovery.bad.length > 0) {
    throw new BatchUsageError(`no service directory to run:\n${discovery.bad.map((b) => `  ${describeBadEntry(b)}`).join('\n')}`, badEntryLocation(discovery.bad[0]!, o.cwd));
  }
  const found = shardOf(discovery.services, o.shard);
  // Paths in results resolve from the results file (or, without one, from cwd); a directory
  // outside that base is recorded absolute, so --resume and report --merge find it from anywhere.
  const base = o.resultsFile ? dirname(o.resultsFile) : o.cwd;
  const pathOf = (dir: string) => servicePath(dir, base);
  const planned = found.map((f) => pathOf(f.dir));

  const kept = o.resume ? await resumable(o.resultsFile!, settings, new Set(planned)) : [];
  const keptPaths = new Set(kept.map((s) => s.path));
  const todo = found.filter((f) => !keptPaths.has(pathOf(f.dir)));
  events.planned?.(planned, [...keptPaths]);

  const cache = await pluginCacheEnv(o.pluginCache ?? defaultPluginCache());
  const tf = { ...o.tf, env: { ...o.tf.env, ...cache.env, ...planVariableEnv(o.variableArgs ?? []) } };
  if (cache.env.TF_PLUGIN_CACHE_DIR) await mkdir(cache.cacheDir, { recursive: true });
  const ctxBase = { module: o.module, steps: o.steps, write: o.write, offline: o.offline, tf, variableArgs: o.variableArgs ?? [], base, gate: new InitGate(), cacheDir: cache.cacheDir, gitCache: newGitCache(), fetcher: moduleFetcher(tf) };

  // Every bad entry is a failed row of its own, named as it was given, with where it was given.
  const done: ServiceReport[] = [...kept, ...discovery.bad.map(badEntryReport)];
  let saving = Promise.resolve();
  const save = () => {
    if (!o.resultsFile) return;
    const file = o.resultsFile;
    const snapshot = buildResults(settings, planned, done);
    saving = saving.then(() => writeResults(file, snapshot));
  };
  save();

  // Each service runs in two halves (service.ts): preparing (pin, inline: mostly JavaScript) and
  // finishing (the plan: mostly terraform). Between them the format stage gates and formats every
  // prepared workspace that is waiting, in process. `jobs` services finish at once; preparing runs
  // ahead by a few services per job, never further, so a big fleet holds few workspaces at a time.
  const jobs = Math.max(1, Math.min(o.jobs, todo.length));
  const lead = jobs * 4;
  const ready: Channel<{ p: PreparedService; err?: Error }> = new Channel(() => stage.kick());
  // A format run is due when fewer services are ready to plan than there are planners (format
  // while they still plan, so that none waits), or when preparing can run no further ahead.
  const stage: FormatStage<PreparedService> = new FormatStage((p, err) => ready.push({ p, ...(err ? { err } : {}) }), (queued) => ready.size < jobs || queued >= lead);
  const ahead = new Slots(lead);
  const ctxFor = (path: string) => ({ ...ctxBase, onStep: (s: string) => events.step?.(path, s) });
  let next = 0;
  const prepare = async () => {
    for (;;) {
      await ahead.take();
      if (next >= todo.length) return ahead.give();
      const f = todo[next++]!;
      const path = pathOf(f.dir);
      events.started?.(path);
      const p = await prepareService(f, ctxFor(path));
      if (p.live && p.ws) stage.add(p);
      else ready.push({ p });
    }
  };
  // A finisher takes the next service as soon as its plan has ended: diffing and cleaning up the
  // previous one go on meanwhile, so terraform is never kept waiting for JavaScript.
  const closing: Promise<void>[] = [];
  const finish = async () => {
    for (let item = await ready.take(); item; item = await ready.take()) {
      stage.kick(); // one fewer ready to plan: a format run may be due
      let planned!: () => void;
      const planEnded = new Promise<void>((res) => (planned = res));
      const finished = finishService(item.p, { ...ctxFor(item.p.path), onPlanned: planned }, item.err).then((report) => {
        ahead.give();
        stage.kick();
        done.push(report);
        save();
        events.finished?.(report);
      });
      closing.push(finished);
      await Promise.race([planEnded, finished]);
    }
  };
  try {
    const finishing = Array.from({ length: jobs }, finish);
    // Twice as many preparers as planners: one waiting on a module download or a remote's refs
    // must not leave the planners without work.
    await Promise.all(Array.from({ length: 2 * jobs }, prepare));
    await stage.flush();
    ready.close();
    await Promise.all(finishing);
    await Promise.all(closing);
  } finally {
    await ctxBase.fetcher.close();
  }
  await saving;
  return buildResults(settings, planned, done);
}

/** The finished (pass or skip) services of a previous run with the same settings; failed ones run again. */
async function resumable(file: string, settings: RunSettings, planned: Set<string>): Promise<ServiceReport[]> {
  if (!existsSync(file)) return [];
  const prev = await readResults(file);
  const p = prev.settings;
  if (p.module !== settings.module || p.steps.join() !== settings.steps.join() || p.write !== settings.write || p.offline !== settings.offline || p.shard !== settings.shard) {
    throw new BatchUsageError(`${file} is from a run with different settings (module ${p.module}, steps ${p.steps.join(',')}, write ${p.write}, offline ${p.offline}${p.shard ? `, shard ${p.shard}` : ''}); resume with the same flags or drop --resume`);
  }
  return prev.services.filter((s) => s.status !== 'fail' && planned.has(s.path));
}

/**
 * The plans of a batch see the same variable values as its inlines: terraform appends
 * TF_CLI_ARGS_plan to every plan's arguments (words split as a shell would, so each is quoted).
 */
function planVariableEnv(args: VariableArg[]): Record<string, string> {
  if (args.length === 0) return {};
  const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
  return { TF_CLI_ARGS_plan: args.map((a) => quote(a.kind === 'var' ? `-var=${a.text}` : `-var-file=${a.path}`)).join(' ') };
}

/** Where the first bad entry was given: its list file line, or the directory it names. */
function badEntryLocation(b: BadEntry, cwd: string): ErrorLocation {
  const m = /^(.*):(\d+)$/.exec(b.from);
  return m ? { file: resolve(cwd, m[1]!), line: Number(m[2]) } : { dir: resolve(cwd, b.entry) };
}

/** The results row of an entry that named no service directory. */
function badEntryReport(b: BadEntry): ServiceReport {
  const reason = `${b.from}: ${b.why}`;
  return {
    path: b.entry,
    status: 'fail',
    reason,
    calls: [],
    steps: { pin: 'not-run', inline: 'not-run', verify: 'not-run' },
    refs: [],
    diff: '',
    written: false,
    error: describeBadEntry(b),
    durationMs: 0,
  };
}
