// Where in the written configuration a planned change comes from: a resource address → its block's
// `file:line`, an attribute path → the line of the attribute (or nested block) inside it. Pure over
// the parsed module; the verdict's changes get an `origin` each.
import { relative } from 'node:path';
import type { Attribute, Block, Body } from '../hcl/cst.js';
import type { ModuleConfig } from '../config/module.js';
import type { PlanVerdict, ResourceChangeSummary } from './verdict.js';
import { IDENTIFIER } from '../hcl/ast.js';

/** The verdict with `origin` (`file:line`, relative to the module dir) on each change and attribute it can place. */
export function attachOrigins<V extends PlanVerdict>(verdict: V, config: ModuleConfig): V {
  return { ...verdict, changes: verdict.changes.map((c) => withOrigin(c, config)) };
}

function withOrigin(c: ResourceChangeSummary, config: ModuleConfig): ResourceChangeSummary {
  const where = locate(c.address, config);
  if (!where) return c;
  const at = (line: number) => `${relative(config.dir, where.file) || where.file}:${line}`;
  return {
    ...c,
    origin: at(where.block.span.line),
    attributes: c.attributes.map((a) => ({ ...a, origin: at(lineOfPath(where.block.body, a.path) ?? where.block.span.line) })),
  };
}

// A root resource (any instance key) or, for an address inside a module call, the call's block.
function locate(address: string, config: ModuleConfig): { file: string; block: Block } | undefined {
  const mod = /^module\.([^.[]+)/.exec(address);
  if (mod) {
    const call = config.moduleCalls.find((m) => m.name === mod[1]);
    return call && { file: call.origin.file, block: call.block };
  }
  const m = /^(data\.)?([^.[]+)\.([^.[]+)/.exec(address);
  if (!m) return undefined;
  const mode = m[1] ? 'data' : 'managed';
  const r = config.resources.find((x) => x.mode === mode && x.type === m[2] && x.name === m[3]);
  return r && { file: r.origin.file, block: r.block };
}

type Seg = string | number;

/** `a.b[0]["c d"]` → ['a', 'b', 0, 'c d']; undefined when it does not parse. */
export function parsePath(path: string): Seg[] | undefined {
  const out: Seg[] = [];
  const re = new RegExp(`^(?:\\.?(${IDENTIFIER})|\\[(\\d+)\\]|\\[("(?:[^"\\\\]|\\\\.)*")\\])`, 'u');
  let rest = path;
  while (rest) {
    const m = re.exec(rest);
    if (!m) return undefined;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
    rest = rest.slice(m[0].length);
  }
  return out;
}

// Walks nested blocks (`rule[0].filter`) as far as the syntax goes; inside an attribute's
// expression the attribute's own line is the best answer.
function lineOfPath(body: Body, path: string): number | undefined {
  const segs = parsePath(path);
  if (!segs) return undefined;
  let cur: Body = body;
  let line: number | undefined;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (typeof s !== 'string') return line;
    const attr = cur.items.find((x): x is Attribute => x.kind === 'attribute' && x.name === s);
    if (attr) return attr.span.line;
    const blocks = cur.items.filter((x): x is Block => x.kind === 'block' && x.type === s);
    if (!blocks.length) return line;
    const next = segs[i + 1];
    const block = typeof next === 'number' ? blocks[next] : blocks[0];
    if (!block) return line;
    if (typeof next === 'number') i++;
    line = block.span.line;
    cur = block.body;
  }
  return line;
}
