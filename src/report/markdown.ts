// The pull-request report: results in, Markdown out (pure; templates are passed in). Summary
// table first, then one section per service with its refs, moves, verdict and the diff folded
// in <details>. Nothing time-dependent is rendered, so the same results always give the same bytes
// (a merged sharded run renders exactly like the unsharded one).
import type { BatchResults, RefFinding, ServiceReport } from '../batch/types.js';
import { applyHint } from '../verify/render.js';
import { fillTemplate, type ReportTemplates } from './template.js';

const MARK = { pass: '✅', fail: '❌', skip: '⏭️' } as const;
/** Longer diffs are cut: a PR comment holds 65,536 characters. */
export const MAX_DIFF_LINES = 400;

/** The whole report. */
export function renderMarkdown(results: BatchResults, t: ReportTemplates): string {
  const { totals, settings } = results;
  const failed = totals.fail > 0 || totals.pending > 0;
  const headline = failed
    ? `**${MARK.fail} ${totals.fail} of ${results.planned.length} service(s) failed**${totals.pending ? ` (${totals.pending} not run)` : ''}: nothing should be merged until every service below shows ${MARK.pass}.`
    : `**${MARK.pass} ${totals.pass} service(s) passed**${totals.skip ? `, ${totals.skip} skipped (module not used)` : ''}: ${settings.steps.includes('verify') ? 'terraform plan shows zero change apart from the moves.' : 'not verified by a plan (the verify step was not run).'}${applyLine(results)}`;
  const footer = [
    `${results.planned.length} service(s): ${totals.pass} passed, ${totals.fail} failed, ${totals.skip} skipped${totals.pending ? `, ${totals.pending} not run` : ''}`,
    `module \`${settings.module}\``,
    `steps ${settings.steps.join(', ')}`,
    settings.write ? 'changes written' : 'dry run (nothing written)',
    settings.steps.includes('verify') ? (settings.offline ? 'verified offline (equivalence, no credentials)' : 'verified by a real plan') : 'not verified',
  ].join(' · ');
  return fillTemplate(t.page, {
    title: `unmodule: ${settings.write ? 'inline' : 'dry run'} of \`${settings.module}\``,
    headline,
    summary_table: summaryTable(results),
    services: results.services.map((s) => fillTemplate(t.service, serviceValues(s))).join('\n'),
    footer,
  });
}

/** After a clean run with moves: they happen on apply, then tidy. */
function applyLine(results: BatchResults): string {
  const moves = results.services.reduce((n, s) => n + (s.inline?.moves.length ?? 0), 0);
  const hint = results.settings.steps.includes('verify') ? applyHint(moves) : undefined;
  return hint ? `\n\n${hint}` : '';
}

/** The table at the top: one row per service. */
export function summaryTable(results: BatchResults): string {
  const rows = results.services.map((s) => `| ${MARK[s.status]} | \`${cell(s.path)}\` | ${cell(s.calls.map((c) => c.name).join(', ') || '—')} | ${cell(refsCell(s.refs))} | ${s.inline ? s.inline.moves.length : '—'} | ${cell(planCell(s))} |`);
  const done = new Set(results.services.map((s) => s.path));
  for (const p of results.planned.filter((x) => !done.has(x))) rows.push(`| ⏳ | \`${cell(p)}\` | — | — | — | not run |`);
  return ['|  | Service | Module calls | Refs | Moves | Plan |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

function refsCell(refs: RefFinding[]): string {
  if (refs.length === 0) return '—';
  return refs.map((r) => (r.status === 'floating' ? `floating${r.ref ? ` (${r.ref})` : ''} → ${r.pinTo ?? '?'}` : r.status === 'pinned' ? `pinned ${r.ref ?? ''}`.trim() : r.status)).join('; ');
}

function planCell(s: ServiceReport): string {
  if (s.status === 'skip') return s.reason ?? 'skipped';
  if (s.verify) return s.verify.zeroChange ? 'zero change' : (s.verify.summary.split('\n')[0] ?? 'changes');
  if (s.status === 'fail') return s.reason ?? 'failed';
  return 'not verified';
}

function serviceValues(s: ServiceReport): Record<string, string> {
  return {
    mark: MARK[s.status],
    path: s.path,
    status_line: statusLine(s),
    error: s.error ? details('Error', fence(s.error, 'text'), true) : '',
    refs: s.refs.length ? refsTable(s.refs) : '',
    inventory: s.inventory?.addresses.length ? details(`Inventory: ${s.inventory.addresses.length} instance(s) managed by the module (${s.inventory.source === 'plan' ? 'from the state, via the plan' : 'as the configuration folds'})`, s.inventory.addresses.map((a) => `- \`${a}\``).join('\n')) : '',
    moves: s.inline?.moves.length ? ['**Moves** (`moved` blocks)', '', '| From | To |', '|---|---|', ...s.inline.moves.map((m) => `| \`${cell(m.from)}\` | \`${cell(m.to)}\` |`)].join('\n') : '',
    verification: s.verify ? `**Verification** (${s.verify.mode === 'offline' ? 'offline equivalence' : 'terraform plan'}): ${s.verify.zeroChange ? MARK.pass : MARK.fail}\n\n${fence(s.verify.summary, 'text')}` : '',
    notes: s.inline?.notes.length ? ['**Notes**', '', ...s.inline.notes.map((n) => `- ${n.level === 'warning' ? '⚠️ ' : ''}${n.file ? `\`${n.file}${n.line ? `:${n.line}` : ''}\` ` : ''}${n.message}`)].join('\n') : '',
    diff: s.diff ? details(`Diff (${countFiles(s.diff)} file(s))${s.written ? ', written' : ''}`, fence(truncate(s.diff), 'diff')) : '',
  };
}

function statusLine(s: ServiceReport): string {
  const steps = (Object.entries(s.steps) as [string, string][]).filter(([, v]) => v !== 'not-run').map(([k, v]) => `${k} ${v === 'ok' ? MARK.pass : v === 'failed' ? MARK.fail : `(${v})`}`);
  const what = s.status === 'pass' ? (s.written ? 'Passed; written.' : 'Passed.') : s.status === 'skip' ? `Skipped: ${s.reason ?? ''}` : `Failed: ${s.reason ?? ''}`;
  return `${what}${steps.length && s.status !== 'skip' ? ` Steps: ${steps.join(' · ')}` : ''}`;
}

function refsTable(refs: RefFinding[]): string {
  const rows = refs.map((r) => `| \`${cell(r.call)}\` | \`${cell(r.source)}\` | ${cell(r.ref ?? '—')} | ${r.status === 'floating' ? '⚠️ floating' : r.status} | ${cell(r.deployed ? short(r.deployed) : '—')} | ${cell(r.pinTo ?? '—')} |`);
  const notes = refs.flatMap((r) => r.notes.map((n) => `- \`${r.call}\`: ${n}`));
  return ['**Module refs**', '', '| Call | Source | Ref | Status | Deployed | Pin to |', '|---|---|---|---|---|---|', ...rows, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

const short = (v: string) => (/^[0-9a-f]{40}$/i.test(v) ? v.slice(0, 12) : v);

function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}

// A fence longer than any backtick run inside, so a diff of Markdown or heredocs cannot break out.
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\n+$/, '')}\n${f}`;
}

function truncate(diff: string): string {
  const lines = diff.split('\n');
  if (lines.length <= MAX_DIFF_LINES) return diff;
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more line(s); run \`unmodule inline\` locally for the full diff`].join('\n');
}

function countFiles(diff: string): number {
  return diff.split('\n').filter((l) => l.startsWith('+++ ')).length;
}

// Table cells: a pipe ends the cell and a newline ends the row.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
