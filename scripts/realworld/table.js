#!/usr/bin/env node
// Renders a harness results file (scripts/realworld.js --json) as a markdown table:
//   node scripts/realworld/table.js results.json [--title TEXT]
import { readFileSync } from 'node:fs';
import { firstLine } from './classify.js';

const args = process.argv.slice(2);
const file = args[0];
if (!file) {
  console.error('usage: node scripts/realworld/table.js RESULTS.json [--title TEXT]');
  process.exit(1);
}
const title = args.includes('--title') ? args[args.indexOf('--title') + 1] : undefined;
const { when, commit, summary, results } = JSON.parse(readFileSync(file, 'utf8'));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const lines = [];
if (title) lines.push(`### ${title}`, '');
lines.push(`Run ${when}${commit ? ` on ${commit}` : ''}.`, '');
lines.push('| case | verdict | calls inlined | engine ms (median of calls) | detail |', '| --- | --- | --- | --- | --- |');
for (const r of results) {
  const inl = r.calls.filter((c) => c.outcome === 'inlined').length;
  const all = r.calls.length + (r.remaining?.length ?? 0);
  const ms = r.calls.map((c) => c.ms).filter((x) => typeof x === 'number').sort((a, b) => a - b);
  const med = ms.length ? ms[Math.floor(ms.length / 2)] : '';
  lines.push(`| ${r.id} | ${r.verdict} | ${inl}/${all} | ${med} | ${cell(firstLine(r.detail, 160))} |`);
}
const v = Object.entries(summary.verdicts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
lines.push('', `**${summary.cases} cases:** ${v}. **Calls inlined:** ${summary.calls.inlined}/${summary.calls.total}. **Engine ms per call** (CLI wall time, loaded machine): median ${summary.engineMs.median}, max ${summary.engineMs.max}.`);
console.log(lines.join('\n'));
