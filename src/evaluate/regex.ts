// Terraform's regex()/regexall() use Go's RE2 syntax. A pattern is folded only when it stays inside
// a subset whose meaning is the same in JavaScript (with the `u` flag) once translated: literals,
// `.`, classes, \d \w \s \b (ASCII in RE2: \s and `.` are spelt out, JavaScript's are wider),
// anchors, greedy and lazy quantifiers, (non-)capturing and named groups, alternation, and a
// leading (?i) over ASCII text. Anything else (Unicode classes, POSIX classes, flags mid-pattern,
// \Q..\E, a quantified group holding a capture, whose capture JavaScript resets per repetition)
// is not translated and the call is kept.

/** A translated pattern: the JavaScript RegExp, and its capture group names (undefined: unnamed). */
export interface TranslatedPattern {
  re: RegExp;
  groups: (string | undefined)[];
}

const PUNCT = new Set([...'\\.+*?()|[]{}^$/-']);
const CLASS_ESCAPES: Record<string, string> = { d: '\\d', D: '\\D', w: '\\w', W: '\\W', s: '\\t\\n\\f\\r ' };
const TOP_ESCAPES: Record<string, string> = { d: '\\d', D: '\\D', w: '\\w', W: '\\W', s: '[\\t\\n\\f\\r ]', S: '[^\\t\\n\\f\\r ]', b: '\\b', B: '\\B', A: '^', z: '$', n: '\\n', t: '\\t', r: '\\r', f: '\\f' };

/** The pattern as a JavaScript RegExp with RE2's meaning, or undefined when that cannot be promised. */
export function translateRe2(pattern: string, text: string): TranslatedPattern | undefined {
  let src = pattern;
  let flags = 'u';
  if (src.startsWith('(?i)')) {
    // Case folding differs at the edges of Unicode (ſ, K): only over ASCII.
    if (!/^[\x00-\x7f]*$/.test(pattern + text)) return undefined;
    flags += 'i';
    src = src.slice(4);
  }
  const groups: (string | undefined)[] = [];
  // Per open group: does it (or a group inside it) capture?
  const open: boolean[] = [];
  let out = '';
  let lastGroupCaptured = false;
  let i = 0;
  const chars = [...src];
  while (i < chars.length) {
    const c = chars[i]!;
    let atomCapturing = false;
    if (c === '\\') {
      const n = chars[i + 1];
      if (n === undefined) return undefined;
      if (TOP_ESCAPES[n]) out += TOP_ESCAPES[n];
      else if (PUNCT.has(n)) out += `\\${n}`;
      else return undefined;
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (chars[j] === '^') {
        cls += '^';
        j++;
      }
      // A ] right after [ or [^ is a literal in RE2.
      if (chars[j] === ']') {
        cls += '\\]';
        j++;
      }
      for (; j < chars.length && chars[j] !== ']'; j++) {
        const d = chars[j]!;
        if (d === '[') return undefined; // [[:alpha:]] and friends
        if (d === '\\') {
          const n = chars[j + 1];
          if (n === undefined) return undefined;
          if (CLASS_ESCAPES[n]) cls += CLASS_ESCAPES[n];
          else if (PUNCT.has(n)) cls += `\\${n}`;
          else if (n === 'n' || n === 't' || n === 'r' || n === 'f') cls += `\\${n}`;
          else return undefined;
          j++;
        } else if (d === '/') cls += '\\/';
        else cls += d;
      }
      if (j >= chars.length) return undefined;
      out += `${cls}]`;
      i = j + 1;
    } else if (c === '(') {
      if (chars[i + 1] === '?') {
        const rest = chars.slice(i, i + 4).join('');
        if (rest.startsWith('(?:')) {
          out += '(?:';
          open.push(false);
          i += 3;
        } else if (rest.startsWith('(?P<')) {
          const close = chars.indexOf('>', i);
          const name = chars.slice(i + 4, close).join('');
          if (close < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
          groups.push(name);
          out += `(?<${name}>`;
          open.push(true);
          i = close + 1;
        } else return undefined;
      } else {
        groups.push(undefined);
        out += '(';
        open.push(true);
        i++;
      }
      continue;
    } else if (c === ')') {
      if (open.length === 0) return undefined;
      atomCapturing = open.pop()!;
      if (atomCapturing && open.length) open[open.length - 1] = true;
      out += ')';
      i++;
      lastGroupCaptured = atomCapturing;
      if (isQuantifier(chars, i) && lastGroupCaptured) return undefined;
      continue;
    } else if (c === '.') {
      out += '[^\\n]';
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(i).join(''));
      // RE2 reads a { that starts no repetition as a literal; JavaScript with `u` refuses it.
      if (!m) {
        out += '\\{';
        i++;
      } else {
        out += m[0];
        i += m[0].length;
      }
      continue;
    } else if (c === '}') {
      out += '\\}';
      i++;
    } else if (c === '/') {
      out += '\\/';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  if (open.length) return undefined;
  try {
    return { re: new RegExp(out, flags), groups };
  } catch {
    return undefined;
  }
}

function isQuantifier(chars: string[], i: number): boolean {
  const c = chars[i];
  return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(chars.slice(i).join('')));
}

/**
 * Go's Regexp.ReplaceAllString (Terraform's replace() with a /regex/ search) over a translated
 * pattern. The template expands as Go's Expand does: `$name` / `${name}` (name: letters, digits,
 * `_`; digits without a leading zero: a group number), an unknown name or a group that took no part is empty, `$$`
 * is `$`, a malformed `$` stays itself. Go skips an empty match that abuts the previous match and
 * JavaScript does not ("abc" with b* → "-a-c-" vs "-a--c-"): any empty match keeps the call.
 */
export function re2ReplaceAll(subject: string, t: TranslatedPattern, template: string): string | undefined {
  const re = new RegExp(t.re.source, `${t.re.flags}g`);
  const expand = (m: RegExpExecArray): string =>
    template.replace(/\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))?/g, (all: string, braced?: string, bare?: string) => {
      if (all === '$$') return '$';
      const name = braced ?? bare;
      if (name === undefined) return '$';
      // A group number (Go: digits without a leading zero), else a group name (unknown: empty).
      const numbered = /^(0|[1-9]\d*)$/.test(name);
      const index = numbered ? Number(name) : t.groups.indexOf(name) + 1;
      return (numbered || index > 0 ? m[index] : undefined) ?? '';
    });
  let out = '';
  let last = 0;
  for (let m = re.exec(subject); m; m = re.exec(subject)) {
    if (m[0] === '') return undefined;
    out += subject.slice(last, m.index) + expand(m);
    last = m.index + m[0].length;
  }
  return out + subject.slice(last);
}
