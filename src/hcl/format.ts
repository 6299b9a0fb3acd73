// `terraform fmt` in process, byte for byte: hclwrite's formatter (hashicorp/hcl hclwrite/format.go)
// over hclsyntax's tokens, after the cleanups terraform's own fmt command makes first
// (internal/command/fmt.go): an attribute whose whole value is one interpolation, "${x}", becomes x;
// a variable's legacy type ("string", bare list/map/set) is rewritten; block labels are re-quoted.
// Starting terraform once per piece of text cost more than everything else in a dry run.
// test/hcl/format.test.ts compares the result with `terraform fmt` on many inputs.
import { lexConfig, T, type Token } from './lex.js';

/** Formats HCL config text exactly as `terraform fmt` does; throws LexError on text it cannot read. */
export function formatHcl(text: string): string {
  const tokens = cleanup(lexConfig(text)) as FToken[];
  format(tokens);
  let out = '';
  for (const t of tokens) out += (t.spaces ? ' '.repeat(t.spaces) : '') + t.text;
  return out;
}

/** A token with the spaces the formatter puts before it. */
interface FToken extends Token {
  spaces?: number;
}

// ---- terraform's fmt cleanups (over the body structure: attributes and blocks) ----

function cleanup(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  const at = (k: number) => tokens[k] ?? tokens[tokens.length - 1]!;
  const nextSolid = (k: number) => {
    while (at(k).type === T.Comment) k++;
    return k;
  };

  const body = (inBlocks: string[], nested: boolean): void => {
    for (;;) {
      const t = at(i);
      if (t.type === T.EOF || (nested && t.type === T.CBrace)) return;
      if (t.type === T.Newline || t.type === T.Comment) {
        out.push(t);
        i++;
        continue;
      }
      if (t.type !== T.Ident) throw new Error(`formatter: expected an attribute or block name, found ${JSON.stringify(t.text)}`);
      const name = t.text;
      const k = nextSolid(i + 1);
      if (at(k).type === T.Equal) {
        while (i <= k) out.push(tokens[i++]!);
        attribute(name, inBlocks);
      } else {
        out.push(tokens[i++]!);
        block(name, inBlocks);
      }
    }
  };

  const attribute = (name: string, inBlocks: string[]): void => {
    // The expression runs to the end of the line at bracket depth 0 (or the brace closing a one-line block).
    let depth = 0;
    let end = i;
    for (; ; end++) {
      const t = at(end);
      if (t.type === T.EOF) break;
      if (depth === 0 && (t.type === T.Newline || t.type === T.CBrace || (t.type === T.Comment && t.text.endsWith('\n')))) break;
      depth += bracketChange(t);
    }
    let start = i;
    while (start < end && tokens[start]!.type === T.Comment) out.push(tokens[start++]!);
    let stop = end;
    while (stop > start && tokens[stop - 1]!.type === T.Comment) stop--;
    const expr = tokens.slice(start, stop);
    out.push(...(inBlocks.length === 1 && inBlocks[0] === 'variable' && name === 'type' ? typeExpr(expr) : valueExpr(expr)));
    for (let k = stop; k < end; k++) out.push(tokens[k]!);
    i = end;
  };

  const block = (type: string, inBlocks: string[]): void => {
    // Labels are re-written, and comments up to the last label go with them (hclwrite keeps only
    // those between the last label and the brace).
    const labels: (string | undefined)[] = [];
    let pendingComments: Token[] = [];
    for (;;) {
      const t = at(i);
      if (t.type === T.OBrace || t.type === T.EOF) break;
      if (t.type === T.Comment) {
        pendingComments.push(t);
        i++;
      } else if (t.type === T.Ident) {
        pendingComments = [];
        labels.push(t.text);
        i++;
      } else if (t.type === T.OQuote) {
        pendingComments = [];
        const parts: Token[] = [];
        for (i++; at(i).type !== T.CQuote && at(i).type !== T.EOF; i++) parts.push(tokens[i]!);
        i++;
        labels.push(parts.length === 0 ? '' : parts.length === 1 && parts[0]!.type === T.QuotedLit ? decodeLabel(parts[0]!.text) : undefined);
      } else {
        throw new Error(`formatter: unexpected ${JSON.stringify(t.text)} in the labels of a ${type} block`);
      }
    }
    for (const l of labels) {
      // A label hclwrite cannot read back as one literal (it holds $ or %) is dropped, as terraform fmt drops it.
      if (l === undefined) continue;
      out.push({ type: T.OQuote, text: '"' }, { type: T.QuotedLit, text: escapeLabel(l) }, { type: T.CQuote, text: '"' });
    }
    out.push(...pendingComments);
    if (at(i).type !== T.OBrace) throw new Error(`formatter: ${type} block without a body`);
    out.push(tokens[i++]!);
    body([...inBlocks, type], true);
    if (at(i).type === T.CBrace) out.push(tokens[i++]!);
  };

  body([], false);
  out.push(at(tokens.length - 1));
  return out;
}

/** "${x}" → x (parenthesised when it spans lines), as terraform fmt's formatValueExpr. */
function valueExpr(tokens: Token[]): Token[] {
  if (tokens.length < 5) return tokens;
  const n = tokens.length;
  if (tokens[0]!.type !== T.OQuote || tokens[1]!.type !== T.TemplateInterp || tokens[n - 2]!.type !== T.TemplateSeqEnd || tokens[n - 1]!.type !== T.CQuote) return tokens;
  const inside = tokens.slice(2, n - 2);
  let quotes = 0;
  for (const t of inside) {
    if (t.type === T.OQuote) quotes++;
    else if (t.type === T.CQuote) quotes--;
    else if (quotes > 0) continue;
    else if (t.type === T.TemplateInterp || t.type === T.TemplateSeqEnd || t.type === T.QuotedLit) return tokens;
  }
  let s = 0;
  let e = inside.length;
  while (s < e && inside[s]!.type === T.Newline) s++;
  while (e > s && inside[e - 1]!.type === T.Newline) e--;
  const trimmed = inside.slice(s, e);
  let multiLine = false;
  let leadingParen = false;
  let trailingParen = false;
  trimmed.forEach((t, k) => {
    if (k === 0 && t.type === T.OParen) leadingParen = true;
    else if (t.type === T.Newline) multiLine = true;
    else if (k === trimmed.length - 1 && t.type === T.CParen) trailingParen = true;
  });
  if (multiLine && !(leadingParen && trailingParen)) return [{ type: T.OParen, text: '(' }, ...trimmed, { type: T.CParen, text: ')' }];
  return trimmed;
}

/** A variable's legacy type: list → list(any), "string" → string, "list" → list(string), ... */
function typeExpr(tokens: Token[]): Token[] {
  const ident = (text: string): Token => ({ type: T.Ident, text });
  const call = (name: string, arg: string): Token[] => [ident(name), { type: T.OParen, text: '(' }, ident(arg), { type: T.CParen, text: ')' }];
  if (tokens.length === 1 && tokens[0]!.type === T.Ident) {
    const kw = tokens[0]!.text;
    return kw === 'list' || kw === 'map' || kw === 'set' ? call(kw, 'any') : tokens;
  }
  if (tokens.length === 3 && tokens[0]!.type === T.OQuote && tokens[1]!.type === T.QuotedLit && tokens[2]!.type === T.CQuote) {
    const s = tokens[1]!.text;
    if (s === 'string') return [ident('string')];
    if (s === 'list' || s === 'map') return call(s, 'string');
  }
  return tokens;
}

/** The value of a one-token quoted label (hclsyntax.ParseStringLiteralToken); undefined if it has a bad escape. */
function decodeLabel(raw: string): string | undefined {
  let bad = false;
  const v = raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (m, esc: string | undefined) => {
    if (esc === undefined) return m.slice(1);
    switch (esc[0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '"': return '"';
      case '\\': return '\\';
      case 'u':
      case 'U': {
        if (esc.length === 1) break;
        const cp = parseInt(esc.slice(1), 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) break;
        return String.fromCodePoint(cp);
      }
    }
    bad = true;
    return m;
  });
  return bad ? undefined : v;
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** hclwrite's escapeQuotedStringLit. */
function escapeLabel(s: string): string {
  let out = '';
  const cps = [...s];
  cps.forEach((ch, k) => {
    switch (ch) {
      case '\n': out += '\\n'; return;
      case '\r': out += '\\r'; return;
      case '\t': out += '\\t'; return;
      case '"': out += '\\"'; return;
      case '\\': out += '\\\\'; return;
      case '$':
      case '%':
        out += cps[k + 1] === '{' ? ch + ch : ch;
        return;
    }
    if (PRINTABLE.test(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  });
  return out;
}

// ---- hclwrite's format: indentation, spaces between tokens, alignment of = and comments ----

interface Line {
  lead: FToken[];
  assign?: FToken[];
  comment?: FToken[];
}

function format(tokens: FToken[]): void {
  const lines = linesOf(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  formatCells(lines);
}

function bracketChange(t: Token): number {
  switch (t.type) {
    case T.OBrace: case T.OBrack: case T.OParen: case T.TemplateControl: case T.TemplateInterp:
      return 1;
    case T.CBrace: case T.CBrack: case T.CParen: case T.TemplateSeqEnd:
      return -1;
    default:
      return 0;
  }
}

const isNewline = (t: Token) => t.type === T.Newline || (t.type === T.Comment && t.text.endsWith('\n'));

function linesOf(tokens: FToken[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === T.EOF) {
      lines.push({ lead: tokens.slice(start, i) });
      start = -1;
      break;
    }
    if (isNewline(t)) {
      lines.push({ lead: tokens.slice(start, i + 1) });
      start = i + 1;
    }
  }
  if (start !== -1 && start < tokens.length) lines.push({ lead: tokens.slice(start) });
  for (const line of lines) {
    if (line.lead.length === 0) continue;
    if (line.lead.length > 1 && line.lead[line.lead.length - 1]!.type === T.Comment) line.comment = line.lead.splice(line.lead.length - 1);
    for (let i = 1; i < line.lead.length; i++) {
      if (line.lead[i]!.type !== T.Equal) continue;
      // Only a whole expression goes to the assign cell: one that opens no brackets it does not close.
      let net = 0;
      for (let k = i; k < line.lead.length; k++) net += bracketChange(line.lead[k]!);
      if (net === 0) line.assign = line.lead.splice(i);
      break;
    }
  }
  return lines;
}

function formatIndent(lines: Line[]): void {
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.type === T.Newline) {
      first.spaces = 0;
      continue;
    }
    let net = 0;
    for (const t of line.lead) {
      net += bracketChange(t);
      if (t.type === T.OHeredoc) break;
    }
    for (const t of line.assign ?? []) net += bracketChange(t);
    if (net > 0) {
      first.spaces = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1]!;
      if (closed > top) {
        closed -= top;
        indents.pop();
      } else if (closed < top) {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      } else {
        indents.pop();
        closed = 0;
      }
    }
    first.spaces = 2 * indents.length;
  }
}

const NIL: FToken = { type: T.Nil, text: '' };

function formatSpaces(lines: Line[]): void {
  for (const line of lines) {
    spaceCell(line.lead);
    if (line.assign) {
      line.assign[0]!.spaces = 1;
      spaceCell(line.assign);
    }
  }
}

function spaceCell(cell: FToken[]): void {
  for (let i = 0; i < cell.length - 1; i++) {
    cell[i + 1]!.spaces = spaceAfter(cell[i]!, i > 0 ? cell[i - 1]! : NIL, cell[i + 1]!) ? 1 : 0;
  }
}

const MINUS_IS_NEGATION = new Set([
  T.Nil, T.OParen, T.OBrace, T.OBrack, T.Equal, T.Colon, T.Comma, T.Question, T.Plus, T.Star, T.Slash, T.Percent, T.Minus,
  T.EqualOp, T.NotEqual, T.GreaterThan, T.GreaterThanEq, T.LessThan, T.LessThanEq, T.And, T.Or, T.Bang,
]);

/** hclwrite's spaceAfterToken, case for case and in its order. */
function spaceAfter(subject: FToken, before: FToken, after: FToken): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === T.Newline || a === T.Nil) return false;
  if (s === T.Ident && a === T.OParen) return false;
  if ((s === T.Ident && a === T.DoubleColon) || (s === T.DoubleColon && a === T.Ident)) return false;
  if (s === T.Dot || a === T.Dot) return false;
  if (a === T.Comma || a === T.Ellipsis) return false;
  if (s === T.Comma) return true;
  if (s === T.QuotedLit || s === T.StringLit || s === T.OQuote || s === T.OHeredoc || a === T.QuotedLit || a === T.StringLit || a === T.CQuote || a === T.CHeredoc) return false;
  if (s === T.Ident && subject.text === 'in' && before.type === T.Ident) return true;
  if (a === T.OBrack && (s === T.Ident || s === T.NumberLit || bracketChange(subject) < 0)) return false;
  if (s === T.Bang) return false;
  if (s === T.Minus) return !MINUS_IS_NEGATION.has(before.type);
  if (s === T.OBrace || a === T.CBrace) return !(s === T.OBrace && a === T.CBrace);
  if ((s === T.TemplateInterp || s === T.TemplateControl) && a === T.OBrace) return true;
  if (s === T.CBrace && a === T.TemplateSeqEnd) return true;
  if (s === T.TemplateSeqEnd && (a === T.TemplateInterp || a === T.TemplateControl)) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

function formatCells(lines: Line[]): void {
  alignChain(lines, (l) => l.assign, (l) => columns(l.lead));
  alignChain(lines, (l) => l.comment, (l) => columns(l.lead) + columns(l.assign));
}

/** Consecutive lines that have the cell line up its first token one column past the widest prefix. */
function alignChain(lines: Line[], cell: (l: Line) => FToken[] | undefined, width: (l: Line) => number): void {
  let chainStart = -1;
  let max = 0;
  const close = (end: number) => {
    for (let k = chainStart; k < end; k++) cell(lines[k]!)![0]!.spaces = max - width(lines[k]!) + 1;
    chainStart = -1;
    max = 0;
  };
  lines.forEach((line, i) => {
    if (!cell(line)) {
      if (chainStart !== -1) close(i);
      return;
    }
    if (chainStart === -1) chainStart = i;
    max = Math.max(max, width(line));
  });
  if (chainStart !== -1) close(lines.length);
}

let segmenter: Intl.Segmenter | undefined;

/** Columns a cell occupies: its spaces plus grapheme clusters, as hclwrite's Tokens.Columns. */
function columns(cell: FToken[] | undefined): number {
  let n = 0;
  for (const t of cell ?? []) {
    n += t.spaces ?? 0;
    if (/^[\x20-\x7e]*$/.test(t.text)) n += t.text.length;
    else {
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
      for (const _ of segmenter.segment(t.text)) n++;
    }
  }
  return n;
}
