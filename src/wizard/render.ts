// What the wizard prints between questions. Pure: text in, text out.
import type { SurveyReport } from '../survey/index.js';
import type { ModuleCall } from '../config/module.js';
import type { Move } from '../migrate/move.js';
import type { CallFinding, ServiceResult } from '../sources/service.js';
import { shellWord } from '../shell.js';

/** A module resource the refactor moves, with the name the engine proposes for it. */
export interface ProposedName {
  /** Module resource key, `type.name` (the key InlineOptions.names takes). */
  key: string;
  type: string;
  name: string;
  instances: number;
}

/**
 * The managed resources of a refactor, read back from its moves: `module.M.type.name[key]` →
 * `type.new[key]`. Moves are the engine's own output, so no naming rule is repeated here.
 */
export function proposedNames(call: string, moves: Move[]): ProposedName[] {
  const out = new Map<string, ProposedName>();
  const prefix = `module.${call}.`;
  for (const m of moves) {
    if (!m.from.startsWith(prefix)) continue;
    const key = stripKey(m.from.slice(prefix.length));
    const to = stripKey(m.to);
    const type = key.slice(0, key.indexOf('.'));
    const entry = out.get(key) ?? { key, type, name: to.slice(type.length + 1), instances: 0 };
    entry.instances++;
    out.set(key, entry);
  }
  return [...out.values()];
}

// `type.name[...]` → `type.name`: type and name are identifiers, so the first `[` starts the key.
function stripKey(addr: string): string {
  const i = addr.indexOf('[');
  return i < 0 ? addr : addr.slice(0, i);
}

/** `ref=v1.4.2`, `no ref`, `local` … for one call, from the freeze findings. */
export function refLabel(f: CallFinding | undefined): string {
  if (!f) return 'ref unknown';
  if (f.status === 'local') return 'local path';
  if (f.status === 'error') return 'source unreadable';
  if (f.ref === undefined) return f.kind === 'registry' ? 'no version' : 'no ref';
  return f.kind === 'registry' ? `version ${f.ref}` : `ref=${f.ref}`;
}

/** One line per call for the call picker: name, source, ref, instance count. */
export function callChoiceName(call: ModuleCall, finding: CallFinding | undefined, instances: number | undefined): string {
  const count = instances === undefined ? '? instances' : `${instances} instance${instances === 1 ? '' : 's'}`;
  return `${call.name}  ${call.source ?? '(no source)'}  [${refLabel(finding)}]  ${count}`;
}

/** The Freeze step's summary: every call's ref and whether it floats. */
export function renderFreeze(pins: ServiceResult): string {
  const lines = ['Freeze: module refs in this service'];
  for (const c of pins.calls) {
    const status =
      c.status === 'floating'
        ? `FLOATING → ${c.pin?.version ?? decodeURIComponent(/[?&]ref=([^&]*)/.exec(c.pin?.source ?? '')?.[1] ?? '?')}${c.deployed ? ` (deployed ${c.deployed})` : ''}`
        : c.status === 'pinned'
          ? 'pinned'
          : c.status === 'local'
            ? 'local (nothing to pin)'
            : c.status === 'unpinnable'
              ? 'cannot be pinned'
              : `error: ${c.error ?? 'unknown'}`;
    lines.push(`  module "${c.key}"  ${c.source || '(no source)'}  [${refLabel(c)}]  ${status}`);
    for (const n of c.notes) lines.push(`    note: ${n}`);
  }
  if (pins.calls.length === 0) lines.push('  (no module calls)');
  for (const e of pins.errors) lines.push(`  error: ${e}`);
  return lines.join('\n');
}

/** The Inventory step: the instances one call manages, and where that list came from. */
export function renderInventory(call: string, instances: string[] | undefined, source: string): string {
  if (instances === undefined) return `Inventory: ${source}; the moves will follow from the configuration alone.`;
  if (instances.length === 0) return `Inventory (${source}): module.${call} manages no instances yet.`;
  return [`Inventory (${source}): module.${call} manages ${instances.length} instance${instances.length === 1 ? '' : 's'}`, ...instances.map((a) => `  ${a}`)].join('\n');
}


/** The equivalent non-interactive command lines, for scripting the same refactor elsewhere. */
export function commandLines(o: { dir: string; call: string; pin?: boolean; terraformBin?: string; names?: Record<string, string>; mode?: 'moved' | 'state-mv' }): string[] {
  const bin = o.terraformBin ? ` --terraform-bin ${shellWord(o.terraformBin)}` : '';
  const d = shellWord(o.dir);
  const renames = Object.entries(o.names ?? {}).map(([k, v]) => ` --rename ${shellWord(`${k}=${v}`)}`).join('');
  return [
    ...(o.pin ? [`unmodule pin ${d} --write${bin}`] : []),
    `unmodule inline ${d} --module ${shellWord(o.call)}${renames}${o.mode === 'state-mv' ? ' --mode state-mv' : ''} --write${bin}`,
    o.mode === 'state-mv' ? `unmodule migrate ${d}${bin}` : `unmodule verify ${d}${bin}`,
  ];
}

/** What to do after a zero-change verdict with moved blocks. */
export function nextSteps(o: { written: string[]; pinned: boolean; call: string }): string {
  return [
    'Next steps:',
    `  1. Review and commit ${o.written.join(', ')}${o.pinned ? ' and the pinned module sources' : ''}.`,
    `  2. Apply through your usual pipeline: terraform records the moves,`,
    `     nothing in the infrastructure changes.`,
    `  3. Once every state that had module.${o.call} has applied, run`,
    `     \`unmodule tidy\`: it checks every workspace and removes the moved`,
    `     blocks (and the module directory no service calls any more).`,
  ].join('\n');
}

/** The survey's ranking, one line per module (the full table is `unmodule survey`). */
export function renderRanking(r: SurveyReport): string {
  const lines = [`Modules under this directory, by \`unmodule survey\` (${r.services.length} services):`];
  for (const m of r.modules.slice(0, 8)) {
    lines.push(`  ${m.rank}. ${m.recommendation.padEnd(6)} ${m.module}  (${m.services} service${m.services === 1 ? '' : 's'}; ${m.reasons[0] ?? ''})`);
  }
  if (r.modules.length > 8) lines.push(`  … ${r.modules.length - 8} more: run unmodule survey for the full table`);
  return lines.join('\n');
}
