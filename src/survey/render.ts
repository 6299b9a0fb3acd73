// The survey as Markdown (fit for an issue or a pull request). Pure.
import { shellWord as shellQuote } from '../shell.js';
import type { SurveyReport } from './index.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => (s === '' ? '—' : `\`${s.replace(/`/g, "'")}\``);

/** A ranked table, then the reasons per module. */
export function renderSurveyMarkdown(r: SurveyReport): string {
  const lines = [`## Module survey: ${r.modules.length} module source${r.modules.length === 1 ? '' : 's'} over ${r.services.length} service${r.services.length === 1 ? '' : 's'}`, ''];
  if (r.modules.length === 0) {
    lines.push('No service calls a module: nothing to tear down.');
  } else {
    lines.push('| # | Module | Recommendation | Callers | Refs in use | Inputs set / declared | Toggles nobody turns on | Resources | Depth |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const m of r.modules) {
      const refs = m.refs.filter((x) => x !== '');
      lines.push(
        `| ${m.rank} | ${cell(code(m.module))} | **${m.recommendation}** | ${m.services} (${m.callers.length} call${m.callers.length === 1 ? '' : 's'}) | ${cell(refs.length ? refs.map(code).join(', ') : '—')} | ${m.inputsSet.length} / ${m.inputsDeclared ?? '?'} | ${m.unusedToggles.length} | ${m.resources ?? '?'}${m.instances !== undefined ? ` (${m.instances} in state)` : ''} | ${m.depth ?? '?'} |`,
      );
    }
    lines.push('', '### Why');
    for (const m of r.modules) {
      lines.push('', `**${m.rank}. ${cell(code(m.module))}: ${m.recommendation}**`);
      for (const reason of m.reasons) lines.push(`- ${reason}`);
      lines.push(`- called from: ${m.callers.map((c) => `${code(c.service)} (\`module "${c.call}"\`, ${c.at})`).join(', ')}`);
      if (m.unusedInputs.length) lines.push(`- inputs no caller sets: ${m.unusedInputs.map(code).join(', ')}`);
      for (const t of m.unusedToggles) lines.push(`- always at its default: ${code(t.what)} (${t.meta} on ${t.inputs.map((i) => code(`var.${i}`)).join(', ')}, ${t.at})`);
    }
    const first = r.modules.find((m) => m.recommendation === 'inline');
    if (first) {
      const c = first.callers[0]!;
      lines.push('', `Start with ${code(first.module)}: \`unmodule inline ${shellQuote(c.service)} --module ${shellQuote(c.call)}\` previews it.`);
    }
  }
  for (const u of r.unreadable) lines.push('', `Could not read ${code(u.dir)}: ${cell(u.error)}`);
  return `${lines.join('\n')}\n`;
}

