// Classifying a module `source` string the way Terraform does (addrs.ParseModuleSource plus
// go-getter's detectors): local path first, then registry address, then everything else as a
// remote package. Pure: strings in, data out. Rewriting a git ref is string surgery on the
// original text so that everything the author wrote besides the ref stays byte for byte.
import { UserError } from '../errors.js';

/** `./x`, `../x`: part of the calling repository, never pinned. */
export interface LocalSource {
  kind: 'local';
  raw: string;
  path: string;
}

/** A git package (`git::…`, `git@host:…`, `github.com/org/repo`), optionally `//subdir` and `?ref=`. */
export interface GitSource {
  kind: 'git';
  raw: string;
  /** What `git clone` / `git ls-remote` accept: `https://…`, `ssh://…`, `file://…`, `git@host:path`. */
  remote: string;
  subdir?: string;
  ref?: string;
  depth?: number;
}

/** A module registry address `[host/]namespace/name/provider[//subdir]`; the version is a separate argument. */
export interface RegistrySource {
  kind: 'registry';
  raw: string;
  host: string;
  namespace: string;
  name: string;
  provider: string;
  subdir?: string;
}

/** http(s)/s3/gcs archives, hg, absolute paths: reported, never pinned (they carry no ref unmodule can resolve). */
export interface ArchiveSource {
  kind: 'archive';
  raw: string;
  getter: 'http' | 's3' | 'gcs' | 'hg' | 'file';
}

/** One classified module source. */
export type ModuleSource = LocalSource | GitSource | RegistrySource | ArchiveSource;

/** A source string Terraform itself would reject; the message says why and what a valid one looks like. */
export class SourceSyntaxError extends UserError {
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`source ${JSON.stringify(source)} is not a module source Terraform can install: ${detail}`);
    this.name = 'SourceSyntaxError';
  }
}

const DEFAULT_REGISTRY = 'registry.terraform.io';
const LOCAL_PREFIXES = ['./', '../', '.\\', '..\\'];
const REGISTRY_PART = /^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$/;
const REGISTRY_PROVIDER = /^[0-9a-z]{1,64}$/;
// Hosts go-getter owns: Terraform refuses them as registry hosts, so `github.com/a/b/c` is git.
const NOT_REGISTRY_HOSTS = new Set(['github.com', 'bitbucket.org']);
const FORCED = /^([A-Za-z0-9]+)::(.*)$/s;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:[^/]/;

/** Classifies a module source; throws SourceSyntaxError for text Terraform cannot install. */
export function parseModuleSource(raw: string): ModuleSource {
  if (raw.trim() === '') throw new SourceSyntaxError(raw, 'it is empty; write e.g. "git::https://example.com/modules.git//s3?ref=v1.2.0" or "./modules/s3"');
  if (raw !== raw.trim()) throw new SourceSyntaxError(raw, 'it has leading or trailing whitespace; remove it');
  if (raw === '.' || raw === '..' || LOCAL_PREFIXES.some((p) => raw.startsWith(p))) return { kind: 'local', raw, path: raw };

  const forced = FORCED.exec(raw);
  if (forced) {
    const getter = forced[1]!.toLowerCase();
    const rest = forced[2]!;
    if (getter === 'git') return parseGit(raw, rest, true);
    if (getter === 'hg' || getter === 's3' || getter === 'gcs') return { kind: 'archive', raw, getter };
    if (getter === 'http' || getter === 'https') return { kind: 'archive', raw, getter: 'http' };
    if (getter === 'file') return { kind: 'archive', raw, getter: 'file' };
    throw new SourceSyntaxError(raw, `unknown installer "${forced[1]}::"; Terraform knows git::, hg::, s3::, gcs::, http:: and https::`);
  }

  const registry = parseRegistry(raw);
  if (registry) return registry;

  if (/^github\.com\//i.test(raw)) return parseGitHub(raw);
  if (SCP_LIKE.test(raw)) return parseGit(raw, raw, false);
  if (/^https?:\/\//i.test(raw)) return { kind: 'archive', raw, getter: 'http' };
  if (/^[a-z0-9-]+\.s3[a-z0-9.-]*\.amazonaws\.com\//i.test(raw) || /^s3[a-z0-9.-]*\.amazonaws\.com\//i.test(raw)) return { kind: 'archive', raw, getter: 's3' };
  if (/^www\.googleapis\.com\/storage\//i.test(raw)) return { kind: 'archive', raw, getter: 'gcs' };
  if (raw.startsWith('/')) return { kind: 'archive', raw, getter: 'file' };
  throw new SourceSyntaxError(
    raw,
    'Terraform cannot detect a supported source type for it. A local path must start with ./ or ../, a registry address is namespace/name/provider, a git URL needs git:: (e.g. git::https://host/org/repo.git?ref=v1.0.0)',
  );
}

/** parseModuleSource, or undefined for a source it cannot read. */
export function tryParseModuleSource(raw: string): ModuleSource | undefined {
  try {
    return parseModuleSource(raw);
  } catch {
    return undefined;
  }
}

/** Splits `pkg//subdir?query` the way go-getter does: the `//` after the URL scheme's own `//`. */
export function splitSubdir(raw: string): { pkg: string; subdir?: string } {
  const body = FORCED.exec(raw)?.[2] ?? raw;
  const prefix = raw.slice(0, raw.length - body.length);
  const scheme = body.indexOf('://');
  const from = scheme === -1 ? 0 : scheme + 3;
  const at = body.indexOf('//', from);
  if (at === -1) return { pkg: raw };
  const after = body.slice(at + 2);
  const q = after.indexOf('?');
  const subdir = q === -1 ? after : after.slice(0, q);
  const query = q === -1 ? '' : after.slice(q);
  return { pkg: prefix + body.slice(0, at) + query, subdir: subdir === '' ? undefined : subdir };
}

function parseGit(raw: string, rest: string, forced: boolean): GitSource {
  const { pkg, subdir } = splitSubdir(rest);
  const q = pkg.indexOf('?');
  const remote = q === -1 ? pkg : pkg.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : pkg.slice(q + 1));
  if (remote === '') throw new SourceSyntaxError(raw, 'git:: needs a repository URL after it, e.g. git::https://host/org/repo.git');
  if (forced && !/^[a-z][a-z0-9+.-]*:\/\/./i.test(remote) && !SCP_LIKE.test(remote)) {
    throw new SourceSyntaxError(raw, `"${remote}" is not a git URL; use git::https://…, git::ssh://…, git::file:///… or git@host:org/repo.git`);
  }
  const ref = params.get('ref') || undefined;
  const depthText = params.get('depth');
  let depth: number | undefined;
  if (depthText !== null) {
    depth = Number(depthText);
    if (!Number.isInteger(depth) || depth < 1) throw new SourceSyntaxError(raw, `?depth=${depthText} must be a positive whole number`);
  }
  return { kind: 'git', raw, remote, subdir, ref, depth };
}

function parseGitHub(raw: string): GitSource {
  const { pkg, subdir } = splitSubdir(raw);
  const q = pkg.indexOf('?');
  const path = (q === -1 ? pkg : pkg.slice(0, q)).split('/');
  if (path.length < 3 || !path[1] || !path[2]) throw new SourceSyntaxError(raw, 'GitHub sources are github.com/owner/repo (optionally //subdir and ?ref=)');
  const repo = path[2].endsWith('.git') ? path[2] : `${path[2]}.git`;
  const remote = `https://github.com/${path[1]}/${repo}`;
  const params = new URLSearchParams(q === -1 ? '' : pkg.slice(q + 1));
  const depthText = params.get('depth');
  return { kind: 'git', raw, remote, subdir: subdir ?? (path.length > 3 ? path.slice(3).join('/') : undefined), ref: params.get('ref') || undefined, depth: depthText ? Number(depthText) : undefined };
}

function parseRegistry(raw: string): RegistrySource | undefined {
  if (raw.includes('?') || raw.includes('::')) return undefined;
  const { pkg, subdir } = splitSubdir(raw);
  const parts = pkg.split('/');
  let host = DEFAULT_REGISTRY;
  if (parts.length === 4) {
    const h = parts.shift()!.toLowerCase();
    if (NOT_REGISTRY_HOSTS.has(h) || !(h.includes('.') || /^localhost(:\d+)?$/.test(h))) return undefined;
    host = h;
  }
  if (parts.length !== 3) return undefined;
  const [namespace, name, provider] = parts as [string, string, string];
  if (!REGISTRY_PART.test(namespace) || !REGISTRY_PART.test(name) || !REGISTRY_PROVIDER.test(provider)) return undefined;
  return { kind: 'registry', raw, host, namespace, name, provider, subdir };
}

/** The source with its `ref` query parameter set (added when absent), `depth` dropped on request. */
export function withGitRef(raw: string, ref: string, opts: { dropDepth?: boolean } = {}): string {
  const value = encodeURIComponent(ref).replace(/%2F/gi, '/');
  const q = raw.indexOf('?');
  if (q === -1) return `${raw}?ref=${value}`;
  // A subdir may follow the query (`…?ref=x//sub`); keep it where the author put it.
  const subAt = raw.indexOf('//', q);
  const end = subAt === -1 ? raw.length : subAt;
  let found = false;
  const params = raw
    .slice(q + 1, end)
    .split('&')
    .filter((p) => !(opts.dropDepth && p.startsWith('depth=')))
    .map((p) => {
      if (!p.startsWith('ref=')) return p;
      found = true;
      return `ref=${value}`;
    });
  if (!found) params.push(`ref=${value}`);
  return `${raw.slice(0, q)}?${params.filter((p) => p !== '').join('&')}${raw.slice(end)}`;
}

/** What identifies "the same module" across services: the source without its ref, depth and other query. */
export function moduleIdentity(src: ModuleSource): string {
  switch (src.kind) {
    case 'git':
      return `${src.remote}${src.subdir ? `//${src.subdir}` : ''}`;
    case 'registry':
      return `${src.host === DEFAULT_REGISTRY ? '' : `${src.host}/`}${src.namespace}/${src.name}/${src.provider}${src.subdir ? `//${src.subdir}` : ''}`;
    default:
      return src.raw;
  }
}

/** How a registry `version` argument constrains the version: one exact version, or a range. */
export type VersionConstraintKind = 'exact' | 'range';

/** Classifies a `version` constraint (`1.2.3`, `= 1.2.3` exact; `~> 1.2`, `>= 1, < 2` range). Throws on nonsense. */
export function classifyVersionConstraint(text: string): VersionConstraintKind {
  const parts = text.split(',');
  for (const p of parts) {
    if (!/^\s*(=|!=|>=|<=|>|<|~>)?\s*v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/.test(p)) {
      throw new Error(`version ${JSON.stringify(text)} is not a version constraint; write an exact version such as "1.4.2" or a range such as "~> 1.4"`);
    }
  }
  if (parts.length > 1) return 'range';
  const op = /^\s*(=|!=|>=|<=|>|<|~>)?/.exec(parts[0]!)![1];
  return op === undefined || op === '=' ? 'exact' : 'range';
}

/** True for refs that name a commit by hash (Terraform checks these out directly). */
export function isCommitHash(ref: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(ref);
}
