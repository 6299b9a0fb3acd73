// The scratch copy a `verify --offline` run plans in: the service dir (and every local module it
// reaches) copied under a temp root, a local backend, and mock-credential aws providers.
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseToJson } from '../hcl/reference.js';
import { isInside } from '../paths.js';

/** A prepared copy of one configuration. */
export interface OfflineWorkspace {
  /** The copy of the service dir: run terraform here. */
  dir: string;
  /** Absolute path of the local backend's state file (not yet written). */
  statePath: string;
  /** Directories (in the copy) that got an override file. */
  overridden: string[];
}

/** What one directory of .tf files says that matters offline. */
interface DirFacts {
  localModuleDirs: string[];
  awsProviders: { alias?: string; hasRegion: boolean; nestedBlocks: string[] }[];
  usesAws: boolean;
}

// Nested blocks of the aws provider that make it talk to STS before it plans anything.
const CREDENTIAL_BLOCKS = ['assume_role', 'assume_role_with_web_identity'];

/**
 * Copies `sourceDir` to `<tempRoot>/...` keeping its position relative to every local module it
 * references (`../modules/x` must resolve in the copy), then writes the override files.
 */
export async function prepareOfflineWorkspace(sourceDir: string, tempRoot: string, region: string, stsEndpoint?: string): Promise<OfflineWorkspace> {
  const source = resolve(sourceDir);
  const facts = await discover(source);
  // Copying the smallest common ancestor would drag in every sibling service of a monorepo; copy
  // only the dirs we need, each at its relative position under that ancestor.
  const dirs = [...facts.keys()];
  const ancestor = commonAncestor(dirs);
  const roots = dirs.filter((d) => !dirs.some((o) => o !== d && isInside(d, o))).sort();
  await Promise.all(roots.map((d) => copyTree(d, join(tempRoot, relative(ancestor, d)))));

  const dir = join(tempRoot, relative(ancestor, source));
  const targets = [...facts].map(([orig, f]) => ({ copy: join(tempRoot, relative(ancestor, orig)), facts: f, isRoot: orig === source }));
  // Installed remote modules: copied so init does not need the network.
  const installed = join(source, '.terraform', 'modules');
  if (await exists(installed)) {
    await cp(installed, join(dir, '.terraform', 'modules'), { recursive: true, verbatimSymlinks: true });
    for (const d of await tfDirsUnder(join(dir, '.terraform', 'modules'))) targets.push({ copy: d, facts: await dirFacts(d), isRoot: false });
  }

  const statePath = join(tempRoot, 'unmodule-synthetic.tfstate');
  const usesAws = targets.some((t) => t.facts.usesAws);
  const overridden: string[] = [];
  for (const { copy, facts: f, isRoot } of targets) {
    const blocks = [...f.awsProviders];
    // An override file may add a *default* provider block that the base config lacks (Terraform
    // treats an absent default config as an empty one); an aliased one needs a base block.
    if (isRoot && usesAws && !blocks.some((b) => b.alias === undefined)) blocks.push({ hasRegion: false, nestedBlocks: [] });
    if (!isRoot && blocks.length === 0) continue;
    await writeFile(join(copy, 'unmodule_override.tf'), overrideText(isRoot ? statePath : undefined, blocks, region, stsEndpoint));
    overridden.push(copy);
  }
  return { dir, statePath, overridden };
}

/**
 * The override file: a local backend (a `backend` block in an override file replaces the base
 * config's backend of any type, and a `cloud` block too — checked with Terraform 1.11) and mock
 * credentials for each aws provider configuration; with stsEndpoint, STS calls (the
 * `aws_caller_identity` data source) go to the offline loopback fake (sts-loopback.ts).
 */
export function overrideText(statePath: string | undefined, providers: DirFacts['awsProviders'], region: string, stsEndpoint?: string): string {
  const parts: string[] = ['# Written by unmodule verify --offline in a temporary copy. Never committed.'];
  if (statePath) parts.push(`terraform {\n  backend "local" {\n    path = ${JSON.stringify(statePath)}\n  }\n}`);
  for (const p of providers) {
    const lines = ['provider "aws" {'];
    if (p.alias !== undefined) lines.push(`  alias                       = ${JSON.stringify(p.alias)}`);
    lines.push(
      '  access_key                  = "mock"',
      '  secret_key                  = "mock"',
      '  token                       = null',
      '  profile                     = null',
      '  skip_credentials_validation = true',
      '  skip_requesting_account_id  = true',
      '  skip_metadata_api_check     = true',
    );
    if (!p.hasRegion) lines.push(`  region                      = ${JSON.stringify(region)}`);
    // Override blocks replace every base block of the same type: an empty one disarms it.
    for (const b of p.nestedBlocks.filter((n) => CREDENTIAL_BLOCKS.includes(n))) lines.push(`  ${b} {}`);
    // This also replaces any `endpoints` block of the base config (e.g. a LocalStack setup): offline
    // nothing but our loopback STS is reachable anyway.
    if (stsEndpoint) lines.push('  endpoints {', `    sts = ${JSON.stringify(stsEndpoint)}`, '  }');
    lines.push('}');
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n') + '\n';
}

/** Facts for `root` and every local module dir reachable from it, keyed by absolute dir. */
async function discover(root: string): Promise<Map<string, DirFacts>> {
  const seen = new Map<string, DirFacts>();
  const queue = [root];
  while (queue.length) {
    const d = queue.shift()!;
    if (seen.has(d)) continue;
    const f = await dirFacts(d);
    seen.set(d, f);
    queue.push(...f.localModuleDirs);
  }
  return seen;
}

async function dirFacts(dir: string): Promise<DirFacts> {
  const facts: DirFacts = { localModuleDirs: [], awsProviders: [], usesAws: false };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort();
  } catch (err) {
    throw new Error(`local module directory ${dir} cannot be read: ${(err as Error).message}`);
  }
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    let json: Record<string, unknown>;
    try {
      json = (name.endsWith('.json') ? JSON.parse(text) : await parseToJson(join(dir, name), text)) as Record<string, unknown>;
    } catch {
      // terraform init will reject the file with a proper file:line diagnostic; let it.
      continue;
    }
    for (const call of blocksOf(json.module)) {
      const src = call.body.source;
      if (typeof src === 'string' && /^\.\.?[\\/]/.test(src)) facts.localModuleDirs.push(resolve(dir, src));
    }
    for (const p of blocksOf(json.provider).filter((b) => b.label === 'aws')) {
      const alias = typeof p.body.alias === 'string' ? p.body.alias : undefined;
      facts.awsProviders.push({ ...(alias !== undefined ? { alias } : {}), hasRegion: 'region' in p.body, nestedBlocks: Object.keys(p.body) });
    }
    const types = [...Object.keys(asObject(json.resource)), ...Object.keys(asObject(json.data))];
    if (types.some((t) => t.startsWith('aws_')) || facts.awsProviders.length) facts.usesAws = true;
  }
  return facts;
}

// hcl2json gives `{label: [body, ...]}`; the JSON syntax also allows `{label: body}`.
function blocksOf(v: unknown): { label: string; body: Record<string, unknown> }[] {
  const out: { label: string; body: Record<string, unknown> }[] = [];
  for (const [label, bodies] of Object.entries(asObject(v))) {
    for (const body of Array.isArray(bodies) ? bodies : [bodies]) out.push({ label, body: asObject(body) });
  }
  return out;
}

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

// State files and .terraform dirs belong to the user's working dir, not to the copy.
function copyable(path: string): boolean {
  const name = basename(path);
  if (name === '.terraform' || name === '.git' || name === 'terraform.tfstate.d') return false;
  return !/\.tfstate(\..*)?$/.test(name) && !name.endsWith('.tflock') && name !== '.terraform.tfstate.lock.info';
}

// Links are copied as what they point to: the override files are written into the copy, and a
// link kept as a link (a module directory linked in, a batch's scratch copy) would take that
// write into the user's own files.
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await cp(from, to, { recursive: true, dereference: true, filter: copyable });
}

async function tfDirsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.tf')) out.push(e.parentPath ?? (e as unknown as { path: string }).path);
  }
  return [...new Set(out)].filter((d) => !d.split(sep).includes('.git'));
}

/** The deepest directory containing all of `dirs`. */
export function commonAncestor(dirs: string[]): string {
  let anc = dirs[0]!;
  for (const d of dirs.slice(1)) while (!isInside(d, anc) && d !== anc) anc = dirname(anc);
  return anc;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
