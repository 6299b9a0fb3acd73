// Pure judgement of the real-world harness: what one CLI run means, what a case's verdict is,
// and the totals. No I/O here, so test/realworld/classify.test.ts can check it without terraform.

/** Errors the CLI reports as a diagnostic for the user (src/cli/common.ts isUserError). */
const USER_ERRORS = new Set([
  'InlineError',
  'MigrateError',
  'PreplannedError',
  'GitError',
  'HclSyntaxError',
  'ConfigError',
  'ModuleLoadError',
  'SourceNotFoundError',
  'TerraformError',
  'TerraformNotFoundError',
]);

/**
 * A diagnostic for the user: a known refusal class, or anything the CLI's one error path rendered
 * (`{name, message, location, exitCode}` with no stack: OfflineDataSourceError, NotInitialisedError, ...).
 */
function isDiagnostic(err) {
  if (!err || err.stack) return false;
  return USER_ERRORS.has(err.name) || (typeof err.exitCode === 'number' && typeof err.location === 'object' && err.location !== null);
}

/** `file.tf:12` or `file.tf:12:3` anywhere in a message. */
const LOCATION = /[\w./@+-]+\.tf(?:\.json)?:\d+(?::\d+)?/;

function parseJson(text) {
  const t = (text ?? '').trim();
  if (!t.startsWith('{')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/**
 * One `unmodule inline --json` run → { outcome, message, location? }.
 * outcome: inlined | refused | parse-error (our parser rejected module code) | crash.
 */
export function classifyInline({ exitCode, stdout, stderr }) {
  if (exitCode === 'timeout') return { outcome: 'crash', message: 'inline timed out (see UNMODULE_REALWORLD_TIMEOUT)', exitCode };
  const json = parseJson(stdout);
  if (exitCode === 0 && json && !json.error) {
    return { outcome: 'inlined', written: json.written ?? [], notes: (json.refactor?.notes ?? []).length, moves: (json.refactor?.moves ?? []).length };
  }
  const err = json?.error;
  const stack = /\n\s+at .+\(?.*:\d+:\d+\)?/.test(`${stderr}\n${err?.stack ?? ''}`);
  // terraform fmt rejecting text the engine generated is the engine's bug (the gate caught it),
  // not a diagnostic a user can act on.
  if (err?.name === 'TerraformError' && Array.isArray(err.argv) && err.argv.includes('fmt')) {
    return { outcome: 'crash', name: 'GeneratedInvalidHcl', message: `generated HCL rejected by terraform fmt: ${String(err.message ?? '').split('\n').slice(0, 2).join(' ')}`, exitCode };
  }
  if (isDiagnostic(err) && !stack) {
    const message = String(err.message ?? '');
    const location = LOCATION.exec(message)?.[0];
    const outcome = err.name === 'HclSyntaxError' || /HCL syntax error/i.test(message) ? 'parse-error' : 'refused';
    return { outcome, name: err.name, message, location };
  }
  const text = err ? `${err.name ?? 'Error'}: ${err.message ?? ''}\n${err.stack ?? ''}\n${stderr}` : `${stderr}\n${stdout}`;
  return { outcome: 'crash', name: err?.name, message: text.trim() || `exit ${exitCode} with no output`, exitCode };
}

/** `unmodule verify --json` run → { outcome: equivalent | different | invalid | error | crash, message }. */
export function classifyVerify({ exitCode, stdout, stderr }) {
  const json = parseJson(stdout);
  if (exitCode === 0) return { outcome: 'equivalent' };
  if (exitCode === 'timeout') return { outcome: 'error', message: 'verify timed out (see UNMODULE_REALWORLD_TIMEOUT)' };
  // An inconclusive verdict is the offline oracle failing on the original, not a difference.
  if (exitCode === 2 && json?.verdict?.inconclusive) return { outcome: 'error', message: `inconclusive: ${(json.verdict.problems ?? []).join(' | ').replace(/\s+/g, ' ').slice(0, 400)}` };
  if (exitCode === 2) return { outcome: 'different', message: firstDifferences(json, stdout) };
  const err = json?.error;
  // The rewritten config fails to plan where the original plans clean: the rewrite is broken.
  if (err?.name === 'RewrittenPlanError') return { outcome: 'invalid', message: String(err.message ?? '') };
  if (isDiagnostic(err)) return { outcome: 'error', name: err.name, message: String(err.message ?? '') };
  const text = (err ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : `${stderr}\n${stdout}`).trim();
  return { outcome: 'crash', message: text || `exit ${exitCode} with no output`, exitCode };
}

/** The first few changes of a verify --json result ({ verdict: PlanVerdict }), one line each. */
export function firstDifferences(json, raw) {
  const v = json?.verdict;
  if (!v) return (raw ?? '').replace(/\s+/g, ' ').slice(0, 400);
  const show = (x) => (x === undefined ? '(none)' : JSON.stringify(x)?.slice(0, 80));
  const out = [];
  for (const c of v.changes ?? []) {
    const attrs = (c.attributes ?? []).slice(0, 2).map((a) => `${a.path}: ${show(a.before)} -> ${show(a.after)}${a.origin ? ` (${a.origin})` : ''}`);
    out.push(`${c.address} ${c.action}${c.actionReason ? ` (${c.actionReason})` : ''}${attrs.length ? ` [${attrs.join('; ')}]` : ''}`);
  }
  for (const o of v.outputChanges ?? []) out.push(`output ${o.name} ${o.actions?.join(',')}: ${show(o.before)} -> ${show(o.after)}`);
  for (const m of v.unexpectedMoves ?? []) out.push(`unexpected move ${m.from} -> ${m.to}`);
  for (const m of v.missingMoves ?? []) out.push(`missing move ${m.from} -> ${m.to}`);
  for (const p of v.problems ?? []) out.push(`problem: ${p}`);
  const n = out.length;
  return n ? `${n} difference(s): ${out.slice(0, 3).join(' | ')}` : (raw ?? '').replace(/\s+/g, ' ').slice(0, 400);
}

/** The order in which a case's worst finding wins. */
const SEVERITY = ['CRASH', 'WROTE-INVALID', 'DIFFERENT', 'PARSE-ERROR', 'REFUSED', 'VERIFY-ERROR', 'BAD-CASE', 'INLINED', 'PASS'];

/**
 * A case's verdict from what happened to it.
 * r: { badCase?, calls: [{outcome,...}], invalid?: string, verify?: {outcome,message}, offline }
 */
export function caseVerdict(r) {
  if (r.badCase) return { verdict: 'BAD-CASE', detail: r.badCase };
  const crash = r.calls.find((c) => c.outcome === 'crash' || c.outcome === 'stuck');
  if (crash) return { verdict: 'CRASH', detail: `${crash.call}: ${crash.message}` };
  if (r.invalid) return { verdict: 'WROTE-INVALID', detail: r.invalid };
  if (r.verify?.outcome === 'crash') return { verdict: 'CRASH', detail: `verify: ${r.verify.message}` };
  if (r.verify?.outcome === 'different') return { verdict: 'DIFFERENT', detail: r.verify.message };
  const stop = r.calls.find((c) => c.outcome === 'refused' || c.outcome === 'parse-error');
  if (stop) return { verdict: stop.outcome === 'parse-error' ? 'PARSE-ERROR' : 'REFUSED', detail: `${stop.call}: ${stop.message}` };
  if (r.verify?.outcome === 'error') return { verdict: 'VERIFY-ERROR', detail: r.verify.message };
  if (!r.offline) return { verdict: 'INLINED', detail: 'all calls inlined, written files parse; not verifiable offline' + (r.offlineWhy ? ` (${r.offlineWhy})` : '') };
  return { verdict: 'PASS', detail: '' };
}

/** First line of a message, trimmed to width. */
export function firstLine(text, width = 200) {
  const line = String(text ?? '').split('\n').find((l) => l.trim()) ?? '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function median(xs) {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

/** Totals over case results: verdict counts, calls inlined/total, engine ms median and max. */
export function summarize(results) {
  const verdicts = {};
  for (const v of SEVERITY) verdicts[v] = 0;
  let inlined = 0;
  let total = 0;
  const ms = [];
  for (const r of results) {
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    for (const c of r.calls) {
      total++;
      if (c.outcome === 'inlined') inlined++;
      if (typeof c.ms === 'number') ms.push(c.ms);
    }
    total += r.remaining?.length ?? 0;
  }
  return { cases: results.length, verdicts, calls: { inlined, total }, engineMs: { median: median(ms), max: ms.length ? Math.max(...ms) : 0, runs: ms.length } };
}

/** One line per case for the terminal. */
export function formatCaseLine(r) {
  const inl = r.calls.filter((c) => c.outcome === 'inlined').length;
  const all = r.calls.length + (r.remaining?.length ?? 0);
  const head = `${r.verdict.padEnd(13)} ${r.id.padEnd(34)} ${String(inl).padStart(2)}/${String(all).padEnd(2)} calls`;
  return r.detail ? `${head}  ${firstLine(r.detail)}` : head;
}

/** The totals line(s). */
export function formatTotals(s) {
  const counts = Object.entries(s.verdicts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
  return `${s.cases} cases: ${counts}\ncalls inlined: ${s.calls.inlined}/${s.calls.total}; engine ms per call (CLI wall time): median ${s.engineMs.median}, max ${s.engineMs.max} over ${s.engineMs.runs} runs`;
}
