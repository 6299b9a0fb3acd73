// Sensitive values never reach a report. Terraform masks them in plans, but a dry-run diff shows
// source text, and the source may hold the literal a sensitive variable receives. So we collect
// every literal that flows into something declared sensitive, and scrub those strings from the
// whole result (diffs, notes, verdicts, error messages) before it is rendered or stored.
import type { Expr } from '../hcl/ast.js';
import { walkExpr } from '../hcl/ast.js';
import type { HclFile } from '../hcl/cst.js';
import type { ModuleCall, ModuleConfig } from '../config/module.js';

/** What replaces a sensitive value in any report. */
export const REDACTED = '(sensitive value)';

/** String (and long number) literals inside an expression; object keys are names, not values. */
export function literalsOf(e: Expr | undefined): string[] {
  const out: string[] = [];
  if (!e) return out;
  const visit = (x: Expr): boolean | void => {
    if (x.t === 'object') {
      for (const it of x.items) walkExpr(it.value, visit);
      return false;
    }
    if (x.t === 'template') for (const p of x.parts) if (p.t === 'lit' && p.value.trim() !== '') out.push(p.value);
    if (x.t === 'number' && (x.raw ?? String(x.value)).length >= 4) out.push(x.raw ?? String(x.value));
  };
  walkExpr(e, visit);
  return out;
}

/** The secrets of one service: what sensitive root variables, called modules' sensitive inputs and sensitive outputs hold. */
export function collectSecrets(root: ModuleConfig, called: { call: ModuleCall; module: ModuleConfig }[], tfvars: HclFile[] = []): string[] {
  const found: string[] = [];
  const sensitiveRootVars = [...root.variables.values()].filter((v) => v.sensitive);
  for (const v of sensitiveRootVars) found.push(...literalsOf(v.default));
  for (const f of tfvars) {
    for (const it of f.body.items) {
      if (it.kind === 'attribute' && sensitiveRootVars.some((v) => v.name === it.name)) found.push(...literalsOf(it.expr));
    }
  }
  for (const o of root.outputs.values()) if (o.sensitive) found.push(...literalsOf(o.value));
  for (const { call, module } of called) {
    for (const v of module.variables.values()) {
      if (!v.sensitive) continue;
      found.push(...literalsOf(call.args.get(v.name)?.expr), ...literalsOf(v.default));
    }
    for (const o of module.outputs.values()) if (o.sensitive) found.push(...literalsOf(o.value));
  }
  return [...new Set(found)];
}

// Each secret in the forms it can take in a report: raw, HCL/JSON-quoted (escaped \ and ").
function forms(secret: string): string[] {
  const escaped = secret.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return [...new Set([escaped, secret])];
}

/** Replaces every occurrence of every secret in text. Very short secrets only where quoted, so a diff stays readable. */
export function redactText(text: string, secrets: string[]): string {
  let out = text;
  // Longest first: a secret that contains another is replaced whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    for (const f of forms(s)) {
      if (f.length >= 4) out = out.split(f).join(REDACTED);
      else out = out.split(`"${f}"`).join(`"${REDACTED}"`);
    }
  }
  return out;
}

/** A deep copy of value with every string redacted. */
export function redactDeep<T>(value: T, secrets: string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
