// Printing new HCL: expressions and blocks in the layout `terraform fmt` produces (two-space
// indent, aligned `=` in runs of single-line attributes), so written files pass `fmt -check`.
import { isIdentifier, type Expr, type TemplatePart } from './ast.js';

/** A block or attribute to be printed into a new file. */
export type OutItem =
  | { kind: 'attribute'; name: string; expr: Expr; comments?: string[] }
  | { kind: 'block'; type: string; labels: string[]; items: OutItem[]; comments?: string[] }
  | { kind: 'blank' };

const INDENT = '  ';
const MAX_INLINE = 80;

const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

function precedence(e: Expr): number {
  switch (e.t) {
    case 'cond':
      return 0;
    case 'binop':
      return PRECEDENCE[e.op]!;
    case 'unop':
      return 7;
    default:
      return 8;
  }
}

/**
 * Whether `value`, written in place of `child` (a direct operand of `parent`), needs parentheses
 * to keep its meaning: a sum put where a product's operand stood, a conditional put where a
 * condition stood. Anywhere else (an argument, an element, a whole attribute) it stands as it is.
 */
export function needsParens(value: Expr, parent: Expr | undefined, child: Expr): boolean {
  switch (parent?.t) {
    case 'binop': {
      const p = PRECEDENCE[parent.op]!;
      return precedence(value) < (parent.left === child ? p : p + 1);
    }
    case 'unop':
      return precedence(value) < 7;
    case 'getattr':
    case 'index':
    case 'splat':
      return parent.obj === child && precedence(value) < 8;
    case 'cond':
      return parent.cond === child && precedence(value) < 1;
    default:
      return false;
  }
}

/**
 * Whether the printed form of `e` ends with a heredoc's closing marker. hashicorp/hcl ends a
 * heredoc only at a marker that stands alone on its line, so nothing (`)`, `,`, `+ x`, a comment)
 * may follow it there: whoever prints something after such an expression starts a new line first.
 */
export function endsInHeredoc(e: Expr): boolean {
  switch (e.t) {
    case 'template':
      return !!e.heredoc && (!!e.verbatim || endsWithNewline(e.parts));
    case 'binop':
      return precedence(e.right) > PRECEDENCE[e.op]! && endsInHeredoc(e.right);
    case 'unop':
      return precedence(e.operand) >= 7 && endsInHeredoc(e.operand);
    case 'cond':
      return endsInHeredoc(e.else);
    default:
      return false;
  }
}

/** The line break a heredoc-ending expression needs before the next token ('' for any other). */
export function heredocBreak(e: Expr, indent: number): string {
  return endsInHeredoc(e) ? `\n${INDENT.repeat(indent)}` : '';
}

/** Prints an expression; `indent` is the nesting level of the line it starts on. */
export function printExpr(e: Expr, indent = 0): string {
  // An operand that something else follows on its line: parenthesised when precedence asks for it
  // or when it ends in a heredoc (inside parentheses the line break before `)` is insignificant).
  const p = (x: Expr, min: number) => (precedence(x) < min || endsInHeredoc(x) ? `(${printExpr(x, indent)}${heredocBreak(x, indent)})` : printExpr(x, indent));
  // The last operand: nothing of this expression follows it.
  const last = (x: Expr, min: number) => (precedence(x) < min ? `(${printExpr(x, indent)}${heredocBreak(x, indent)})` : printExpr(x, indent));
  // Inside brackets a line break is insignificant, so a heredoc just ends its line there.
  const inBrackets = (x: Expr) => printExpr(x, indent) + heredocBreak(x, indent);
  switch (e.t) {
    case 'null':
      return 'null';
    case 'bool':
      return String(e.value);
    case 'number':
      return e.raw ?? formatNumber(e.value);
    case 'template':
      if (e.verbatim) return printVerbatim(e.verbatim);
      return e.heredoc && endsWithNewline(e.parts) ? printHeredoc(e.parts, e.heredoc, indent) : `"${printParts(e.parts, quoteLit)}"`;
    case 'var':
      return e.name;
    case 'getattr':
      return `${p(e.obj, 8)}.${e.name}`;
    case 'index':
      return `${p(e.obj, 8)}[${inBrackets(e.key)}]`;
    case 'splat': {
      const head = `${p(e.obj, 8)}${e.kind === 'full' ? '[*]' : '.*'}`;
      return head + e.each.map((a) => (a.t === 'getattr' ? `.${a.name}` : `[${inBrackets(a.key)}]`)).join('');
    }
    case 'call': {
      const args = e.args.map((a) => (a.t === 'object' ? printObject(a, indent, true) : inBrackets(a)));
      if (e.expandFinal && args.length) args[args.length - 1] += '...';
      return `${e.name}(${args.join(', ')})`;
    }
    case 'tuple':
      return printTuple(e.items, indent);
    case 'object':
      return printObject(e, indent);
    case 'cond':
      return `${p(e.cond, 1)} ? ${p(e.then, 1)} : ${last(e.else, 0)}`;
    case 'binop': {
      const prec = PRECEDENCE[e.op]!;
      return `${p(e.left, prec)} ${e.op} ${last(e.right, prec + 1)}`;
    }
    case 'unop':
      return `${e.op}${last(e.operand, 7)}`;
    case 'for': {
      const vars = e.keyVar ? `${e.keyVar}, ${e.valVar}` : e.valVar;
      const cond = e.cond ? ` if ${p(e.cond, 0)}` : '';
      const coll = p(e.coll, 0);
      if (e.kind === 'tuple') return `[for ${vars} in ${coll} : ${p(e.value, 0)}${cond}]`;
      return `{ for ${vars} in ${coll} : ${p(e.key!, 0)} => ${p(e.value, 0)}${e.group ? '...' : ''}${cond} }`;
    }
    case 'paren':
      return `(${inBrackets(e.inner)})`;
  }
}

/** A verbatim template: its source with each expression replaced by its (one-line) rewrite. */
function printVerbatim(v: NonNullable<Extract<Expr, { t: 'template' }>['verbatim']>): string {
  let out = v.source;
  for (const sub of [...v.subs].sort((a, b) => b.start - a.start)) {
    const printed = sub.text ?? printExpr(sub.expr);
    const text = sub.text === undefined && precedence(sub.expr) < 8 ? `(${printed})` : printed;
    out = out.slice(0, sub.start - v.offset) + text + out.slice(sub.end - v.offset);
  }
  return out;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

function printTuple(items: Expr[], indent: number): string {
  if (items.length === 0) return '[]';
  if (!items.some(isNonEmptyCollection)) {
    const oneLine = `[${items.map((i) => printExpr(i, indent)).join(', ')}]`;
    if (!oneLine.includes('\n') && oneLine.length + indent * 2 <= MAX_INLINE) return oneLine;
  }
  // A heredoc item ends its line: its comma goes on the next one.
  const inner = items.map((i) => `${INDENT.repeat(indent + 1)}${printExpr(i, indent + 1)}${heredocBreak(i, indent + 1)},`);
  return `[\n${inner.join('\n')}\n${INDENT.repeat(indent)}]`;
}

function isNonEmptyCollection(e: Expr): boolean {
  return (e.t === 'object' && e.items.length > 0) || (e.t === 'tuple' && e.items.some(isNonEmptyCollection));
}

function printObject(e: Extract<Expr, { t: 'object' }>, indent: number, compact = false): string {
  if (e.items.length === 0) return '{}';
  const rows = e.items.map((it) => ({ key: printKey(it.key, it.bare), value: printExpr(it.value, indent + 1) }));
  // A small object passed to a function reads best on one line: merge({ Name = "x" }, var.tags).
  if (compact && rows.length <= 2 && rows.every((r) => !r.value.includes('\n'))) {
    const oneLine = `{ ${rows.map((r) => `${r.key} = ${r.value}`).join(', ')} }`;
    if (oneLine.length <= 50) return oneLine;
  }
  return `{\n${alignRows(rows, indent + 1).join('\n')}\n${INDENT.repeat(indent)}}`;
}

/** Object keys: bare when they are identifiers, quoted strings otherwise, parenthesised expressions. */
export function printKey(key: Expr, bare?: boolean): string {
  if (key.t === 'template' && key.parts.every((p) => p.t === 'lit')) {
    const s = key.parts.map((p) => (p as { value: string }).value).join('');
    return isIdentifier(s) && bare !== false ? s : `"${printParts(key.parts, quoteLit)}"`;
  }
  if ((key.t === 'template' && !endsInHeredoc(key)) || key.t === 'paren') return printExpr(key);
  return `(${printExpr(key)}${heredocBreak(key, 0)})`;
}

/** `key = value` rows with `=` aligned across runs of single-line values, as terraform fmt does. */
function alignRows(rows: { key: string; value: string }[], indent: number): string[] {
  const out: string[] = [];
  let run: { key: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => r.key.length));
    for (const r of run) out.push(`${INDENT.repeat(indent)}${r.key.padEnd(width)} = ${r.value}`);
    run = [];
  };
  for (const r of rows) {
    // terraform fmt aligns runs of single-line values; a multi-line value stands alone, unpadded.
    if (r.value.includes('\n')) {
      flush();
      out.push(`${INDENT.repeat(indent)}${r.key} = ${r.value}`);
      continue;
    }
    run.push(r);
  }
  flush();
  return out;
}

/** Escapes a string for the inside of an HCL quoted string (also how Terraform prints address keys). */
export function quoteLit(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

const NEEDS_ESCAPE = /[\\"\n\r\t]|[$%]\{/;

function heredocLit(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function printParts(parts: TemplatePart[], esc: (s: string) => string): string {
  return parts
    .map((p) => {
      switch (p.t) {
        case 'lit':
          return esc(p.value);
        case 'interp':
          return endsInHeredoc(p.expr) ? `\${(${printExpr(p.expr)}\n)}` : `\${${printExpr(p.expr)}}`;
        case 'if':
          return `%{if ${printExpr(p.cond)}}${printParts(p.then, esc)}${p.else ? `%{else}${printParts(p.else, esc)}` : ''}%{endif}`;
        case 'for':
          return `%{for ${p.keyVar ? `${p.keyVar}, ` : ''}${p.valVar} in ${printExpr(p.coll)}}${printParts(p.body, esc)}%{endfor}`;
      }
    })
    .join('');
}

function endsWithNewline(parts: TemplatePart[]): boolean {
  const last = parts[parts.length - 1];
  return last?.t === 'lit' && last.value.endsWith('\n');
}

function printHeredoc(parts: TemplatePart[], h: { marker: string; indent: boolean }, indent: number): string {
  const body = printParts(parts, heredocLit);
  const lines = body.slice(0, -1).split('\n');
  // A body line that reads as the marker would end the heredoc early: take another marker.
  let marker = h.marker;
  for (let n = 2; lines.some((l) => l.trim() === marker); n++) marker = `${h.marker}${n}`;
  // A flush heredoc drops the smallest indentation of its lines that are not blank: that must be
  // exactly the padding added here, so a value whose every line is indented is written flush-left.
  const flush = h.indent && lines.some((l) => l.trim() !== '' && !/^\s/.test(l));
  if (!flush) return `<<${marker}\n${body}${marker}`;
  const pad = INDENT.repeat(indent + 1);
  // Whitespace-only lines are kept verbatim by hashicorp/hcl, so they get no padding either.
  const padded = lines.map((l) => (l.trim() === '' ? l : pad + l));
  return `<<-${marker}\n${padded.join('\n')}\n${INDENT.repeat(indent)}${marker}`;
}

/** Prints a list of blocks/attributes at the given indent level, fmt-aligned. */
export function printItems(items: OutItem[], indent = 0): string {
  const lines: string[] = [];
  let run: { key: string; value: string; comments?: string[] }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => r.key.length));
    for (const r of run) {
      for (const c of r.comments ?? []) lines.push(INDENT.repeat(indent) + c);
      lines.push(`${INDENT.repeat(indent)}${r.key.padEnd(width)} = ${r.value}`);
    }
    run = [];
  };
  for (const it of items) {
    if (it.kind === 'attribute') {
      // A comment line between attributes ends fmt's alignment run.
      if (it.comments?.length) flush();
      const value = printExpr(it.expr, indent);
      if (value.includes('\n')) {
        flush();
        run.push({ key: it.name, value, comments: it.comments });
        flush();
        continue;
      }
      run.push({ key: it.name, value, comments: it.comments });
      continue;
    }
    flush();
    if (it.kind === 'blank') {
      if (lines.length && lines[lines.length - 1] !== '') lines.push('');
      continue;
    }
    for (const c of it.comments ?? []) lines.push(INDENT.repeat(indent) + c);
    const labels = it.labels.map((l) => ` "${quoteLit(l)}"`).join('');
    if (it.items.length === 0) {
      lines.push(`${INDENT.repeat(indent)}${it.type}${labels} {}`);
      continue;
    }
    lines.push(`${INDENT.repeat(indent)}${it.type}${labels} {`);
    lines.push(printItems(it.items, indent + 1));
    lines.push(`${INDENT.repeat(indent)}}`);
  }
  flush();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** Prints top-level blocks separated by blank lines, ending with a newline. */
export function printFile(blocks: OutItem[]): string {
  const parts = blocks.map((b) => printItems([b], 0));
  return parts.join('\n\n') + '\n';
}
