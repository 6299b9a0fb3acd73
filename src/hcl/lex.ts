// The token stream of hashicorp/hcl's scanner (hclsyntax/scan_tokens.rl), for the formatter:
// `terraform fmt` is hclwrite's formatter over exactly these tokens, so matching its output byte
// for byte starts with cutting the text where that scanner cuts it. Only what the formatter can
// see is modelled (types and boundaries); invalid input raises LexError instead of being guessed.

/** Token types, named as in hclsyntax (TokenOBrace, ...). */
export const enum T {
  OBrace, CBrace, OBrack, CBrack, OParen, CParen, OQuote, CQuote, OHeredoc, CHeredoc,
  Star, Slash, Plus, Minus, Percent, Equal, EqualOp, NotEqual, LessThan, LessThanEq, GreaterThan, GreaterThanEq,
  And, Or, Bang, Dot, Comma, DoubleColon, Ellipsis, FatArrow, Question, Colon,
  TemplateInterp, TemplateControl, TemplateSeqEnd, QuotedLit, StringLit, NumberLit, Ident, Comment, Newline, EOF, Nil,
}

/** One token: its type and its text (a token is never split or merged by the formatter). */
export interface Token {
  type: T;
  text: string;
}

/** Text the scanner would not accept as HCL (the formatter refuses it, as terraform fmt does). */
export class LexError extends Error {
  constructor(readonly offset: number, detail: string) {
    super(`HCL the formatter cannot read at offset ${offset}: ${detail}`);
    this.name = 'LexError';
  }
}

const SELF: Record<string, T> = {
  '[': T.OBrack, ']': T.CBrack, '(': T.OParen, ')': T.CParen, '.': T.Dot, ',': T.Comma, '*': T.Star, '/': T.Slash,
  '%': T.Percent, '+': T.Plus, '-': T.Minus, '=': T.Equal, '<': T.LessThan, '>': T.GreaterThan, '!': T.Bang,
  '?': T.Question, ':': T.Colon,
};
const PAIRS: Record<string, T> = {
  '==': T.EqualOp, '!=': T.NotEqual, '>=': T.GreaterThanEq, '<=': T.LessThanEq, '&&': T.And, '||': T.Or, '::': T.DoubleColon, '=>': T.FatArrow,
};

// Sticky patterns for the multi-character tokens of the main scanner.
const NUMBER = /[0-9](?:(?:[0-9.]|[eE][+-]?[0-9])*(?:[0-9]|[eE][+-]?[0-9]))?/y;
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const SPACES = /[ \t]+/y;
const HEREDOC = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;
// A run of quoted-string literal characters: escapes, and anything but $ % " \ and newlines.
const QUOTED_RUN = /(?:\\[^\r\n]|[^$%"\\\r\n])+/y;
// A run of heredoc literal characters on one line (not $ or %).
const HEREDOC_RUN = /[^$%\r\n]*/y;

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

type Mode = { kind: 'main' } | { kind: 'string' } | { kind: 'heredoc'; marker: string; startOfLine: boolean };

/** Tokens of a config file as hclsyntax.LexConfig cuts them (a leading BOM dropped), ending in EOF. */
export function lexConfig(text: string): Token[] {
  const out: Token[] = [];
  scan(text, (type, start, end) => out.push({ type, text: text.slice(start, end) }));
  out.push({ type: T.EOF, text: '' });
  return out;
}

/**
 * Offsets where a file can be cut into runs of whole top-level items, each run at least `size`
 * characters long: the ends of lines at bracket depth 0. A huge file is parsed run by run, so that
 * no parser holds a tree of the whole file at once. Throws LexError where the scanner does.
 */
export function topLevelCuts(text: string, size: number): number[] {
  const cuts: number[] = [];
  let depth = 0;
  let last = 0;
  scan(text, (type, _start, end) => {
    if (type === T.OBrace || type === T.OBrack || type === T.OParen || type === T.TemplateInterp || type === T.TemplateControl) depth++;
    else if (type === T.CBrace || type === T.CBrack || type === T.CParen || type === T.TemplateSeqEnd) depth--;
    else if (depth === 0 && end - last >= size && (type === T.Newline || (type === T.Comment && text[end - 1] === '\n'))) {
      cuts.push(end);
      last = end;
    }
  });
  return cuts;
}

// The comments of the text last asked about: a caller asks about many spans of one file.
let commentsOf: { text: string; comments: Array<[number, number]> | undefined } | undefined;

/**
 * True when a comment (`#`, `//` or a block comment) lies in text[start, end), the whole text read as the
 * scanner reads it: a `#` or `//` in a quoted string or a heredoc is text, not a comment. Text the
 * scanner refuses counts as holding one (the caller then keeps the source as written).
 */
export function spanHasComment(text: string, start: number, end: number): boolean {
  if (commentsOf?.text !== text) commentsOf = { text, comments: commentRanges(text) };
  const comments = commentsOf.comments;
  if (!comments) return true;
  // The first comment ending after start; the span holds it if it begins before end.
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]![1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < comments.length && comments[lo]![0] < end;
}

function commentRanges(text: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  try {
    scan(text, (type, start, end) => {
      if (type === T.Comment) out.push([start, end]);
    });
  } catch (err) {
    if (err instanceof LexError) return undefined;
    throw err;
  }
  return out;
}

/** The scanner: calls emit for each token, with offsets into text (a leading BOM is skipped). */
function scan(text: string, emit: (type: T, start: number, end: number) => void): void {
  const push = emit;
  let braces = 0;
  const retBraces: number[] = [];
  // The scanner's call stack: main is at the bottom; strings, heredocs and interpolations nest.
  const stack: Mode[] = [{ kind: 'main' }];
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  const enterInterp = (type: T.TemplateInterp | T.TemplateControl, len: number) => {
    push(type, p, p + len);
    p += len;
    braces++;
    retBraces.push(braces);
    const top = stack[stack.length - 1]!;
    if (top.kind === 'heredoc') top.startOfLine = false;
    stack.push({ kind: 'main' });
  };
  // `${` / `%{` (with an optional `~`) at p: its length, or 0.
  const introducer = (c: string): number => (text[p] === c && text[p + 1] === '{' ? (text[p + 2] === '~' ? 3 : 2) : 0);

  while (p < n) {
    const mode = stack[stack.length - 1]!;
    if (mode.kind === 'string') {
      const c = text[p]!;
      let len: number;
      if ((len = introducer('$'))) enterInterp(T.TemplateInterp, len);
      else if ((len = introducer('%'))) enterInterp(T.TemplateControl, len);
      else if (c === '"') {
        push(T.CQuote, p, p + 1);
        p++;
        stack.pop();
      } else if (c === '$' || c === '%') {
        // `$${` is an escaped introducer (one literal token); a lone `$` or `%` is a token of its own.
        const esc = text[p + 1] === c && text[p + 2] === '{' ? (text[p + 3] === '~' ? 4 : 3) : 1;
        push(T.QuotedLit, p, p + esc);
        p += esc;
      } else {
        const run = match(QUOTED_RUN, text, p);
        if (!run) throw new LexError(p, c === '\n' || c === '\r' ? 'newline in a quoted string' : `unexpected ${JSON.stringify(c)} in a quoted string`);
        push(T.QuotedLit, p, p + run.length);
        p += run.length;
      }
      continue;
    }
    if (mode.kind === 'heredoc') {
      let len: number;
      if ((len = introducer('$'))) {
        enterInterp(T.TemplateInterp, len);
        continue;
      }
      if ((len = introducer('%'))) {
        enterInterp(T.TemplateControl, len);
        continue;
      }
      const c = text[p]!;
      let lit: number;
      if (c === '$' || c === '%') lit = text[p + 1] === c && text[p + 2] === '{' ? (text[p + 3] === '~' ? 4 : 3) : 1;
      else lit = match(HEREDOC_RUN, text, p)!.length;
      const eol = text[p + lit] === '\n' ? 1 : text[p + lit] === '\r' && text[p + lit + 1] === '\n' ? 2 : 0;
      if (!eol) {
        if (lit === 0) throw new LexError(p, 'bare carriage return in a heredoc');
        mode.startOfLine = false;
        push(T.StringLit, p, p + lit);
        p += lit;
        continue;
      }
      if (mode.startOfLine && text.slice(p, p + lit).trim() === mode.marker) {
        // The closing marker, then its newline as a token of its own.
        push(T.CHeredoc, p, p + lit);
        push(T.Newline, p + lit, p + lit + eol);
        p += lit + eol;
        stack.pop();
        continue;
      }
      mode.startOfLine = true;
      push(T.StringLit, p, p + lit + eol);
      p += lit + eol;
      continue;
    }

    // main
    const c = text[p]!;
    let m: string | undefined;
    if (c === ' ' || c === '\t') {
      p += match(SPACES, text, p)!.length;
    } else if (c === '\n' || (c === '\r' && text[p + 1] === '\n')) {
      const len = c === '\n' ? 1 : 2;
      push(T.Newline, p, p + len);
      p += len;
    } else if (c === '#' || (c === '/' && text[p + 1] === '/')) {
      const nl = text.indexOf('\n', p);
      const end = nl === -1 ? n : nl + 1;
      push(T.Comment, p, end);
      p = end;
    } else if (c === '/' && text[p + 1] === '*') {
      const close = text.indexOf('*/', p + 2);
      if (close === -1) throw new LexError(p, 'unterminated /* comment');
      push(T.Comment, p, close + 2);
      p = close + 2;
    } else if (c >= '0' && c <= '9') {
      m = match(NUMBER, text, p)!;
      push(T.NumberLit, p, p + m.length);
      p += m.length;
    } else if (c === '"') {
      push(T.OQuote, p, p + 1);
      p++;
      stack.push({ kind: 'string' });
    } else if (c === '<' && (m = match(HEREDOC, text, p))) {
      const marker = /^<<-?([^\r\n]+)/.exec(m)![1]!;
      push(T.OHeredoc, p, p + m.length);
      p += m.length;
      stack.push({ kind: 'heredoc', marker, startOfLine: true });
    } else if (c === '{') {
      push(T.OBrace, p, p + 1);
      p++;
      braces++;
    } else if (c === '}' || (c === '~' && text[p + 1] === '}')) {
      const len = c === '}' ? 1 : 2;
      const closesInterp = retBraces.length > 0 && retBraces[retBraces.length - 1] === braces;
      // `~}` is always a sequence end (the parser rejects one that closes a plain brace).
      push(closesInterp || len === 2 ? T.TemplateSeqEnd : T.CBrace, p, p + len);
      p += len;
      braces--;
      if (closesInterp) {
        retBraces.pop();
        stack.pop();
      }
    } else if (text.startsWith('...', p)) {
      push(T.Ellipsis, p, p + 3);
      p += 3;
    } else if (PAIRS[text.slice(p, p + 2)] !== undefined) {
      push(PAIRS[text.slice(p, p + 2)]!, p, p + 2);
      p += 2;
    } else if (SELF[c] !== undefined) {
      push(SELF[c]!, p, p + 1);
      p++;
    } else if ((m = match(IDENT, text, p))) {
      push(T.Ident, p, p + m.length);
      p += m.length;
    } else {
      throw new LexError(p, `unexpected ${JSON.stringify(c)}`);
    }
  }
  if (stack.length > 1) throw new LexError(n, 'unterminated string, heredoc or interpolation');
}
