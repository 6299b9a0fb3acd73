// The real-world corpus as data: test/realworld/cases/<case>/case.json plus the case's root
// (.tf files calling modules by local path). Shared by the fetch script and the harness.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ name: string, repo: string, tag: string, commit: string, subdir: string }} ModuleSpec
 *   A module installed under modules/<name> of the case: the whole repository at commit; the
 *   root calls ./modules/<name>/<subdir>.
 * @typedef {{ repo: string, tag: string, commit: string, sources: string[] }} NestedSpec
 *   A registry/git module that an installed module calls; `sources` are the exact source strings
 *   (without any //subdir or ?ref=) rewritten to a relative path to the fetched copy.
 * @typedef {{ id: string, dir: string, modules: ModuleSpec[], nested: NestedSpec[],
 *   providers: string[], offline: boolean, offlineWhy?: string, example?: string, description?: string }} RealworldCase
 */

const COMMIT = /^[0-9a-f]{40}$/;

/** Reads one case.json; accepts a single module at the top level or a `modules` array. */
export function readCase(casesDir, id) {
  const dir = join(casesDir, id);
  const raw = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const modules = raw.modules ?? [{ name: raw.name, repo: raw.repo, tag: raw.tag, commit: raw.commit, subdir: raw.subdir ?? '' }];
  const problems = [];
  for (const m of modules) {
    if (!m.name || !/^[\w.-]+$/.test(m.name)) problems.push(`module name ${JSON.stringify(m.name)} (installed as modules/<name>)`);
    if (!/^[\w.-]+\/[\w.-]+$/.test(m.repo ?? '')) problems.push(`repo ${JSON.stringify(m.repo)} (owner/name)`);
    if (!COMMIT.test(m.commit ?? '')) problems.push(`commit ${JSON.stringify(m.commit)} (40 hex digits)`);
    if (!m.tag) problems.push(`tag of ${m.repo}`);
    m.subdir = (m.subdir ?? '').replace(/^\/+|\/+$/g, '');
  }
  const nested = raw.nested ?? [];
  for (const n of nested) {
    if (!COMMIT.test(n.commit ?? '') || !Array.isArray(n.sources) || n.sources.length === 0) problems.push(`nested ${JSON.stringify(n.repo)} needs commit and sources`);
  }
  if (!Array.isArray(raw.providers) || raw.providers.length === 0) problems.push('providers (e.g. ["aws"])');
  if (problems.length) throw new Error(`${join(dir, 'case.json')}: bad or missing ${problems.join(', ')}`);
  const awsOnly = raw.providers.every((p) => p === 'aws');
  return {
    id,
    dir,
    modules,
    nested,
    providers: raw.providers,
    // Offline equivalence needs every provider in the mirror (hashicorp/aws only) and no data
    // source that must reach the cloud; a case can opt out and say why.
    offline: awsOnly && raw.offline !== false,
    offlineWhy: awsOnly ? raw.offlineWhy : `providers ${raw.providers.join(', ')}: only hashicorp/aws is in the offline mirror`,
    example: raw.example,
    description: raw.description,
  };
}

/** Every case folder with a case.json, sorted; `only` filters by id. */
export function loadCases(casesDir, only = []) {
  const ids = readdirSync(casesDir)
    .filter((d) => existsSync(join(casesDir, d, 'case.json')))
    .filter((d) => only.length === 0 || only.includes(d))
    .sort();
  return ids.map((id) => readCase(casesDir, id));
}

/** The bare git directory of a fetched repository, or undefined when it has not been fetched. */
export function mirrorGitDir(repo, mirrorRoot = process.env.UNMODULE_GIT_MIRRORS ?? '/work/.mirror') {
  const base = join(mirrorRoot, repo.replace('/', '+'), 'repo');
  if (existsSync(join(base, '.git', 'HEAD'))) return join(base, '.git');
  if (existsSync(join(base, 'HEAD'))) return base;
  return undefined;
}
