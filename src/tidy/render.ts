// Human text for a tidy plan. Pure.
import { createTwoFilesPatch } from 'diff';
import { shellWord as word } from '../shell.js';
import type { TidyPlan } from './index.js';

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Per service: what was checked, what goes, what waits for an apply; then obsolete modules. */
export function renderTidy(plan: TidyPlan, o: { write: boolean }): string {
  const out: string[] = [];
  for (const s of plan.services) {
    if (s.error) {
      out.push(`${s.dir}: could not check its states: ${s.error}`);
      continue;
    }
    if (s.moved.length === 0) {
      out.push(`${s.dir}: no moved blocks.`);
      continue;
    }
    out.push(`${s.dir}: ${plural(s.moved.length, 'moved block')} checked against ${plural(s.states.length, 'state')} (${s.states.map((x) => x.name).join(', ')}).`);
    if (s.pending.length) {
      for (const p of s.pending) {
        out.push(`  ${p.name} still holds old addresses; it needs terraform apply before the moved blocks can go:`);
        for (const h of p.held) out.push(`    ${h.addresses.join(', ')}  (moved { from = ${h.from} })`);
      }
      const ws = s.pending.map((p) => /^workspace "(.*)"$/.exec(p.name)?.[1]).filter((x): x is string => x !== undefined);
      out.push(`  Nothing removed in ${s.dir}.${ws.length ? ` Apply there first: ${ws.map((w) => `TF_WORKSPACE=${word(w)} terraform -chdir=${word(s.dir)} apply`).join('; ')}; then run unmodule tidy again.` : ' Apply those states first, then run unmodule tidy again.'}`);
      continue;
    }
    out.push(`  No state holds any old address: ${plural(s.remove.length, 'moved block')} ${o.write ? 'removed' : 'can go'}.`);
    for (const f of s.files) {
      out.push(
        f.deleted
          ? `  ${o.write ? 'deleted' : 'delete'} ${s.dir}/${f.path} (nothing left in it)`
          : createTwoFilesPatch(`a/${s.dir}/${f.path}`, `b/${s.dir}/${f.path}`, f.before, f.after!, undefined, undefined, { context: 2 })
              .split('\n')
              .filter((l) => !l.startsWith('====='))
              .join('\n'),
      );
    }
  }
  if (plan.obsoleteModules.length) {
    out.push('', 'Local modules no service calls any more (the "obliterate" step):');
    for (const m of plan.obsoleteModules) out.push(`  ${m.dir}/  (installed by ${m.formerCallers.join(', ')}) ${o.write ? 'deleted' : 'can be deleted'}`);
  }
  if (plan.waitingModules.length) {
    out.push('', `Local modules no service calls any more, kept until every state above is applied: ${plan.waitingModules.map((m) => `${m.dir}/`).join(', ')}`);
  }
  const changes = plan.services.reduce((n, s) => n + s.files.length, 0) + plan.obsoleteModules.length;
  if (!o.write) out.push('', changes ? `Dry run: nothing was changed. Add --write to apply these ${plural(changes, 'change')}.` : 'Nothing to tidy.');
  return out.join('\n');
}
