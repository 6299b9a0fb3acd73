// Values of the root module's input variables, from the sources Terraform reads and in its order
// of precedence (later wins): TF_VAR_* environment, terraform.tfvars, terraform.tfvars.json,
// *.auto.tfvars and *.auto.tfvars.json in lexical order, then -var and -var-file in command-line
// order; the default when none sets it. Pure: the caller reads the files.
import { lit, traversalOf, type Expr } from '../hcl/ast.js';
import { parseExpression, parseHcl } from '../hcl/cst.js';
import { printExpr } from '../hcl/print.js';
import { evaluate, tryEvaluate, type Scope } from '../evaluate/evaluate.js';
import { convertToType } from '../evaluate/types.js';
import { EvalError, fromJs, isKnown, toStringValue } from '../evaluate/values.js';
import { ConfigError, type ModuleConfig, type VariableDecl } from '../config/module.js';

/** A value given on the command line: `-var NAME=VALUE`, or a `-var-file` read by the caller. */
export type CliVariable = { kind: 'var'; text: string } | { kind: 'var-file'; path: string; text: string };

/** Everything that can set a root variable, read from disk and the environment by the caller. */
export interface VariableSources {
  /** terraform.tfvars(.json) and *.auto.tfvars(.json) of the root, name relative to it → text. */
  autoFiles: { path: string; text: string }[];
  /** -var and -var-file, in command-line order. */
  cli: CliVariable[];
  /** The environment (only TF_VAR_* is read). */
  env: Record<string, string | undefined>;
}

/** A root variable's value and where it came from ("terraform.tfvars:3", "-var", "TF_VAR_x", "default at main.tf:2"). */
export interface RootVariableValue {
  value: Expr;
  source: string;
  sensitive: boolean;
}

/** The files Terraform loads automatically from a root directory, in its order. */
export function autoVariableFileNames(names: string[]): string[] {
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto];
}

/**
 * Resolves every root variable that has a value (from a source or its default), converted to its
 * type and checked against its validations, as terraform plan would. A variable with no value at
 * all is left out (it stays `var.X`). Throws ConfigError where terraform plan would fail.
 */
export async function rootVariableValues(root: ModuleConfig, sources: VariableSources): Promise<Map<string, RootVariableValue>> {
  const given = new Map<string, { value: Expr; source: string }>();
  const set = (name: string, value: Expr, source: string) => given.set(name, { value, source });

  for (const [key, text] of Object.entries(sources.env)) {
    if (!key.startsWith('TF_VAR_') || text === undefined) continue;
    const decl = root.variables.get(key.slice('TF_VAR_'.length));
    // Terraform ignores TF_VAR_ values for variables the root does not declare.
    if (decl) set(decl.name, await parseCliValue(decl, text, key), key);
  }
  for (const f of sources.autoFiles) for (const v of await readVariableFile(f.path, f.text)) if (root.variables.has(v.name)) set(v.name, v.value, v.source);
  for (const c of sources.cli) {
    if (c.kind === 'var-file') {
      for (const v of await readVariableFile(c.path, c.text)) if (root.variables.has(v.name)) set(v.name, v.value, v.source);
      continue;
    }
    const eq = c.text.indexOf('=');
    if (eq <= 0) throw new ConfigError({ file: '-var', line: 0 }, `-var "${c.text}": expected NAME=VALUE`);
    const name = c.text.slice(0, eq).trim();
    const decl = root.variables.get(name);
    if (!decl) throw new ConfigError({ file: '-var', line: 0 }, `-var ${name}=...: the root module declares no variable "${name}"; terraform would reject it too`);
    set(name, await parseCliValue(decl, c.text.slice(eq + 1), `-var ${name}`), `-var ${name}`);
  }

  const out = new Map<string, RootVariableValue>();
  for (const decl of root.variables.values()) {
    const g = given.get(decl.name);
    let value: Expr | undefined = g?.value;
    let source = g?.source ?? '';
    // A null value for a non-nullable variable takes the default, as an unset one does.
    if ((value === undefined || (value.t === 'null' && !decl.nullable)) && decl.default) {
      value = evaluate(decl.default, noReferences);
      source = `default at ${decl.origin.file}:${decl.origin.line}`;
    }
    if (value === undefined) continue;
    try {
      value = convertToType(value, decl.type);
    } catch (err) {
      if (err instanceof EvalError) throw new ConfigError(decl.origin, `the value of var.${decl.name} from ${source} does not match its type: ${err.message}`);
      throw err;
    }
    out.set(decl.name, { value, source, sensitive: decl.sensitive });
  }
  for (const decl of root.variables.values()) checkValidations(decl, out);
  return out;
}

/** One line for a note: `var.envs = ["a", "b"] from terraform.tfvars:3` (sensitive values hidden). */
export function describeVariable(name: string, v: RootVariableValue): string {
  if (v.sensitive) return `var.${name} (sensitive) from ${v.source}`;
  let printed = printExpr(v.value).replace(/\s*\n\s*/g, ' ').replace(/ {2,}/g, ' ');
  if (printed.length > 80) printed = `${printed.slice(0, 77)}...`;
  return `var.${name} = ${printed} from ${v.source}`;
}

/** A scope for tfvars values and defaults: literals only, as Terraform evaluates them. */
const noReferences: Scope = {
  resolve(root) {
    throw new EvalError(`variables may not refer to ${root}: values here must be literal`);
  },
};

/** `-var`/TF_VAR_ text: a literal string for primitive (or absent) types, an HCL expression otherwise. */
async function parseCliValue(decl: VariableDecl, text: string, where: string): Promise<Expr> {
  const prim = decl.type ? traversalOf(decl.type) : undefined;
  const literal = !decl.type || (prim && prim.accessors.length === 0 && ['string', 'number', 'bool'].includes(prim.root));
  if (literal) return lit.string(text);
  try {
    return literalValue(await parseExpression(text), where);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError({ file: where, line: 0 }, `cannot read the value of var.${decl.name}: ${(err as Error).message}`);
  }
}

function literalValue(e: Expr, where: string): Expr {
  try {
    const v = evaluate(e, noReferences);
    if (isKnown(v)) return v;
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    throw new ConfigError({ file: where, line: e.span?.line ?? 0 }, err.message);
  }
  throw new ConfigError({ file: where, line: e.span?.line ?? 0 }, 'a variable value must be a literal (no function calls Terraform would not fold here)');
}

/** The assignments of a .tfvars or .tfvars.json file, each with its file:line. */
async function readVariableFile(path: string, text: string): Promise<{ name: string; value: Expr; source: string }[]> {
  if (path.endsWith('.json')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new ConfigError({ file: path, line: 1 }, `not valid JSON: ${(err as Error).message}`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError({ file: path, line: 1 }, 'a .tfvars.json file must hold one JSON object');
    return Object.entries(data as Record<string, unknown>).map(([name, v]) => ({ name, value: fromJs(v), source: `${path}:${lineOfKey(text, name)}` }));
  }
  const file = await parseHcl(path, text);
  const out: { name: string; value: Expr; source: string }[] = [];
  for (const it of file.body.items) {
    if (it.kind === 'block') throw new ConfigError({ file: path, line: it.span.line }, `blocks are not allowed in a variables file ("${it.type}")`);
    out.push({ name: it.name, value: literalValue(it.expr, `${path}:${it.span.line}`), source: `${path}:${it.span.line}` });
  }
  return out;
}

function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** A root variable's validation that fails for its value fails terraform plan: refuse, without printing a sensitive value. */
function checkValidations(decl: VariableDecl, values: Map<string, RootVariableValue>): void {
  const own = values.get(decl.name);
  if (!own) return;
  const scope: Scope = {
    resolve(root, acc) {
      const name = acc[0]?.t === 'getattr' ? acc[0].name : undefined;
      if (root === 'var' && name && values.has(name)) return { expr: values.get(name)!.value, consumed: 1 };
      return undefined;
    },
  };
  for (const v of decl.validations) {
    const cond = v.body.items.find((i) => i.kind === 'attribute' && i.name === 'condition');
    if (!cond || cond.kind !== 'attribute') continue;
    const ok = tryEvaluate(cond.expr, scope);
    // A condition that fails (undefined) terraform reports itself; nothing to judge here.
    if (ok?.t !== 'bool' || ok.value) continue;
    const msg = v.body.items.find((i) => i.kind === 'attribute' && i.name === 'error_message');
    let text = 'validation failed';
    if (msg && msg.kind === 'attribute' && !own.sensitive) {
      try {
        text = toStringValue(evaluate(msg.expr, scope));
      } catch {
        // keep the generic text
      }
    }
    throw new ConfigError({ file: decl.origin.file, line: cond.span.line }, `var.${decl.name}${own.sensitive ? ' (sensitive)' : ''} from ${own.source} fails its validation: ${text} — terraform plan would fail too; fix the value first`);
  }
}
