// The batch's final summary on a terminal: one aligned row per service, then the totals.
import type { BatchResults, ServiceReport } from '../batch/types.js';

const MARK = { pass: '✓', fail: '✗', skip: '-' } as const;

/** An aligned text table of every service, then a totals line. */
export function renderSummaryTable(results: BatchResults): string {
  const head = ['', 'SERVICE', 'CALLS', 'MOVES', 'RESULT'];
  const rows = results.services.map((s) => [MARK[s.status], s.path, s.calls.map((c) => c.name).join(',') || '-', s.inline ? String(s.inline.moves.length) : '-', resultText(s)]);
  const done = new Set(results.services.map((s) => s.path));
  for (const p of results.planned.filter((x) => !done.has(x))) rows.push(['?', p, '-', '-', 'not run']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lines = [head, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
  const t = results.totals;
  lines.push('', `${results.planned.length} service(s): ${t.pass} passed, ${t.fail} failed, ${t.skip} skipped${t.pending ? `, ${t.pending} not run` : ''}.`);
  return lines.join('\n');
}

function resultText(s: ServiceReport): string {
  if (s.status === 'pass') {
    const what = s.verify ? 'zero change' : 'ok';
    return s.written ? `${what}, written` : s.diff ? `${what} (dry run)` : what;
  }
  return s.reason ?? s.status;
}
