// What a careful reader would reject in inlined HCL, checked on the rewritten service directory:
// module variables or locals left behind, `count = 1`, `[0]` on a resource that no longer has a
// count, `dynamic` blocks over a collection written out literally, and module.<call> leftovers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseToJson } from '../../src/hcl/reference.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One problem found, with the file it is in. */
export interface Finding {
  file: string;
  problem: string;
}

/** Root .tf files of a service dir, path → text. */
function rootFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).filter((n) => n.endsWith('.tf')).sort()) out[n] = readFileSync(join(dir, n), 'utf8');
  return out;
}

/** Text with whole-line comments and moved blocks blanked (their addresses legitimately name the module). */
function codeOnly(text: string): string {
  return text
    .replace(/^\s*(#|\/\/).*$/gm, '')
    .replace(/^moved\s*\{[^}]*\}/gm, '');
}

function blocks(json: Record<string, Json>, kind: string): [string, Record<string, Json>][] {
  const out: [string, Record<string, Json>][] = [];
  const byType = json[kind];
  if (!byType || typeof byType !== 'object' || Array.isArray(byType)) return out;
  for (const [type, byName] of Object.entries(byType)) {
    if (!byName || typeof byName !== 'object' || Array.isArray(byName)) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of Array.isArray(bodies) ? bodies : []) out.push([`${type}.${name}`, body as Record<string, Json>]);
    }
  }
  return out;
}

/** True when a for_each (as hashicorp/hcl's JSON gives it) refers to nothing: a collection written out. */
function isStaticCollection(forEach: Json): boolean {
  if (typeof forEach !== 'string') return true;
  const m = /^\$\{([\s\S]*)\}$/.exec(forEach);
  if (!m) return true;
  const withoutStrings = m[1]!.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return !/(^|[^\w.])[A-Za-z_][\w-]*(\[[^\]]*\])*\.[A-Za-z_*]/.test(withoutStrings);
}

function findStaticDynamics(node: Json, path: string, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) findStaticDynamics(n, path, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'dynamic' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [blockName, defs] of Object.entries(v)) {
        for (const def of Array.isArray(defs) ? defs : []) {
          const fe = (def as Record<string, Json>).for_each;
          if (fe !== undefined && isStaticCollection(fe)) out.push(`${path} dynamic "${blockName}" for_each = ${JSON.stringify(fe)}`);
          findStaticDynamics(def, `${path} dynamic "${blockName}"`, out);
        }
      }
    } else findStaticDynamics(v, path, out);
  }
}

/**
 * Checks the rewritten service dir. `written` are the .tf paths the inline created or edited;
 * `call` is the inlined module call.
 */
export async function readabilityFindings(dir: string, written: string[], call: string): Promise<Finding[]> {
  const files = rootFiles(dir);
  const json: Record<string, Record<string, Json>> = {};
  for (const [f, text] of Object.entries(files)) json[f] = (await parseToJson(f, text)) as Record<string, Json>;

  const variables = new Set<string>();
  const locals = new Set<string>();
  const folded: string[] = [];
  for (const j of Object.values(json)) {
    for (const name of Object.keys((j.variable as Record<string, Json> | undefined) ?? {})) variables.add(name);
    for (const l of (j.locals as Record<string, Json>[] | undefined) ?? []) for (const name of Object.keys(l)) locals.add(name);
    for (const [addr, body] of blocks(j, 'resource')) if (!('count' in body) && !('for_each' in body)) folded.push(addr);
    for (const [addr, body] of blocks(j, 'data')) if (!('count' in body) && !('for_each' in body)) folded.push(`data.${addr}`);
  }

  const findings: Finding[] = [];
  for (const file of written.filter((p) => p.endsWith('.tf'))) {
    const code = codeOnly(files[file] ?? '');
    for (const m of code.matchAll(/(?<![\w.])var\.([A-Za-z_][\w-]*)/g)) {
      if (!variables.has(m[1]!)) findings.push({ file, problem: `var.${m[1]} is not a root variable (a module variable left behind)` });
    }
    for (const m of code.matchAll(/(?<![\w.])local\.([A-Za-z_][\w-]*)/g)) {
      if (!locals.has(m[1]!)) findings.push({ file, problem: `local.${m[1]} is not a root local (a module local left behind)` });
    }
    for (const m of code.matchAll(/^\s*count\s*=\s*1\s*$/gm)) findings.push({ file, problem: `"${m[0].trim()}" (a count of 1 should be folded away)` });
    const dyn: string[] = [];
    findStaticDynamics(json[file] ?? null, file, dyn);
    for (const d of dyn) findings.push({ file, problem: `dynamic block over a static collection: ${d}` });
  }

  for (const [file, text] of Object.entries(files)) {
    const code = codeOnly(text);
    if (new RegExp(`(?<![\\w.])module\\.${call}\\b(?!-)`).test(code)) findings.push({ file, problem: `still refers to module.${call}` });
    if (new RegExp(`^module\\s+"${call}"`, 'm').test(code)) findings.push({ file, problem: `still declares module "${call}"` });
    for (const addr of folded) {
      const re = new RegExp(`(?<![\\w.-])${addr.replace(/\./g, '\\.')}\\s*(\\[|\\.\\*|\\.[0-9])`);
      const m = re.exec(code);
      if (m) findings.push({ file, problem: `${m[0]}: an index or splat on ${addr}, which has no count or for_each` });
    }
  }
  return findings;
}
