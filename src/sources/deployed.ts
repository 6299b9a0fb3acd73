// What is deployed now: the commit or version `terraform init` installed for a call (modules.json
// plus the package's .git), or, for a git call never initialised, what its ref names on the remote
// today. This is the I/O edge that feeds the pure decisions in pin.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, headCommit, localCatalog, lsRemote, type RefCatalog } from './git.js';
import { classifyGitRef, commitOfRef, releaseTagAt, UnknownRefError, type GitFacts } from './pin.js';
import { manifestPath, packageDirOf, type ManifestEntry } from './resolve.js';
import { moduleIdentity, parseModuleSource, splitSubdir, type GitSource, type RegistrySource } from './source.js';
import { UserError } from '../errors.js';

/** Why the deployed version of a call cannot be determined; the message says what to run. */
export class DeployedUnknownError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'DeployedUnknownError';
  }
}

/** Shared across a run: one `git ls-remote` per remote however many services use it. */
export interface GitCache {
  remotes: Map<string, Promise<RefCatalog>>;
}

/** A fresh cache for one run. */
export function newGitCache(): GitCache {
  return { remotes: new Map() };
}

function remoteCatalog(cache: GitCache, remote: string): Promise<RefCatalog> {
  let p = cache.remotes.get(remote);
  if (!p) {
    p = lsRemote(remote).catch((err: unknown) => {
      const why = err instanceof GitError ? gitReason(err) : String(err);
      throw new DeployedUnknownError(
        `cannot reach git remote ${remote} (${why}). Check the URL and your access (network, VPN, credentials); or run terraform init where it is reachable and pin from the installed copy`,
      );
    });
    cache.remotes.set(remote, p);
  }
  return p;
}

// git's first `fatal:` line names the problem ("does not appear to be a git repository", "Could
// not resolve host"); the lines after it are generic advice.
function gitReason(err: GitError): string {
  const lines = err.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.at(-1) ?? err.message;
}

/** True when the manifest's recorded source is the configured one (Terraform may record a normalized form). */
export function sameSource(recorded: string, configured: string): boolean {
  if (recorded === configured) return true;
  try {
    const a = parseModuleSource(recorded);
    const b = parseModuleSource(configured);
    if (a.kind === 'git' && b.kind === 'git') return a.remote === b.remote && a.subdir === b.subdir && a.ref === b.ref && a.depth === b.depth;
    return a.kind === b.kind && moduleIdentity(a) === moduleIdentity(b);
  } catch {
    return false;
  }
}

function sameRepository(recorded: string, src: GitSource): boolean {
  try {
    const r = parseModuleSource(recorded);
    return r.kind === 'git' && r.remote === src.remote;
  } catch {
    return false;
  }
}

/** The `.git` of the entry's package; Terraform keeps it only in the first copy of a package it downloaded. */
function findGitDir(rootDir: string, manifest: ManifestEntry[], entry: ManifestEntry): string | undefined {
  const own = join(rootDir, packageDirOf(entry), '.git');
  if (existsSync(own)) return own;
  const pkg = splitSubdir(entry.Source).pkg;
  for (const other of manifest) {
    if (other === entry || splitSubdir(other.Source).pkg !== pkg) continue;
    const dir = join(rootDir, packageDirOf(other), '.git');
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

/** Facts about a git call in root dir, plus notes a reviewer should see. */
export async function gitFacts(
  rootDir: string,
  key: string,
  src: GitSource,
  manifest: ManifestEntry[] | undefined,
  digest: boolean,
  cache: GitCache,
): Promise<{ facts: GitFacts; notes: string[] }> {
  const notes: string[] = [];
  if (src.ref !== undefined && /^[0-9a-f]{40}$/i.test(src.ref)) return { facts: { refKind: 'commit', deployed: src.ref }, notes };

  const entry = manifest?.find((m) => m.Key === key);
  const installed = entry !== undefined && sameSource(entry.Source, src.raw);
  // The installed clone knows the repository's branch and tag names even when the ref was changed
  // since init (e.g. pinned by an earlier run): a second run needs no network.
  const gitDir = entry && sameRepository(entry.Source, src) ? findGitDir(rootDir, manifest!, entry) : undefined;
  let cat = gitDir ? await localCatalog(gitDir) : undefined;
  let refKind = cat ? classifyGitRef(src.ref, cat) : undefined;
  let remote: RefCatalog | undefined;
  if (refKind === undefined) {
    // Not initialised, or a shallow clone that never saw this ref: ask the remote.
    remote = await remoteCatalog(cache, src.remote);
    cat = remote;
    refKind = classifyGitRef(src.ref, remote);
  }
  if (refKind === undefined) throw new UnknownRefError(src.remote, src.ref!, cat!);
  if (refKind === 'commit') return { facts: { refKind, deployed: src.ref! }, notes };
  if (refKind === 'tag' && !digest) return { facts: { refKind, deployed: cat!.tags.get(src.ref!)! }, notes };

  let deployed: string;
  if (installed) {
    if (!gitDir) {
      throw new DeployedUnknownError(
        `no copy of ${splitSubdir(src.raw).pkg} under ${join(rootDir, '.terraform/modules')} has a .git directory, so the installed commit is unknown. Pin it by hand, or delete .terraform/modules and run terraform init (which installs what ${src.ref ?? 'the default branch'} names today)`,
      );
    }
    deployed = await headCommit(gitDir);
    const tagged = refKind === 'tag' ? cat!.tags.get(src.ref!) : undefined;
    if (tagged && tagged !== deployed) notes.push(`tag ${src.ref} now names ${tagged.slice(0, 12)}, but terraform init installed ${deployed.slice(0, 12)}; pinned to the installed commit`);
  } else if (refKind === 'tag') {
    // --digest on a tag whose installed copy came from another ref (e.g. pinned but not re-initialised):
    // the tag names one commit, and that is what the next init installs.
    deployed = cat!.tags.get(src.ref!)!;
  } else if (entry) {
    throw new DeployedUnknownError(
      `the source changed since terraform init (${manifestPath(rootDir)} records ${JSON.stringify(entry.Source)}), so what is deployed is unknown. Run terraform init in ${rootDir}, then pin again`,
    );
  } else {
    remote ??= await remoteCatalog(cache, src.remote);
    const head = commitOfRef(src.ref, remote);
    if (!head) throw new DeployedUnknownError(`${src.remote} has no default branch (empty repository?); push a commit or set ?ref=`);
    deployed = head;
    notes.push(`not initialised here: pinned to what ${src.ref ?? 'the default branch'} names on the remote now (what the next terraform init would install)`);
  }
  let releaseTag = releaseTagAt(cat!, deployed);
  if (releaseTag === undefined && !remote && cat !== undefined) {
    // A release tag may have been cut after init; the remote knows, but being offline is no failure.
    remote = await remoteCatalog(cache, src.remote).catch(() => undefined);
    if (remote) releaseTag = releaseTagAt(remote, deployed);
  }
  return { facts: { refKind, deployed, releaseTag }, notes };
}

/** The version terraform init installed for a registry call. */
export function registryInstalled(rootDir: string, key: string, src: RegistrySource, manifest: ManifestEntry[] | undefined): string {
  const init = `run terraform init in ${rootDir} so .terraform/modules/modules.json records the version in use, then pin again`;
  if (!manifest) throw new DeployedUnknownError(`registry module ${src.raw} has never been initialised here, so the version in use is unknown: ${init}`);
  const entry = manifest.find((m) => m.Key === key);
  if (!entry) throw new DeployedUnknownError(`module "${key}" is not in ${manifestPath(rootDir)} (added since the last init): ${init}`);
  if (!sameSource(entry.Source, src.raw)) throw new DeployedUnknownError(`the source changed since terraform init (recorded ${JSON.stringify(entry.Source)}): ${init}`);
  if (!entry.Version) throw new DeployedUnknownError(`${manifestPath(rootDir)} records no Version for module "${key}": ${init}`);
  return entry.Version;
}
