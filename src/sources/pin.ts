// The pin core, pure: facts about what is deployed in → the pinned source/version and the text
// edits that write it. Nothing here reads files or runs git; deployed.ts gathers the facts and
// service.ts applies the edits.
import type { Attribute } from '../hcl/cst.js';
import type { TextEdit } from '../hcl/edit.js';
import type { RefCatalog } from './git.js';
import { isCommitHash, withGitRef, type GitSource } from './source.js';
import { UserError } from '../errors.js';

/** What a git ref names, in the remote's own terms. */
export type GitRefKind = 'tag' | 'branch' | 'commit' | 'default-branch';

/** A ref that names nothing in the repository; the message lists what does exist. */
export class UnknownRefError extends UserError {
  constructor(remote: string, ref: string, cat: RefCatalog) {
    const list = (m: Map<string, string>) => [...m.keys()].sort().slice(0, 8).join(', ') || 'none';
    super(`ref "${ref}" is neither a branch, a tag nor a commit of ${remote} (branches: ${list(cat.branches)}; tags: ${list(cat.tags)}). Fix ?ref= in the source; terraform init fails on it too`);
    this.name = 'UnknownRefError';
  }
}

/** Classifies a ref against the repository's refs. A name that is both a branch and a tag counts as a branch (it can move). */
export function classifyGitRef(ref: string | undefined, cat: RefCatalog): GitRefKind | undefined {
  if (ref === undefined) return 'default-branch';
  if (cat.branches.has(ref)) return 'branch';
  if (cat.tags.has(ref)) return 'tag';
  if (isCommitHash(ref)) return 'commit';
  return undefined;
}

/** The commit a ref names in a catalog (undefined for commit refs and unknown names). */
export function commitOfRef(ref: string | undefined, cat: RefCatalog): string | undefined {
  if (ref === undefined) return cat.head;
  return cat.branches.get(ref) ?? cat.tags.get(ref);
}

const RELEASE_TAG = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The release tag (semver-like: v1.4.2, 1.4) pointing at commit; the highest, final releases first. */
export function releaseTagAt(cat: RefCatalog, commit: string): string | undefined {
  const tags = [...cat.tags].filter(([name, sha]) => sha === commit && RELEASE_TAG.test(name)).map(([name]) => name);
  return tags.sort(compareReleaseTags).at(-1);
}

function compareReleaseTags(a: string, b: string): number {
  const pa = RELEASE_TAG.exec(a)!;
  const pb = RELEASE_TAG.exec(b)!;
  // Any final release beats any pre-release (v1.5.0-rc1 at the same commit as v1.4.3 is not the release).
  if (!pa[4] !== !pb[4]) return pa[4] ? -1 : 1;
  for (const i of [1, 2, 3]) {
    const d = Number(pa[i] ?? 0) - Number(pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Facts about one git call that the decision needs. */
export interface GitFacts {
  refKind: GitRefKind;
  /** The commit in use: checked out by terraform init, or what the ref names now when never initialised. */
  deployed: string;
  /** A release tag pointing at `deployed`, if any. */
  releaseTag?: string;
}

/** The change a pin makes to one module call. */
export interface PinChange {
  source?: string;
  version?: string;
  /** Trailing comment after the source, e.g. the tag a commit hash stands for. */
  comment?: string;
  notes: string[];
}

/** Decides a git call's pin: tags stay (unless digest), branches and missing refs go to the deployed commit or its release tag. */
export function decideGitPin(src: GitSource, facts: GitFacts, digest: boolean): PinChange | undefined {
  if (facts.refKind === 'commit') return undefined;
  if (facts.refKind === 'tag' && !digest) return undefined;
  const toTag = facts.refKind !== 'tag' && !digest && facts.releaseTag !== undefined;
  const ref = toTag ? facts.releaseTag! : facts.deployed;
  const notes: string[] = [];
  // git cannot shallow-clone a commit hash (`--depth` needs `--branch`), so init would fail.
  const dropDepth = !toTag && src.depth !== undefined;
  if (dropDepth) notes.push(`dropped ?depth=${src.depth}: git cannot shallow-clone a commit hash, so terraform init would fail with it`);
  const comment = toTag ? undefined : facts.refKind === 'tag' ? src.ref : (facts.releaseTag ?? src.ref ?? 'default branch');
  return { source: withGitRef(src.raw, ref, { dropDepth }), comment, notes };
}

/** Decides a registry call's pin: a range or a missing version becomes the version init installed. */
export function decideRegistryPin(installed: string): PinChange {
  return { version: installed, notes: [] };
}

/** Quotes a string as an HCL string literal (escapes, and `${`/`%{` doubled so they stay literal). */
export function quoteHcl(s: string): string {
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$$$${')
    .replace(/%\{/g, '%%{');
  return `"${body}"`;
}

/** Edits for one call, or a reason they cannot be made without touching more than the source/version text. */
export type PinEditsResult = { edits: TextEdit[]; notes: string[] } | { error: string };

/** The byte edits that write a PinChange into the file text holding the call's attributes. */
export function pinEdits(text: string, sourceAttr: Attribute, versionAttr: Attribute | undefined, change: PinChange): PinEditsResult {
  const edits: TextEdit[] = [];
  const notes: string[] = [];
  const lineEnd = (at: number) => (text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at));
  const afterSource = text.slice(sourceAttr.exprSpan.end, lineEnd(sourceAttr.exprSpan.end));
  if (change.source !== undefined) {
    edits.push({ start: sourceAttr.exprSpan.start, end: sourceAttr.exprSpan.end, text: quoteHcl(change.source) });
    if (change.comment !== undefined) {
      // Only on an otherwise empty rest of line: `{ source = "…" }` on one line would lose its brace.
      if (afterSource.trim() === '') edits.push({ start: sourceAttr.exprSpan.end, end: sourceAttr.exprSpan.end, text: ` # ${change.comment}` });
      else notes.push(`kept the existing text after the source instead of adding "# ${change.comment}"`);
    }
  }
  if (change.version !== undefined) {
    if (versionAttr) {
      edits.push({ start: versionAttr.exprSpan.start, end: versionAttr.exprSpan.end, text: quoteHcl(change.version) });
    } else {
      if (/\}/.test(afterSource.replace(/#.*$|\/\/.*$/, ''))) {
        return { error: 'the module block is on one line, so a version line cannot be added without reformatting it; split the block over several lines' };
      }
      const lineStart = text.lastIndexOf('\n', sourceAttr.span.start - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      const at = lineEnd(sourceAttr.exprSpan.end);
      edits.push({ start: at, end: at, text: `\n${indent}version = ${quoteHcl(change.version)}` });
    }
  }
  return { edits, notes };
}
