// Concrete syntax: .tf text → blocks and attributes with byte ranges, leading comments and
// expression trees. Built on tree-sitter so that edits can be byte-range splices on the original.
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { parseToJson } from './reference.js';
import { LexError, topLevelCuts } from './lex.js';
import type { Accessor, BinaryOperator, Expr, Span, TemplatePart } from './ast.js';
import { UserError } from '../errors.js';

/** An attribute `name = expr` with the byte range of its whole line(s). */
export interface Attribute {
  kind: 'attribute';
  name: string;
  expr: Expr;
  /** Range of `name = expr`. */
  span: Span;
  /** Range of the expression only. */
  exprSpan: Span;
  /** Comment lines directly above, verbatim (without indentation). */
  leadingComments: string[];
  /** The author left a blank line above this item (and its comments). */
  blankBefore?: boolean;
}

/** A block `type "label" { ... }`. */
export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: Body;
  span: Span;
  leadingComments: string[];
  blankBefore?: boolean;
  /** A `module` block with a comment anywhere inside its braces (its inline must not drop them). */
  innerComments?: boolean;
}

export interface Body {
  items: (Attribute | Block)[];
}

/** One parsed .tf file. */
export interface HclFile {
  path: string;
  text: string;
  body: Body;
}

/** What kind of refusal an HclSyntaxError is: each reads differently. */
export type HclErrorKind = 'syntax' | 'unsupported' | 'encoding';

/**
 * A syntax error with the position a person needs to fix it; or syntax Terraform may accept but
 * unmodule cannot read (`unsupported`); or a file that is not UTF-8 (`encoding`). All are
 * refused the same way, naming file:line:column.
 */
export class HclSyntaxError extends UserError {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly column: number,
    detail: string,
    readonly kind: HclErrorKind = 'syntax',
  ) {
    const what = detail.replace(/\.$/, '');
    super(
      `${path}:${line}:${column}: ` +
        (kind === 'unsupported'
          ? `${what}. Nothing was written; rewrite this expression another way (or report it to unmodule).`
          : kind === 'encoding'
            ? `Invalid character encoding: ${what}. Terraform refuses such a file too; save it as UTF-8 and run again.`
            : `HCL syntax error: ${what}. Fix the syntax (terraform validate shows the same) and run again.`),
      { file: path, line, column },
    );
    this.name = 'HclSyntaxError';
  }
}

let parserPromise: Promise<Parser> | undefined;

/**
 * What plainTree reads of the grammar once, not per node: each node's type name and whether it
 * is named, by type id (a node's type and named-ness are properties of its type; asking the cursor
 * for them is a call into WASM per node), the one node type whose children carry field names,
 * and each field id's index in FIELDS + 1.
 */
interface Grammar {
  types: string[];
  named: boolean[];
  objectElem: number;
  fields: number[];
}
let grammar: Grammar | undefined;

/**
 * The tree-sitter WASM functions plainTree calls directly (see rawWalk). web-tree-sitter's
 * TreeCursor keeps a copy of the cursor in JavaScript and writes it to the WASM transfer buffer
 * before every call (and reads it back after every move), through emscripten's generic
 * getValue/setValue: on a big file that bookkeeping costs more than the moves themselves. The C
 * functions read the cursor from the transfer buffer and write it back there, so a walk that makes
 * no other tree-sitter call in between can leave it there. The emscripten module is the object
 * given to Parser.init (emscripten's MODULARIZE fills it in); a web-tree-sitter that does not
 * have all of these is walked through its public TreeCursor.
 */
const RAW = [
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_delete_wasm',
] as const;
type RawBinding = Record<(typeof RAW)[number], (tree: number) => number>;
let raw: RawBinding | undefined;
let rawEnabled = true;

/**
 * For tests: walk trees through web-tree-sitter's public TreeCursor (false) or directly (true, the
 * default). Returns whether the direct walk is in use (known once a file was parsed).
 */
export function useRawCursor(on: boolean): boolean {
  rawEnabled = on;
  return on && raw !== undefined;
}

async function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const binding: Record<string, unknown> = {};
    await Parser.init(binding);
    if (RAW.every((f) => typeof binding[f] === 'function')) raw = binding as RawBinding;
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
    const parser = new Parser();
    const language = await Language.load(wasm);
    parser.setLanguage(language);
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      types.push(language.nodeTypeForId(id) ?? 'ERROR');
      named.push(language.nodeTypeIsNamed(id));
    }
    const fields: number[] = [0];
    for (let id = 1; id <= language.fieldCount; id++) fields.push(FIELDS.indexOf(language.fieldNameForId(id) ?? '') + 1);
    grammar = { types, named, objectElem: language.idForNodeType('object_elem', true) ?? -1, fields };
    return parser;
  })();
  return parserPromise;
}

/**
 * Parses one .tf file. Throws HclSyntaxError naming file:line on invalid syntax. A file over
 * pieceSize characters is parsed in pieces of whole top-level items, none over maxPiece (tests
 * make both small).
 */
export async function parseHcl(path: string, text: string, pieceSize = PIECE, maxPiece = MAX_PIECE): Promise<HclFile> {
  const parser = await getParser();
  const builder = new Builder(path, text);
  const items: (Attribute | Block)[] = [];
  let start = 0;
  for (const end of [...(await pieceEnds(path, text, pieceSize, maxPiece)), text.length]) {
    if (end - start > maxPiece) await parseItemByItem(parser, builder, path, text, start, end, items, maxPiece);
    else if (end > start) await parsePiece(parser, builder, path, text, start, end, items);
    start = end;
  }
  return { path, text, body: { items } };
}

// A file is parsed whole up to this size; a bigger one in runs of whole top-level items of about
// this size. tree-sitter's tree of a 20 MB file outgrows the 2 GB its WASM memory may use (and the
// copy of it, the builder's reads); run by run, only one run's tree is alive at a time.
const PIECE = 1 << 20;

/**
 * The largest run the parser is given: one top-level item (a block, an attribute) bigger than
 * this is refused. tree-sitter aborts the process (WASM out of memory) on ~16 MB of one tree; a
 * single block that big is generated data, and several `locals` blocks or files hold it as well.
 */
export const MAX_PIECE = 8 << 20;

/** A single top-level item the parser cannot hold. */
export class HclTooLargeError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'HclTooLargeError';
  }
}

/** A run of items bigger than the parser holds: its top-level items one at a time; one item that big is refused. */
async function parseItemByItem(parser: Parser, builder: Builder, path: string, text: string, start: number, end: number, items: (Attribute | Block)[], maxPiece: number): Promise<void> {
  let from = start;
  for (const to of [...topLevelCuts(text.slice(start, end), 1).map((c) => start + c), end]) {
    if (to - from > maxPiece) throw tooLarge(path, text, from, to, maxPiece);
    if (to > from) await parsePiece(parser, builder, path, text, from, to, items);
    from = to;
  }
}

function tooLarge(path: string, text: string, start: number, end: number, maxPiece: number): HclTooLargeError {
  const at = start + (/\S/.exec(text.slice(start, start + 4096))?.index ?? 0);
  const head = text.slice(at, text.indexOf('\n', at)).trim().slice(0, 60);
  const mb = (n: number) => (n / (1 << 20)).toFixed(1);
  return new HclTooLargeError(
    `${path}:${lineAt(text, at)}: \`${head}\` is one top-level item of ${mb(end - at)} MB (to line ${lineAt(text, end - 1)}); unmodule parses a file one top-level block or attribute at a time, each up to ${mb(maxPiece)} MB. ` +
      `Split it (a \`locals\` block can be several blocks, also in several files of the same directory: Terraform loads them together) and run again`,
  );
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

async function pieceEnds(path: string, text: string, size: number, maxPiece: number): Promise<number[]> {
  if (text.length <= Math.min(size, maxPiece)) return [];
  try {
    return topLevelCuts(text, size);
  } catch (err) {
    // Text hashicorp/hcl's scanner rejects: a small file is parsed whole, for the syntax error to
    // name; a big one is not given to tree-sitter whole (see MAX_PIECE): hashicorp/hcl names it.
    if (text.length <= maxPiece || !(err instanceof LexError)) return [];
    try {
      await parseToJson(path, text);
    } catch (e) {
      const m = /:(\d+),(\d+)(?:-\d+)?: ([^\]]+)/.exec(e instanceof Error ? e.message : String(e));
      if (m) throw new HclSyntaxError(path, Number(m[1]), Number(m[2]), m[3]!.trim());
    }
    throw new HclSyntaxError(path, lineAt(text, err.offset), 1, err.message.replace(/^.*?: /, ''));
  }
}

/** Parses text[start, end) (whole top-level items) and appends its items, with spans into text. */
async function parsePiece(parser: Parser, builder: Builder, path: string, text: string, start: number, end: number, items: (Attribute | Block)[]): Promise<void> {
  const piece = start === 0 && end === text.length ? text : text.slice(start, end);
  const tree = parseTree(parser, path, piece);
  try {
    const root = tree.rootNode;
    if (root.hasError) throw await syntaxError(path, text, root, start);
    const bodyNode = plainTree(tree, text, start, true).namedChildren.find((c) => c.type === 'body');
    if (bodyNode) builder.body(bodyNode, items, (blockStart, blockEnd) => deferredBody(parser, builder, path, text, blockStart, blockEnd));
  } finally {
    tree.delete();
  }
}

/** tree-sitter's tree of piece; when it has errors, of the same-length stand-in (see parseable) if that parses cleanly. */
function parseTree(parser: Parser, path: string, piece: string): Tree {
  // Spans index the text as given; the parser may read a same-length stand-in (see parseable).
  const tree = parser.parse(piece.charCodeAt(0) === 0xfeff ? ` ${piece.slice(1)}` : piece);
  if (!tree) throw new HclSyntaxError(path, 1, 1, 'the parser returned no tree');
  if (!tree.rootNode.hasError) return tree;
  const retry = parser.parse(parseable(piece));
  if (retry && !retry.rootNode.hasError) {
    tree.delete();
    return retry;
  }
  retry?.delete();
  return tree;
}

/**
 * The body of the top-level block text[start, end), built when first read. The file's parse
 * checked its syntax; only the copy out of tree-sitter and the model were put off (they are most
 * of a parse): a big root is mostly resources nobody reads but for their address. The block is
 * parsed again on its own, which gives the same tree (test/hcl/pieces.test.ts cuts files at every
 * top-level item). A construct the builder refuses is refused when the body is first read.
 */
function deferredBody(parser: Parser, builder: Builder, path: string, text: string, start: number, end: number): () => Body {
  return () => {
    const tree = parseTree(parser, path, text.slice(start, end));
    try {
      if (tree.rootNode.hasError) {
        const bad = firstError(tree.rootNode) ?? tree.rootNode;
        throw new HclSyntaxError(path, builder.lineOf(start) + bad.startPosition.row, bad.startPosition.column + 1, `unexpected ${JSON.stringify(bad.text.slice(0, 30))}`);
      }
      const bodyNode = plainTree(tree, text, start).namedChildren.find((c) => c.type === 'body');
      const block = bodyNode ? builder.body(bodyNode).items[0] : undefined;
      if (block?.kind !== 'block') throw new Error(`${path}:${builder.lineOf(start)}: the block did not parse again as a block`);
      return block.body;
    } finally {
      tree.delete();
    }
  };
}

/**
 * The text with what hashicorp/hcl accepts but the tree-sitter grammar does not replaced by
 * stand-ins of the same length, so every offset still points into the real text (from which
 * names, numbers and strings are read): a UTF-8 byte order mark (a space); numbers with an
 * exponent but no fraction (`1e3`, `2E-4`; digits of the same length); and in an object whose
 * elements are separated by newlines, an element key in parentheses after a value that ends in a
 * name, which the grammar (blind to newlines) reads as a function call `name (key)`: the last
 * indentation character before the `(` becomes a comma. Used only when the text as it is does
 * not parse, and only if the stand-in then parses cleanly.
 */
function parseable(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  return noBom
    .replace(/(?<![\p{ID_Continue}.])[0-9]+[eE][+-]?[0-9]+(?![\p{ID_Continue}.])/gu, (m) => '1'.repeat(m.length))
    .replace(/(?<=[\p{ID_Continue}][ \t\r]*(?:(?:#|\/\/)[^\n]*)?\n[ \t]*)[ \t](?=\()/gu, ',');
}

/**
 * Decodes a configuration file's bytes. Terraform refuses a file that is not UTF-8 ("Invalid
 * character encoding"), and so does unmodule, naming the first bad byte's line and column.
 */
export function decodeSource(path: string, bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const bad = firstInvalidUtf8(bytes);
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString('utf8');
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  throw new HclSyntaxError(path, line, column, 'the file is not UTF-8', 'encoding');
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (!isUtf8(b.subarray(i, i + n + 1))) return i;
    i += n + 1;
  }
  return b.length;
}

/** Parses a standalone expression (used for caller-supplied snippets and tests). */
export async function parseExpression(text: string): Promise<Expr> {
  const file = await parseHcl('<expression>', `x = ${text}\n`);
  const attr = file.body.items[0];
  if (!attr || attr.kind !== 'attribute') throw new Error(`not an expression: ${text}`);
  return attr.expr;
}

/** Names the error as hashicorp/hcl does when it can (clearer), else by tree-sitter's position. */
async function syntaxError(path: string, text: string, root: Node, offset = 0): Promise<HclSyntaxError> {
  try {
    await parseToJson(path, text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /:(\d+),(\d+)(?:-\d+)?: ([^\]]+)/.exec(msg);
    if (m) return new HclSyntaxError(path, Number(m[1]), Number(m[2]), m[3]!.trim());
  }
  const bad = firstError(root) ?? root;
  const what = bad.isMissing ? `missing ${bad.type}` : `unexpected ${JSON.stringify(bad.text.slice(0, 30))}`;
  return new HclSyntaxError(path, lineAt(text, offset) + bad.startPosition.row, bad.startPosition.column + 1, what);
}

function firstError(n: Node): Node | undefined {
  if (n.isError || n.isMissing) return n;
  for (const c of n.children) {
    if (c && (c.hasError || c.isError || c.isMissing)) {
      const found = firstError(c);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * tree-sitter's tree copied out of WASM in one cursor walk, into flat arrays indexed by node
 * number (in document order; 0 is the root). Every property read of a web-tree-sitter Node crosses
 * into WASM (and builds its child arrays anew), and the builder reads each node many times; one
 * object per node would make the garbage collector copy ~100 bytes for each of the ~0.4 nodes per
 * source character of a big file. Here a node is five numbers, and the builder reads it through
 * short-lived PNode views.
 */
class FlatTree {
  count = 0;
  typeId: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** A field name's index in FIELDS + 1 (0: none); bit 7: a top-level body left unread (see plainTree). */
  flags: Uint8Array;

  constructor(
    readonly source: string,
    readonly grammar: Grammar,
    capacity: number,
  ) {
    this.typeId = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity);
    this.nextSibling = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  add(typeId: number, start: number, end: number, flags: number): number {
    if (this.count === this.typeId.length) this.grow();
    const i = this.count++;
    this.typeId[i] = typeId;
    this.start[i] = start;
    this.end[i] = end;
    this.firstChild[i] = -1;
    this.nextSibling[i] = -1;
    this.flags[i] = flags;
    return i;
  }

  private grow(): void {
    const n = this.typeId.length * 2 + 16;
    const more = <T extends Uint16Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.typeId = more(this.typeId);
    this.start = more(this.start);
    this.end = more(this.end);
    this.firstChild = more(this.firstChild);
    this.nextSibling = more(this.nextSibling);
    this.flags = more(this.flags);
  }
}

/** The field names of the grammar's children (only object_elem has any). */
const FIELDS = ['key', 'val'];
const DEFERRED = 0x80;

/** A view of one node of a FlatTree, with the web-tree-sitter Node members the builder reads. */
class PNode {
  constructor(
    private readonly tree: FlatTree,
    private readonly i: number,
  ) {}

  get type(): string {
    return this.tree.grammar.types[this.tree.typeId[this.i]!] ?? 'ERROR';
  }
  get startIndex(): number {
    return this.tree.start[this.i]!;
  }
  get endIndex(): number {
    return this.tree.end[this.i]!;
  }
  get isNamed(): boolean {
    return this.tree.grammar.named[this.tree.typeId[this.i]!] ?? true;
  }
  /** A top-level block's body whose children were not copied (see plainTree). */
  get deferred(): boolean {
    return (this.tree.flags[this.i]! & DEFERRED) !== 0;
  }
  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }
  get children(): PNode[] {
    const out: PNode[] = [];
    for (let c = this.tree.firstChild[this.i]!; c !== -1; c = this.tree.nextSibling[c]!) out.push(new PNode(this.tree, c));
    return out;
  }
  get namedChildren(): PNode[] {
    const { typeId, nextSibling, grammar } = this.tree;
    const out: PNode[] = [];
    for (let c = this.tree.firstChild[this.i]!; c !== -1; c = nextSibling[c]!) if (grammar.named[typeId[c]!] ?? true) out.push(new PNode(this.tree, c));
    return out;
  }
  get childCount(): number {
    let n = 0;
    for (let c = this.tree.firstChild[this.i]!; c !== -1; c = this.tree.nextSibling[c]!) n++;
    return n;
  }
  get firstChild(): PNode | null {
    const c = this.tree.firstChild[this.i]!;
    return c === -1 ? null : new PNode(this.tree, c);
  }
  get lastChild(): PNode | null {
    let last = -1;
    for (let c = this.tree.firstChild[this.i]!; c !== -1; c = this.tree.nextSibling[c]!) last = c;
    return last === -1 ? null : new PNode(this.tree, last);
  }
  childForFieldName(name: string): PNode | null {
    const want = FIELDS.indexOf(name) + 1;
    for (let c = this.tree.firstChild[this.i]!; c !== -1; c = this.tree.nextSibling[c]!) if ((this.tree.flags[c]! & 0x7f) === want) return new PNode(this.tree, c);
    return null;
  }
}

/**
 * Copies tree-sitter's tree into a FlatTree and returns a view of its root. With deferBodies, the
 * body of a top-level `resource` or `data` block is copied without its children (marked
 * deferred): the builder makes it a body built when first read.
 *
 * Every cursor call crosses into WASM, and on a big file these calls are most of the copy, so
 * the walk asks for little: per node its type id (its name and named-ness come from the grammar's
 * tables), its start and end, and a field name only under the one node type that has fields
 * (object_elem). (A node's span is not its visible children's: a hidden token such as the digits
 * of a legacy index `.0` belongs to the parent only.)
 */
function plainTree(tree: Tree, source: string, offset = 0, deferBodies = false): PNode {
  const g = grammar!;
  const flat = new FlatTree(source, g, (tree.rootNode.endIndex >> 1) + 64);
  const walk = cursorOver(tree);
  try {
    const add = (id: number, field: number) => flat.add(id, offset + walk.start(), offset + walk.end(), field);
    let id = walk.typeId();
    add(id, 0);
    // The open ancestors (node number, type id) and the last child added under each.
    const path = [0];
    const pathTypes = [id];
    const lastChild = [-1];
    if (!walk.firstChild()) return new PNode(flat, 0);
    for (;;) {
      id = walk.typeId();
      const depth = path.length;
      const node = add(id, pathTypes[depth - 1] === g.objectElem ? (g.fields[walk.fieldId()] ?? 0) : 0);
      const prev = lastChild[depth - 1]!;
      if (prev === -1) flat.firstChild[path[depth - 1]!] = node;
      else flat.nextSibling[prev] = node;
      lastChild[depth - 1] = node;
      // path: config_file, body, block; the block's first child is its type.
      if (deferBodies && depth === 3 && g.types[id] === 'body' && DEFERRED_BLOCKS.has(blockType(flat, path[2]!))) flat.flags[node]! |= DEFERRED;
      else if (walk.firstChild()) {
        path.push(node);
        pathTypes.push(id);
        lastChild.push(-1);
        continue;
      }
      while (!walk.nextSibling()) {
        if (!walk.parent()) return new PNode(flat, 0);
        path.pop();
        pathTypes.pop();
        lastChild.pop();
        if (path.length === 0) return new PNode(flat, 0);
      }
    }
  } finally {
    walk.delete();
  }
}

/** The cursor moves and reads plainTree makes, over a tree, starting at its root. */
interface Walk {
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  delete(): void;
}

function cursorOver(tree: Tree): Walk {
  const cursor = tree.walk();
  // tree.walk() leaves the new cursor in the transfer buffer (see RAW); the tree's address is its [0].
  const address = (tree as unknown as Record<number, unknown>)[0];
  if (raw && rawEnabled && typeof address === 'number' && address !== 0) return rawWalk(raw, address);
  return {
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId ?? 0,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    delete: () => cursor.delete(),
  };
}

/**
 * The cursor driven by tree-sitter's C functions (see RAW): it lives in the transfer buffer from
 * tree.walk() to delete(), which frees the cursor as it is then (web-tree-sitter's TreeCursor
 * object, whose copy is stale by then, is dropped without its delete()).
 */
function rawWalk(c: RawBinding, tree: number): Walk {
  return {
    typeId: () => c._ts_tree_cursor_current_node_type_id_wasm(tree),
    fieldId: () => c._ts_tree_cursor_current_field_id_wasm(tree),
    start: () => c._ts_tree_cursor_start_index_wasm(tree),
    end: () => c._ts_tree_cursor_end_index_wasm(tree),
    firstChild: () => c._ts_tree_cursor_goto_first_child_wasm(tree) === 1,
    nextSibling: () => c._ts_tree_cursor_goto_next_sibling_wasm(tree) === 1,
    parent: () => c._ts_tree_cursor_goto_parent_wasm(tree) === 1,
    delete: () => void c._ts_tree_cursor_delete_wasm(tree),
  };
}

/** The text of a block node's first child (its type), or "". */
function blockType(flat: FlatTree, block: number): string {
  const c = flat.firstChild[block]!;
  return c === -1 ? '' : flat.source.slice(flat.start[c], flat.end[c]);
}

/** Top-level blocks whose bodies are built when first read (most of a big root; see deferredBody). */
const DEFERRED_BLOCKS = new Set(['resource', 'data']);

const named = (n: PNode): PNode[] => n.namedChildren.filter((c) => c.type !== 'comment');
const hasComment = (n: PNode): boolean => n.children.some((c) => c.type === 'comment' || hasComment(c));

const BINARY_OPERATORS = new Set<string>(['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%']);

class Builder {
  private readonly lineStarts: number[] = [0];
  /** Set while inside a flush heredoc: the indentation to drop from each of its lines. */
  private flush: { indent: number; bodyStart: number } | undefined;

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** 1-based line of an offset (a table lookup: asking tree-sitter for positions crosses into WASM). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The source text [start, end) of a flush heredoc with the common indentation removed from each line start. */
  private unindent(start: number, end: number): string {
    const { indent } = this.flush!;
    let out = '';
    for (let i = start; i < end; ) {
      // A line of only whitespace is kept as it is (hashicorp/hcl neither counts nor unindents it).
      const lineEnd = this.text.indexOf('\n', i);
      const blank = lineEnd !== -1 && /^\s*$/.test(this.text.slice(i, lineEnd));
      if ((i === this.flush!.bodyStart || this.text[i - 1] === '\n') && !blank) {
        let n = 0;
        while (n < indent && i < end && (this.text[i] === ' ' || this.text[i] === '\t')) {
          i++;
          n++;
        }
        if (i >= end) break;
      }
      const nl = this.text.indexOf('\n', i);
      const stop = nl === -1 || nl >= end ? end : nl + 1;
      out += this.text.slice(i, stop);
      i = stop;
    }
    return out;
  }

  private span(n: PNode): Span {
    const start = n.startIndex;
    return { start, end: n.endIndex, line: this.lineOf(start) };
  }

  /** The items of a body node, appended to `items` (a file parsed in pieces passes one list). */
  body(n: PNode, items: (Attribute | Block)[] = [], deferred?: (start: number, end: number) => () => Body): Body {
    for (const c of n.namedChildren) {
      if (c?.type !== 'attribute' && c?.type !== 'block') continue;
      const comments = this.commentsAbove(c.startIndex);
      const item = c.type === 'attribute' ? this.attribute(c, comments) : this.block(c, comments, deferred);
      item.blankBefore = items.length > 0 && this.blankAbove(c.startIndex, comments.length);
      items.push(item);
    }
    return { items };
  }

  private blankAbove(offset: number, commentLines: number): boolean {
    let lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    for (let i = 0; i < commentLines; i++) lineStart = this.text.lastIndexOf('\n', lineStart - 2) + 1;
    if (lineStart < 2) return false;
    const prevStart = this.text.lastIndexOf('\n', lineStart - 2) + 1;
    return this.text.slice(prevStart, lineStart - 1).trim() === '';
  }

  /** The run of whole-line comments directly above offset (no blank line between). */
  commentsAbove(offset: number): string[] {
    const out: string[] = [];
    let lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    if (this.text.slice(lineStart, offset).trim() !== '') return out;
    while (lineStart > 0) {
      const prevStart = this.text.lastIndexOf('\n', lineStart - 2) + 1;
      const line = this.text.slice(prevStart, lineStart - 1).trim();
      if (!/^(#|\/\/|\/\*.*\*\/$)/.test(line)) break;
      out.unshift(line);
      lineStart = prevStart;
    }
    return out;
  }

  private attribute(n: PNode, leadingComments: string[]): Attribute {
    const [id, exprNode] = named(n);
    return {
      kind: 'attribute',
      name: this.need(id, n).text,
      expr: this.expr(exprNode, n),
      span: this.span(n),
      exprSpan: this.span(this.need(exprNode, n)),
      leadingComments,
    };
  }

  private block(n: PNode, leadingComments: string[], deferred?: (start: number, end: number) => () => Body): Block {
    const kids = named(n);
    const type = this.need(kids[0], n).text;
    const labels: string[] = [];
    let body: Body = { items: [] };
    let later: (() => Body) | undefined;
    for (const k of kids.slice(1)) {
      if (k.type === 'string_lit') labels.push(this.stringLit(k));
      else if (k.type === 'identifier') labels.push(k.text);
      else if (k.type === 'body' && k.deferred && deferred) later = deferred(n.startIndex, n.endIndex);
      else if (k.type === 'body') body = this.body(k);
    }
    const block: Block = { kind: 'block', type, labels, body, span: this.span(n), leadingComments };
    if (later) {
      // An own enumerable property like any other once read (spreads and equality see the body).
      const build = later;
      Object.defineProperty(block, 'body', {
        configurable: true,
        enumerable: true,
        get: () => {
          const built = build();
          Object.defineProperty(block, 'body', { value: built, writable: true, enumerable: true, configurable: true });
          return built;
        },
        set: (v: Body) => Object.defineProperty(block, 'body', { value: v, writable: true, enumerable: true, configurable: true }),
      });
    }
    if (type === 'module' && hasComment(n)) block.innerComments = true;
    return block;
  }

  private stringLit(n: PNode): string {
    if (n.childCount < 2) this.fail(n, 'a quoted string needs its opening and closing quotes');
    const raw = this.quotedRaw(n.firstChild!.endIndex, n.lastChild!.startIndex);
    return raw.includes('\\') || raw.includes('{') ? decodeQuoted(raw) : raw;
  }

  /**
   * The literal text of a quoted string between two offsets. Terraform refuses a quoted string
   * split over lines ("Invalid multi-line string") and unknown escapes ("Invalid escape
   * sequence"); so does unmodule, rather than read a value Terraform never would.
   */
  private quotedRaw(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    const nl = raw.indexOf('\n');
    if (nl !== -1) this.fail(start + nl, 'invalid multi-line string: a quoted string may not be split over lines; use \\n or a heredoc');
    if (!raw.includes('\\')) return raw;
    for (const m of raw.matchAll(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.?)/g)) {
      if (!/^(u....|U........|[nrt"\\])$/.test(m[1]!)) this.fail(start + m.index, `invalid escape sequence \\${m[1]} in a quoted string (Terraform refuses it too)`);
    }
    return raw;
  }

  expr(n: PNode | undefined, parent?: PNode): Expr {
    if (!n) return this.fail(parent, 'an expression is missing here');
    const span = this.span(n);
    switch (n.type) {
      case 'expression':
        return this.term(n.children.filter((c) => c.type !== 'comment'), n);
      case 'variable_expr':
        return { t: 'var', name: this.need(named(n)[0], n).text, span };
      case 'literal_value':
        return this.expr(named(n)[0], n);
      case 'numeric_lit':
        // tree-sitter also reads 0x1F; Terraform has no hexadecimal literals.
        if (!/^[0-9]/.test(n.text) || /^0[xX]/.test(n.text)) return this.fail(n, `invalid number ${JSON.stringify(n.text)} (Terraform numbers are decimal)`);
        return { t: 'number', value: Number(n.text), raw: n.text, span };
      case 'bool_lit':
        return { t: 'bool', value: n.text === 'true', span };
      case 'null_lit':
        return { t: 'null', span };
      case 'string_lit': {
        const value = this.stringLit(n);
        return { t: 'template', parts: value === '' ? [] : [{ t: 'lit', value }], span };
      }
      case 'template_expr':
        return this.template(this.need(named(n)[0], n), span);
      case 'collection_value':
        return this.expr(named(n)[0], n);
      case 'tuple':
        return { t: 'tuple', items: named(n).filter((c) => c.type === 'expression').map((c) => this.expr(c, n)), span };
      case 'object':
        return {
          t: 'object',
          items: named(n)
            .filter((c) => c.type === 'object_elem')
            .map((el) => {
              const key = this.expr(el.childForFieldName('key') ?? undefined, el);
              const value = this.expr(el.childForFieldName('val') ?? undefined, el);
              // A bare identifier key (`a = 1`) is the string "a"; `(a) = 1` is the value of a.
              if (key.t === 'var') return { key: { t: 'template', parts: [{ t: 'lit', value: key.name }], span: key.span }, bare: true, value };
              return { key, bare: false, value };
            }),
          span,
        };
      case 'function_call': {
        const [id, args] = named(n);
        const argNodes = args ? named(args).filter((c) => c.type === 'expression') : [];
        const expandFinal = !!args?.children.some((c) => c.type === 'ellipsis');
        return { t: 'call', name: this.need(id, n).text, args: argNodes.map((a) => this.expr(a, n)), expandFinal, span };
      }
      case 'conditional': {
        const [c, a, b] = named(n);
        return this.conditional(this.expr(c, n), this.expr(a, n), this.expr(b, n), span);
      }
      case 'operation':
        return this.expr(named(n)[0], n);
      case 'binary_operation': {
        // Operands are flattened terms: a node, or `(` expression `)`, each with postfix nodes.
        const kids = n.children.filter((c) => c.type !== 'comment');
        const opIndex = kids.findIndex((c) => !c.isNamed && c.type !== '(' && c.type !== ')');
        const op = kids[opIndex]?.type;
        if (!op || !BINARY_OPERATORS.has(op)) return this.fail(n, `unsupported operator ${JSON.stringify(op ?? '')}`);
        return { t: 'binop', op: op as BinaryOperator, left: this.term(kids.slice(0, opIndex), n), right: this.term(kids.slice(opIndex + 1), n), span };
      }
      case 'unary_operation': {
        const kids = n.children.filter((c) => c.type !== 'comment');
        const op = kids[0]?.type;
        if (op !== '!' && op !== '-') return this.fail(n, `unsupported operator ${JSON.stringify(op ?? '')}`);
        return { t: 'unop', op, operand: this.term(kids.slice(1), n), span };
      }
      case 'for_expr':
        return this.forExpr(this.need(named(n)[0], n), span);
      default:
        return this.fail(n, `unmodule cannot read this ${n.type} expression`);
    }
  }

  /**
   * A term as the grammar flattens it: a primary (one node, or `(` expression `)`) followed by
   * postfix nodes (get_attr, index, splat). Each postfix step spans from the start of the term to
   * its own end: `module.m.out` is a range.
   */
  private term(nodes: PNode[], parent: PNode): Expr {
    const first = nodes[0];
    if (!first) return this.fail(parent, 'an expression is missing here');
    let e: Expr;
    let rest: PNode[];
    if (first.type === '(') {
      const close = nodes[2];
      if (nodes[1]?.type !== 'expression' || close?.type !== ')') return this.fail(first, 'unbalanced parentheses');
      e = { t: 'paren', inner: this.expr(nodes[1], parent), span: { start: first.startIndex, end: close.endIndex, line: this.lineOf(first.startIndex) } };
      rest = nodes.slice(3);
    } else {
      e = this.expr(first, parent);
      rest = nodes.slice(1);
    }
    const line = this.lineOf(first.startIndex);
    for (const k of rest) e = this.postfix(e, k, { start: first.startIndex, end: k.endIndex, line });
    return e;
  }

  /**
   * `c ? a : b`. tree-sitter groups an unparenthesised chain `a ? b : c ? d : e` to the left;
   * Terraform reads a condition as a binary expression and each branch as a whole expression, so
   * the chain is `a ? b : (c ? d : e)`. Re-associate (a parenthesised condition is a paren node).
   */
  private conditional(cond: Expr, then: Expr, els: Expr, span: Span): Expr {
    if (cond.t !== 'cond') return { t: 'cond', cond, then, else: els, span };
    // cond is already right-associated, so its own condition is no bare conditional.
    const from = cond.else.span ?? span;
    return { t: 'cond', cond: cond.cond, then: cond.then, else: this.conditional(cond.else, then, els, { start: from.start, end: span.end, line: from.line }), span };
  }

  private postfix(obj: Expr, k: PNode, span: Span): Expr {
    switch (k.type) {
      case 'get_attr':
        return { t: 'getattr', obj, name: this.need(named(k)[0], k).text, span };
      case 'index':
        return { t: 'index', obj, ...this.indexKey(k), span };
      case 'splat': {
        const s = this.need(named(k)[0], k);
        const each: Accessor[] = named(s).map((a) => (a.type === 'get_attr' ? { t: 'getattr', name: this.need(named(a)[0], a).text } : { t: 'index', key: this.indexKey(a).key }));
        return { t: 'splat', obj, kind: s.type === 'full_splat' ? 'full' : 'attr', each, span };
      }
      default:
        return this.fail(k, `unmodule cannot read this ${JSON.stringify(k.type)} after an expression`);
    }
  }

  /** `[expr]` or the legacy `.0`. */
  private indexKey(k: PNode): { key: Expr; legacy?: boolean } {
    if (k.type !== 'index') return this.fail(k, `unmodule cannot read this ${JSON.stringify(k.type)} after a splat`);
    const inner = this.need(named(k)[0], k);
    if (inner.type === 'legacy_index') return { key: { t: 'number', value: Number(inner.text.slice(1)) }, legacy: true };
    return { key: this.expr(named(inner)[0], inner) };
  }

  /** A child the grammar promises; its absence is a shape unmodule does not know, refused at n. */
  private need(c: PNode | undefined | null, n: PNode): PNode {
    return c ?? this.fail(n, `unmodule cannot read this ${n.type} (unexpected syntax tree shape)`);
  }

  /** Refuses at a node's position (or the file start), naming file:line:column. */
  private fail(n: PNode | number | undefined, detail: string): never {
    const offset = typeof n === 'number' ? n : (n?.startIndex ?? 0);
    const line = this.lineOf(offset);
    throw new HclSyntaxError(this.path, line, offset - this.lineStarts[line - 1]! + 1, detail, detail.startsWith('unmodule cannot') ? 'unsupported' : 'syntax');
  }

  private forExpr(n: PNode, span: Span): Expr {
    const kids = named(n);
    const intro = this.need(kids.find((c) => c.type === 'for_intro'), n);
    const ids = named(intro).filter((c) => c.type === 'identifier').map((c) => c.text);
    if (ids.length === 0) this.fail(intro, 'a for expression needs an iterator name');
    const coll = this.expr(named(intro).find((c) => c.type === 'expression'), intro);
    const exprs = kids.filter((c) => c.type === 'expression').map((c) => this.expr(c, n));
    const condNode = kids.find((c) => c.type === 'for_cond');
    const cond = condNode ? this.expr(named(condNode)[0], condNode) : undefined;
    const keyVar = ids.length === 2 ? ids[0] : undefined;
    const valVar = ids[ids.length - 1]!;
    if (n.type === 'for_object_expr') {
      const group = kids.some((c) => c.type === 'ellipsis');
      if (exprs.length !== 2) this.fail(n, 'a for expression that builds an object needs `key => value`');
      return { t: 'for', kind: 'object', keyVar, valVar, coll, key: exprs[0], value: exprs[1]!, cond, group, span };
    }
    if (exprs.length !== 1) this.fail(n, 'a for expression needs one result expression');
    return { t: 'for', kind: 'tuple', keyVar, valVar, coll, value: exprs[0]!, cond, span };
  }

  private template(n: PNode, span: Span): Expr {
    if (n.type === 'heredoc_template') {
      const kids = n.children.filter((c): c is PNode => c !== null);
      const startTok = this.need(kids.find((c) => c.type === 'heredoc_start'), n);
      const ids = kids.filter((c) => c.type === 'heredoc_identifier');
      if (ids.length !== 2) this.fail(n, 'a heredoc needs an opening and a closing marker');
      const indent = startTok.text.includes('-');
      const bodyStart = this.text.indexOf('\n', ids[0]!.endIndex) + 1;
      const closing = ids[1]!;
      const bodyEnd = this.text.lastIndexOf('\n', closing.startIndex) + 1;
      // A flush heredoc (<<-) drops the smallest indentation of its non-blank source lines from
      // every line, before templates are evaluated: directive lines count, strip markers apply after.
      const saved = this.flush;
      this.flush = indent ? { indent: minIndent(this.text.slice(bodyStart, bodyEnd)), bodyStart } : undefined;
      const parts = this.parts(kids, bodyStart, bodyEnd, false);
      this.flush = saved;
      const heredoc = { marker: ids[0]!.text, indent };
      if (indent && parts.some((p) => p.t === 'if' || p.t === 'for')) {
        return { t: 'template', parts, heredoc, verbatim: { source: this.text.slice(span.start, span.end), offset: span.start, subs: [] }, span };
      }
      return { t: 'template', parts, heredoc, span };
    }
    const kids = n.children;
    if (kids.length < 2) this.fail(n, 'a quoted string needs its opening and closing quotes');
    return { t: 'template', parts: this.parts(kids, kids[0]!.endIndex, kids[kids.length - 1]!.startIndex, true), span };
  }

  /** Template parts between byte offsets from..to, taking literal text from the gaps between nodes. */
  private parts(kids: PNode[], from: number, to: number, quoted: boolean, stripStart = false, stripEnd = false): TemplatePart[] {
    const out: TemplatePart[] = [];
    let pos = from;
    let stripNext = stripStart;
    const pushLit = (start: number, end: number, stripRight: boolean) => {
      const raw = this.flush ? this.unindent(start, end) : quoted ? this.quotedRaw(start, end) : this.text.slice(start, end);
      let v = quoted ? decodeQuoted(raw) : decodeHeredoc(raw);
      if (stripNext) v = v.replace(/^\s+/, '');
      if (stripRight) v = v.replace(/\s+$/, '');
      stripNext = false;
      if (v !== '') {
        const last = out[out.length - 1];
        if (last?.t === 'lit') last.value += v;
        else out.push({ t: 'lit', value: v });
      }
    };
    for (const k of kids) {
      if (k.type !== 'template_interpolation' && k.type !== 'template_directive') continue;
      if (k.startIndex < from || k.endIndex > to) continue;
      if (k.type === 'template_interpolation') {
        pushLit(pos, k.startIndex, stripsLeft(k));
        // `${}` is refused by Terraform too ("Invalid expression").
        out.push({ t: 'interp', expr: this.expr(named(k).find((c) => c.type === 'expression'), k), span: this.span(k), stripLeft: stripsLeft(k), stripRight: stripsRight(k) });
        stripNext = stripsRight(k);
      } else {
        const d = this.need(named(k)[0], k);
        if (d.childCount < 2) this.fail(d, 'a template directive needs its opening and closing parts');
        pushLit(pos, k.startIndex, stripsLeft(d.children[0]!));
        out.push(this.directive(d, quoted));
        stripNext = stripsRight(d.children[d.childCount - 1]!);
      }
      pos = k.endIndex;
    }
    pushLit(pos, to, stripEnd);
    return out;
  }

  private directive(n: PNode, quoted: boolean): TemplatePart {
    const kids = n.children;
    const start = kids[0]!;
    const end = kids[kids.length - 1]!;
    if (n.type === 'template_for') {
      const ids = named(start).filter((c) => c.type === 'identifier').map((c) => c.text);
      const coll = this.expr(named(start).find((c) => c.type === 'expression'), start);
      return {
        t: 'for',
        keyVar: ids.length === 2 ? ids[0] : undefined,
        valVar: ids[ids.length - 1]!,
        coll,
        body: this.parts(kids, start.endIndex, end.startIndex, quoted, stripsRight(start), stripsLeft(end)),
      };
    }
    const elseIntro = kids.find((c) => c.type === 'template_else_intro');
    const cond = this.expr(named(start).find((c) => c.type === 'expression'), start);
    const thenEnd = elseIntro ?? end;
    const thenParts = this.parts(kids, start.endIndex, thenEnd.startIndex, quoted, stripsRight(start), stripsLeft(thenEnd));
    const elseParts = elseIntro ? this.parts(kids, elseIntro.endIndex, end.startIndex, quoted, stripsRight(elseIntro), stripsLeft(end)) : undefined;
    return { t: 'if', cond, then: thenParts, else: elseParts };
  }
}

/** `~` right after `${` or `%{`: strip whitespace before this token. */
function stripsLeft(tok: PNode): boolean {
  return tok.children[1]?.type === 'strip_marker';
}

/** `~` right before `}`: strip whitespace after this token. */
function stripsRight(tok: PNode): boolean {
  return tok.childCount > 2 && tok.children[tok.childCount - 2]?.type === 'strip_marker';
}

/** Decodes the escapes of a quoted HCL string (`\n`, `\"`, `\\`, `\uXXXX`, `$${`, `%%{`). */
export function decodeQuoted(raw: string): string {
  return raw
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, c: string) => {
      switch (c[0]) {
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case '"':
          return '"';
        case '\\':
          return '\\';
        case 'u':
        case 'U':
          return String.fromCodePoint(parseInt(c.slice(1), 16));
        default:
          return c;
      }
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

function decodeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** The smallest indentation of the non-blank lines of a heredoc body. */
function minIndent(body: string): number {
  let min = Infinity;
  for (const line of body.split('\n')) if (line.trim() !== '') min = Math.min(min, /^[ \t]*/.exec(line)![0].length);
  return isFinite(min) ? min : 0;
}
