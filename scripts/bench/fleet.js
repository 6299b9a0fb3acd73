// A generated fleet of service directories for the batch tests and the benchmark: terraform_data
// services calling a shared "config-record" module through a local path, a pinned git tag or a
// floating branch, services without the module, a broken one, one with a planted sensitive value,
// and aws ones (offline only). Terraform runs here through plain argv (test/bench tooling, not
// unmodule code).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A value planted in a sensitive input: it must never appear in a report. */
export const PLANTED_SECRET = 'PLANTED-s3cr3t-do-not-print';

const MODULE = {
  'main.tf': `locals {
  labels = merge({ managed_by = "terraform", service = var.name }, var.labels)
}

resource "terraform_data" "this" {
  count = var.enabled ? 1 : 0

  input = {
    name     = "\${var.name}-config"
    replicas = var.replicas
    labels   = local.labels
  }
}

resource "terraform_data" "checksum" {
  count = var.enabled ? 1 : 0

  input = sha256(jsonencode(terraform_data.this[0].output))
}
`,
  'variables.tf': `variable "name" {
  type = string
}

variable "replicas" {
  type    = number
  default = 1
}

variable "enabled" {
  type    = bool
  default = true
}

variable "labels" {
  type    = map(string)
  default = {}
}
`,
  'outputs.tf': `output "record_id" {
  value = try(terraform_data.this[0].id, null)
}
`,
};

const SECRET_MODULE = {
  ...MODULE,
  'main.tf': MODULE['main.tf'] + `
resource "terraform_data" "credential" {
  input = var.api_token
}
`,
  'variables.tf': MODULE['variables.tf'] + `
variable "api_token" {
  type      = string
  sensitive = true
}
`,
};

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'fleet', GIT_AUTHOR_EMAIL: 'fleet@example.com', GIT_COMMITTER_NAME: 'fleet', GIT_COMMITTER_EMAIL: 'fleet@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

/** The module repository (git, reachable offline as git::file://), tagged v1.0.0 on main. */
export function makeModuleRepo(dir) {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, Object.fromEntries(Object.entries(MODULE).map(([n, t]) => [`config-record/${n}`, t])));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'config-record module');
  git(dir, 'tag', 'v1.0.0');
  return dir;
}

function callBlock(source, name, extra = '') {
  return `module "app_config" {
  source = "${source}"

  name     = "${name}"
  replicas = 2
  labels = {
    team = "${name}-team"
  }${extra}
}

resource "terraform_data" "consumer" {
  input = "consumes \${module.app_config.record_id}"
}
`;
}

/** Writes one service of the given kind; returns whether it can be applied for real. */
export function makeService(dir, kind, repo) {
  const name = dir.split('/').pop();
  const url = `git::file://${repo}//config-record`;
  switch (kind) {
    case 'local':
      write(dir, { 'main.tf': callBlock('./modules/config-record', name), ...prefix('modules/config-record', MODULE) });
      return true;
    case 'pinned':
      write(dir, { 'main.tf': callBlock(`${url}?ref=v1.0.0`, name) });
      return true;
    case 'floating':
      write(dir, { 'main.tf': callBlock(`${url}?ref=main`, name) });
      return true;
    case 'plain':
      write(dir, { 'main.tf': `resource "terraform_data" "settings" {\n  input = { service = "${name}" }\n}\n` });
      return true;
    case 'sensitive':
      write(dir, {
        'main.tf': callBlock('./modules/config-record', name, `\n  api_token = "${PLANTED_SECRET}"`),
        ...prefix('modules/config-record', SECRET_MODULE),
      });
      return true;
    case 'broken':
      write(dir, { 'main.tf': `module "app_config" {\n  source = "./modules/config-record"\n  name = "${name}"\n` });
      return false;
    case 'aws':
      cpSync(join(REPO, 'fixtures', 'service-alpha'), dir, { recursive: true });
      return false;
    default:
      throw new Error(`unknown service kind ${kind}`);
  }
}

function prefix(p, files) {
  return Object.fromEntries(Object.entries(files).map(([n, t]) => [`${p}/${n}`, t]));
}

/** terraform init + apply in dir (real state for terraform_data services). */
export function applyService(dir, env) {
  const run = (...args) => execFileSync('terraform', args, { cwd: dir, env: { ...process.env, ...env, TF_IN_AUTOMATION: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  run('init', '-input=false', '-no-color');
  run('apply', '-input=false', '-no-color', '-auto-approve');
}

/** The mixed fleet of the tests: 14 services under root/services, module repo under root/repo. */
export const TEST_FLEET = [
  ['svc-01-local', 'local'],
  ['svc-02-local', 'local'],
  ['svc-03-local', 'local'],
  ['svc-04-pinned', 'pinned'],
  ['svc-05-pinned', 'pinned'],
  ['svc-06-floating', 'floating'],
  ['svc-07-floating', 'floating'],
  ['svc-08-plain', 'plain'],
  ['svc-09-plain', 'plain'],
  ['svc-10-sensitive', 'sensitive'],
  ['svc-11-broken', 'broken'],
  ['svc-12-local', 'local'],
  ['svc-13-aws', 'aws'],
  ['svc-14-aws', 'aws'],
];

/** Creates root/repo and root/services/<name> for each [name, kind]; applies what can be applied. */
export function makeFleet(root, services = TEST_FLEET, env = {}) {
  const repo = makeModuleRepo(join(root, 'repo'));
  const dirs = [];
  for (const [name, kind] of services) {
    const dir = join(root, 'services', name);
    if (makeService(dir, kind, repo)) applyService(dir, env);
    dirs.push(dir);
  }
  return { repo, servicesDir: join(root, 'services'), dirs };
}
