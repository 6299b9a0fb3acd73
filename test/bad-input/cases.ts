// The bad-input table: mistakes a person makes and inputs an attacker would try, one entry each.
// Every case must end with its exit code, a message that names what to fix (file, flag, address,
// directory or command), no stack trace, no raw Node error code, no terminal escape codes, and
// every file under the scene exactly as it was. Adding a case is adding an entry.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scene } from './scene.js';

/** The CLI the table runs (bad-input.test.ts): for a setup that is itself an earlier run. */
const CLI = process.env.BAD_INPUT_CLI ?? join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'run.js');

export interface BadInputCase {
  name: string;
  /** Fills the scene; returns nothing. */
  setup?: (s: Scene) => void;
  /** The command line after `unmodule`. */
  args: (s: Scene) => string[];
  /** Working directory relative to the scene root (default: the root). */
  cwd?: string;
  /** Expected exit code. */
  exit: number;
  /** What the message must name (plain strings match literally; also checked in --json output). */
  names: (s: Scene) => (string | RegExp)[];
  /** Path checks come before work: terraform must never start. */
  noTerraform?: boolean;
  /** Extra environment (e.g. a hostile terraform binary). */
  env?: (s: Scene) => Record<string, string>;
}

const beta = (s: Scene, as = 'svc') => s.fixture('service-beta', as);
const alpha = (s: Scene, as = 'svc') => s.fixture('service-alpha', as);
/** A service that is fine but for what the case breaks. */
const svc = (s: Scene) => s.p('svc');
/** The lock ID a case's held lock got (see Scene.holdStateLock). */
const lockIds = new WeakMap<Scene, string>();
const GOOD_STATE = JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'l', outputs: {}, resources: [] });
export const CASES: BadInputCase[] = [
  // ── usage: flags and arguments ─────────────────────────────────────────────────────────────
  { name: 'inline without --module', setup: beta, args: (s) => ['inline', svc(s)], exit: 1, names: () => ['--module'] },
  { name: 'inline with an unknown flag', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--bogus'], exit: 1, names: () => ['--bogus'] },
  { name: 'inline --json with an unknown flag', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--bogus', '--json'], exit: 1, names: () => ['--bogus'] },
  { name: 'inline --inventory with a value not offered', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'maybe'], exit: 1, names: () => ['--inventory', 'maybe'] },
  { name: 'inline --mode with a value not offered', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--mode', 'teleport'], exit: 1, names: () => ['--mode', 'teleport'] },
  { name: 'inline --rename without =', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--rename', 'terraform_data.this', '--inventory', 'none'], exit: 1, names: () => ['--rename', 'terraform_data.this'] },
  { name: 'inline with a second directory argument', setup: beta, args: (s) => ['inline', svc(s), 'other-dir', '-m', 'app_config'], exit: 1, names: () => ['other-dir'] },
  { name: 'inline --module given empty', setup: beta, args: (s) => ['inline', svc(s), '--module', '', '--inventory', 'none'], exit: 1, names: () => ['--module'] },
  { name: 'batch --steps with an unknown step', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--steps', 'pin,deploy'], exit: 1, names: () => ['--steps', 'deploy'], noTerraform: true },
  { name: 'batch --shard out of range', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--shard', '5/4'], exit: 1, names: () => ['--shard', '5/4'], noTerraform: true },
  { name: 'batch --mode state-mv', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--mode', 'state-mv'], exit: 1, names: () => ['--mode', 'unmodule migrate'], noTerraform: true },
  { name: 'batch --resume without --results', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--resume'], exit: 1, names: () => ['--resume', '--results'], noTerraform: true },
  { name: 'batch --jobs 0', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--jobs', '0'], exit: 1, names: () => ['--jobs'], noTerraform: true },
  { name: 'batch --json with --jobs not a number', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--jobs', 'many', '--json'], exit: 1, names: () => ['--jobs'], noTerraform: true },
  { name: 'report without --module', setup: beta, args: (s) => ['report', svc(s)], exit: 1, names: () => ['--module'], noTerraform: true },
  { name: 'report --merge without files', args: () => ['report', '--merge'], exit: 1, names: () => ['--merge'] },
  { name: 'verify --offline without --original', setup: beta, args: (s) => ['verify', svc(s), '--offline'], exit: 1, names: () => ['--original'], noTerraform: true },
  { name: 'verify --offline --json without --original', setup: beta, args: (s) => ['verify', svc(s), '--offline', '--json'], exit: 1, names: () => ['--original'], noTerraform: true },
  { name: 'verify --baseline with --offline', setup: beta, args: (s) => ['verify', svc(s), '--baseline', '--offline'], exit: 1, names: () => ['--baseline', '--offline'], noTerraform: true },
  { name: 'pin --write with --report', setup: beta, args: (s) => ['pin', svc(s), '--write', '--report'], exit: 1, names: () => ['--write', '--report'] },
  { name: 'an unknown command', args: () => ['inlin', '.'], exit: 1, names: () => ['inlin'] },
  // oclif's own argv errors (exit 2, which unmodule keeps for "the plan shows changes") are usage errors like the rest.
  { name: 'inline --module with its value left out', setup: beta, args: (s) => ['inline', svc(s), '--module'], exit: 1, names: () => ['--module needs a value'], noTerraform: true },
  { name: 'inline --inventory with its value left out', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory'], exit: 1, names: () => ['--inventory needs a value', 'auto, state, none'], noTerraform: true },
  { name: 'inline --json with --module naming no call', setup: beta, args: (s) => ['inline', svc(s), '--module', 'nope', '--json'], exit: 1, names: () => ['no module call named "nope"', '--module'] },
  { name: 'inline --json with --module given twice', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '-m', 'other', '--json'], exit: 1, names: () => ['--module was given more than once'], noTerraform: true },
  { name: 'inline with a misspelled flag names the one meant', setup: beta, args: (s) => ['inline', svc(s), '--modul', 'app_config', '--wirte'], exit: 1, names: () => ['--modul', 'did you mean --module, --write?'], noTerraform: true },
  { name: 'the wizard without a terminal', setup: beta, cwd: 'svc', args: () => ['--json'], exit: 1, names: () => ['unmodule inline', 'app_config'] },

  // ── paths and links ────────────────────────────────────────────────────────────────────────
  { name: 'inline on a directory that does not exist', args: (s) => ['inline', s.p('nope'), '-m', 'x'], exit: 1, names: () => ['nope'] },
  { name: 'inline --json on a directory that does not exist', args: (s) => ['inline', s.p('nope'), '-m', 'x', '--json'], exit: 1, names: () => ['nope'] },
  { name: 'inline on a file instead of a directory', setup: (s) => void s.write('main.tf', 'locals {}\n'), args: (s) => ['inline', s.p('main.tf'), '-m', 'x'], exit: 1, names: () => ['main.tf'] },
  { name: 'inline on a directory without .tf files', setup: (s) => void s.write('empty/README.md', 'hi\n'), args: (s) => ['inline', s.p('empty'), '-m', 'x'], exit: 1, names: () => ['empty', '.tf'] },
  { name: 'inline on a directory link that loops', setup: (s) => s.link('loop', 'loop'), args: (s) => ['inline', s.p('loop'), '-m', 'x'], exit: 1, names: () => ['loop', /link loop|loop/] },
  { name: 'inline with a module source that is a link loop', setup: (s) => { beta(s); s.edit('svc/main.tf', './modules/config-record', './modules/loop'); s.link('svc/modules/loop', 'loop'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['main.tf', 'app_config', /link loop/] },
  { name: 'inline with a module source that is a file', setup: (s) => { beta(s); s.write('svc/modules/file', 'x'); s.edit('svc/main.tf', './modules/config-record', './modules/file'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['main.tf', 'app_config', 'modules/file'] },
  { name: 'inline with a module source that does not exist', setup: (s) => { beta(s); s.edit('svc/main.tf', './modules/config-record', './modules/gone'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['main.tf', 'app_config', 'modules/gone'] },
  { name: 'a .tf file that is a dangling link', setup: (s) => { beta(s); s.link('svc/extra.tf', 'gone.tf'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['extra.tf'] },
  { name: 'a .tf file that is a named pipe (reading it would wait forever)', setup: (s) => { beta(s); execFileSync('mkfifo', [s.p('svc/evil.tf')]); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: (s) => [s.p('svc/evil.tf'), 'not a regular file'], noTerraform: true },
  { name: 'report --json on a fleet where one .tf is a link to /dev/zero', setup: (s) => { beta(s); s.link('svc/zero.tf', '/dev/zero'); }, args: (s) => ['report', svc(s), '-m', 'app_config', '--json'], exit: 3, names: () => ['zero.tf: is not a regular file'], noTerraform: true },
  { name: 'inline --var-file that does not exist', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--var-file', s.p('nope.tfvars'), '--inventory', 'none'], exit: 1, names: (s) => ['--var-file', s.p('nope.tfvars'), 'does not exist'], noTerraform: true },
  { name: 'a .tf link to a directory (Terraform cannot read it either)', setup: (s) => { beta(s); s.mkdir('elsewhere'); s.link('svc/dir.tf', '../elsewhere'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['dir.tf', 'is a directory'] },
  { name: 'verify --original that does not exist', setup: beta, args: (s) => ['verify', svc(s), '--offline', '--original', s.p('nope')], exit: 1, names: () => ['--original', 'nope'], noTerraform: true },
  { name: 'verify --baseline --original that is a file', setup: (s) => { beta(s); s.write('orig.tf', 'locals {}\n'); }, args: (s) => ['verify', svc(s), '--baseline', '--original', s.p('orig.tf')], exit: 1, names: () => ['--original', 'orig.tf'], noTerraform: true },
  { name: 'verify --preplanned file that does not exist', setup: beta, args: (s) => ['verify', svc(s), '--preplanned', s.p('plan.json')], exit: 1, names: () => ['plan.json'], noTerraform: true },
  { name: 'verify --preplanned file that is not JSON', setup: (s) => { beta(s); s.write('plan.json', 'not json'); }, args: (s) => ['verify', svc(s), '--preplanned', s.p('plan.json')], exit: 1, names: () => ['plan.json'], noTerraform: true },
  { name: 'report --template that does not exist', setup: beta, args: (s) => ['report', svc(s), '-m', 'app_config', '--template', s.p('nope.md')], exit: 1, names: () => ['--template', 'nope.md'], noTerraform: true },
  { name: 'report --output into a missing directory', setup: beta, args: (s) => ['report', svc(s), '-m', 'app_config', '-o', s.p('no/such/dir/r.md')], exit: 1, names: () => ['--output', 'no/such/dir'], noTerraform: true },
  { name: 'report --output that is a directory', setup: (s) => { beta(s); s.mkdir('out'); }, args: (s) => ['report', svc(s), '-m', 'app_config', '-o', s.p('out')], exit: 1, names: () => ['--output', 'out'], noTerraform: true },
  { name: 'report --merge of a file that does not exist', args: (s) => ['report', '--merge', s.p('r.json')], exit: 1, names: () => ['r.json'] },
  { name: 'report --merge of a file that is not JSON', setup: (s) => void s.write('r.json', '{nope'), args: (s) => ['report', '--merge', s.p('r.json')], exit: 1, names: () => ['r.json'] },
  { name: 'report --merge --json of another JSON file', setup: (s) => void s.write('r.json', '{"a": 1}'), args: (s) => ['report', '--merge', s.p('r.json'), '--json'], exit: 1, names: () => ['r.json'] },
  { name: 'batch on a directory that does not exist', args: (s) => ['batch', s.p('nope1'), '-m', 'x'], exit: 1, names: () => ['nope1'], noTerraform: true },
  { name: 'batch --json on a directory that does not exist', args: (s) => ['batch', s.p('nope1'), '-m', 'x', '--json'], exit: 1, names: () => ['nope1'], noTerraform: true },
  { name: 'batch --from-file that does not exist', args: (s) => ['batch', '--from-file', s.p('list.txt'), '-m', 'x'], exit: 1, names: () => ['--from-file', 'list.txt'], noTerraform: true },
  { name: 'batch --from-file naming only missing directories, each reported', setup: (s) => void s.write('list.txt', '# fleet\nmissing-a\n\nmissing-b\n'), args: (s) => ['batch', '--from-file', s.p('list.txt'), '-m', 'x'], exit: 1, names: () => ['list.txt:2', 'missing-a', 'list.txt:4', 'missing-b'], noTerraform: true },
  { name: 'batch with a glob that matches nothing', args: () => ['batch', 'services/*', '-m', 'x'], exit: 1, names: () => ['services/*'], noTerraform: true },
  { name: 'batch --results into a missing directory', setup: beta, args: (s) => ['batch', svc(s), '-m', 'app_config', '--results', s.p('no/dir/r.json')], exit: 1, names: () => ['--results', 'no/dir'], noTerraform: true },
  { name: 'batch --resume with a results file that is not one', setup: (s) => { beta(s); s.write('r.json', '[]'); }, args: (s) => ['batch', svc(s), '-m', 'app_config', '--results', s.p('r.json'), '--resume'], exit: 1, names: () => ['r.json'], noTerraform: true },
  { name: 'batch --plugin-cache that is a file', setup: (s) => { beta(s); s.write('cache', 'x'); }, args: (s) => ['batch', svc(s), '-m', 'app_config', '--plugin-cache', s.p('cache')], exit: 1, names: () => ['--plugin-cache', 'cache'], noTerraform: true },
  { name: 'migrate --moves file that does not exist', setup: beta, args: (s) => ['migrate', svc(s), '--moves', s.p('moves.json')], exit: 1, names: () => ['moves.json'], noTerraform: true },
  { name: 'migrate --moves file that is not JSON', setup: (s) => { beta(s); s.write('moves.json', 'nope'); }, args: (s) => ['migrate', svc(s), '--moves', s.p('moves.json')], exit: 1, names: () => ['moves.json'], noTerraform: true },
  { name: 'migrate --backup-dir that does not exist', setup: (s) => { beta(s); s.write('svc/state-mv.json', '{"call":"app_config","moves":[{"from":"module.app_config.terraform_data.this[0]","to":"terraform_data.app_config"}]}'); }, args: (s) => ['migrate', svc(s), '--execute', '--backup-dir', s.p('no/backups')], exit: 1, names: () => ['--backup-dir', 'no/backups'], noTerraform: true },
  { name: 'pin on a directory that does not exist', args: (s) => ['pin', s.p('nope')], exit: 1, names: (s) => [`${s.p('nope')}: does not exist`] },
  { name: 'pin on a good directory, a missing one and a file: each bad path named for what it is', setup: (s) => { beta(s); s.write('notes.txt', 'x\n'); }, args: (s) => ['pin', svc(s), s.p('gone dir'), s.p('notes.txt')], exit: 1, names: (s) => [`${s.p('gone dir')}: does not exist`, `${s.p('notes.txt')}: is a file, not a directory`], noTerraform: true },
  { name: 'pin --json on a path with $(...) and a newline that does not exist', args: (s) => ['pin', s.p('$(touch pwned)\nx'), '--json'], exit: 1, names: () => ['does not exist', '$(touch pwned)'], noTerraform: true },
  { name: 'inventory on a directory without .tf files', setup: (s) => void s.mkdir('empty'), args: (s) => ['inventory', s.p('empty')], exit: 1, names: () => ['empty'], noTerraform: true },

  // ── HCL and configuration ──────────────────────────────────────────────────────────────────
  { name: 'an HCL syntax error', setup: (s) => { beta(s); s.write('svc/broken.tf', 'resource "terraform_data" "x" {\n  input = = 1\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['broken.tf:2'] },
  { name: 'an unclosed block', setup: (s) => { beta(s); s.write('svc/broken.tf', 'locals {\n  a = 1\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/broken\.tf:\d+/] },
  { name: 'a .tf file that is not UTF-8', setup: (s) => { beta(s); s.write('svc/latin1.tf', Buffer.from('locals {\n  a = "caf\xe9"\n}\n', 'latin1')); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['latin1.tf', /UTF-8/] },
  { name: 'a module call without source', setup: (s) => { beta(s); s.edit('svc/main.tf', '  source = "./modules/config-record"\n', ''); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/main\.tf:\d+/, 'source'] },
  { name: 'a module call declared twice', setup: (s) => { beta(s); s.write('svc/dup.tf', 'module "app_config" {\n  source = "./modules/config-record"\n  name = "x"\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/dup\.tf:1|main\.tf:\d+/, 'app_config'] },
  { name: 'a module call with count and for_each', setup: (s) => { beta(s); s.edit('svc/main.tf', '  name     = "beta"\n', '  name     = "beta"\n  count    = 1\n  for_each = {}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/main\.tf:\d+/, 'count', 'for_each'] },
  { name: 'an unclosed list in a resource body', setup: (s) => { beta(s); s.write('svc/broken.tf', 'resource "terraform_data" "x" {\n  input = [1,\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/broken\.tf:\d+/] },
  { name: 'an object element without a value in the module', setup: (s) => { beta(s); s.write('svc/modules/config-record/broken.tf', 'locals {\n  m = {\n    k =\n  }\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/modules\/config-record\/broken\.tf:\d+/] },
  { name: 'an unclosed block in the module', setup: (s) => { beta(s); s.write('svc/modules/config-record/broken.tf', 'locals {\n  a = {\n    b = 1\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/modules\/config-record\/broken\.tf:\d+/] },
  { name: 'a heredoc without its closing marker in the root', setup: (s) => { beta(s); s.write('svc/doc.tf', 'locals {\n  doc = <<EOT\nhello\nEOTX\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/doc\.tf:\d+/] },
  { name: 'a heredoc without its closing marker in the module', setup: (s) => { beta(s); s.write('svc/modules/config-record/doc.tf', 'locals {\n  doc = <<-EOT\n  hello\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none', '--json'], exit: 1, names: () => [/config-record\/doc\.tf:\d+/] },
  { name: 'a module name that does not exist', setup: beta, args: (s) => ['inline', svc(s), '-m', 'nope', '--inventory', 'none'], exit: 1, names: () => ['nope', 'app_config'] },
  { name: 'a module name that differs only in case', setup: beta, args: (s) => ['inline', svc(s), '-m', 'App_Config', '--inventory', 'none'], exit: 1, names: () => ['"App_Config"', 'did you mean "app_config"?', 'case-sensitive'] },
  { name: 'inline --write run a second time', setup: (s) => { beta(s); execFileSync(process.execPath, [CLI, 'inline', svc(s), '-m', 'app_config', '--inventory', 'none', '--write'], { stdio: 'pipe' }); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none', '--write'], exit: 1, names: () => ['inlined already', 'moved.tf:1', 'module.app_config.terraform_data.this[0]', 'unmodule verify'] },
  { name: 'a module call renamed by a moved block', setup: (s) => { beta(s); s.edit('svc/main.tf', 'module "app_config"', 'module "cfg"'); s.edit('svc/main.tf', /module\.app_config\./g, 'module.cfg.'); s.write('svc/moved.tf', 'moved {\n  from = module.app_config\n  to   = module.cfg\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['moved.tf:1 renames it to module.cfg', 'did you mean "cfg"?'] },
  { name: 'a remote module that was never installed', setup: (s) => { beta(s); s.edit('svc/main.tf', './modules/config-record', 'git::https://example.invalid/modules.git//config-record?ref=v1'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['app_config', 'terraform init'] },
  { name: 'a corrupt .terraform/modules/modules.json', setup: (s) => { beta(s); s.edit('svc/main.tf', './modules/config-record', 'git::https://example.invalid/modules.git//config-record?ref=v1'); s.write('svc/.terraform/modules/modules.json', '{oops'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['modules.json', 'terraform init'] },
  { name: 'a required module input left out', setup: (s) => { beta(s); s.edit('svc/main.tf', '  name     = "beta"\n', ''); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => [/main\.tf:\d+/, '"name"'] },
  { name: 'a new name that collides suggests --name', setup: (s) => { beta(s); s.write('svc/extra.tf', 'resource "terraform_data" "app_config_this" {\n  input = 1\n}\n'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['extra.tf:1', '--name'] },
  // Big files are parsed one top-level item at a time; one item the parser cannot hold is refused at its line.
  { name: 'one top-level block too big for the parser', setup: (s) => { beta(s); s.write('svc/huge.tf', `variable "v" {}\n\nlocals {\n${'  x_0000000 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'.repeat(300_000)}}\n`); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['huge.tf:3', /1\d\.\d MB/, 'locals'] },
  // More configuration than this process's heap can hold: refused before reading, with how to give it more.
  { name: 'a root bigger than the heap allows', setup: (s) => { beta(s); let i = 0; s.write('svc/big.tf', 'resource "terraform_data" "r" {\n  input = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n}\n'.repeat(40_000).replace(/"r"/g, () => `"r${i++}"`)); }, env: () => ({ NODE_OPTIONS: '--max-old-space-size=48' }), args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: (s) => [svc(s), /\d+ MB of \.tf files/, '--max-old-space-size='] },

  // ── hostile names and values ───────────────────────────────────────────────────────────────
  { name: '--module with a command substitution', setup: beta, args: (s) => ['inline', svc(s), '-m', '$(touch pwned)', '--inventory', 'none'], exit: 1, names: () => ['$(touch pwned)', 'app_config'] },
  { name: '--module with a newline and quotes', setup: beta, args: (s) => ['inline', svc(s), '-m', 'a"b\nc\'d', '--inventory', 'none'], exit: 1, names: () => ['app_config'] },
  { name: '--name that is not an identifier', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--name', '$(x) y', '--inventory', 'none'], exit: 1, names: () => ['--name', '$(x) y'] },
  { name: '--rename to a name with a quote', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--rename', 'terraform_data.this=a"b', '--inventory', 'none'], exit: 1, names: () => ['--rename', 'a\\"b'] },
  { name: 'a directory name with $(...) and a syntax error', setup: (s) => { beta(s, 'svc $(touch pwned)'); s.write('svc $(touch pwned)/broken.tf', 'locals {\n  a = = 1\n}\n'); }, args: (s) => ['inline', s.p('svc $(touch pwned)'), '-m', 'app_config', '--inventory', 'none'], exit: 1, names: () => ['svc $(touch pwned)/broken.tf:2'] },
  { name: 'a unicode directory and a module name that is not there', setup: (s) => void beta(s, 'sërvice ünï'), args: (s) => ['inline', s.p('sërvice ünï'), '-m', 'módülo', '--inventory', 'none'], exit: 1, names: () => ['módülo', 'app_config'] },
  { name: 'a directory name with a newline', setup: (s) => void s.mkdir('bad\nname'), args: (s) => ['inline', s.p('bad\nname'), '-m', 'x'], exit: 1, names: () => [/bad(\\n|\n)name/] },
  { name: 'batch --from-file with a $(...) entry', setup: (s) => void s.write('list.txt', '$(touch pwned)\n'), args: (s) => ['batch', '--from-file', s.p('list.txt'), '-m', 'x'], exit: 1, names: () => ['list.txt:1', '$(touch pwned)'], noTerraform: true },
  { name: 'migrate with a moves file naming a hostile address', setup: (s) => { beta(s); s.write('moves.json', '{"call":"x","moves":[{"from":"$(touch pwned)","to":"terraform_data.x"}]}'); s.init('svc'); s.write('svc/terraform.tfstate', GOOD_STATE); }, args: (s) => ['migrate', svc(s), '--moves', s.p('moves.json')], exit: 1, names: () => ['$(touch pwned)'] },

  // ── states ─────────────────────────────────────────────────────────────────────────────────
  { name: 'inline --inventory state with a state that is not JSON', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', '{garbage'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--inventory', 'state'], exit: 1, names: () => ['terraform.tfstate', 'state list'] },
  { name: 'inline (inventory auto) with a truncated state', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', GOOD_STATE.slice(0, 40)); }, args: (s) => ['inline', svc(s), '-m', 'app_config'], exit: 1, names: () => ['terraform.tfstate', 'backup'] },
  { name: 'inline with a state whose addresses do not match the module', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'l', outputs: {}, resources: [{ module: 'module.app_config', mode: 'managed', type: 'terraform_data', name: 'legacy', provider: 'provider["terraform.io/builtin/terraform"]', instances: [{ index_key: 0, schema_version: 0, attributes: { id: 'x', input: null, output: null, triggers_replace: null } }] }] })); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--write'], exit: 1, names: () => ['module.app_config.terraform_data.legacy[0]', 'Nothing was written'] },
  { name: 'inventory with a state that is not JSON', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', '{garbage'); }, args: (s) => ['inventory', svc(s)], exit: 1, names: () => ['terraform.tfstate'] },
  { name: 'inventory --json with a state that is not JSON', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', '{garbage'); }, args: (s) => ['inventory', svc(s), '--json'], exit: 1, names: () => ['terraform.tfstate'] },
  { name: 'migrate with a state that is not JSON', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', '{garbage'); s.write('svc/state-mv.json', '{"call":"app_config","moves":[{"from":"module.app_config.terraform_data.this[0]","to":"terraform_data.app_config"}]}'); }, args: (s) => ['migrate', svc(s)], exit: 1, names: () => ['terraform.tfstate'] },
  { name: 'verify with a state from an unknown format version', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', '{"version": 99}'); }, args: (s) => ['verify', svc(s)], exit: 1, names: () => ['terraform.tfstate'] },
  { name: 'verify while a colleague\'s terraform apply holds the state lock: force-unlock with the bare lock ID', setup: (s) => { beta(s); s.init('svc'); lockIds.set(s, s.holdStateLock('svc')); }, args: (s) => ['verify', svc(s)], exit: 1, names: (s) => [`${s.p('svc/terraform.tfstate')} is locked by another terraform run`, new RegExp(`force-unlock '?${lockIds.get(s)}'?$`, 'm')] },
  { name: 'verify --json while another terraform apply holds the state lock', setup: (s) => { beta(s); s.init('svc'); lockIds.set(s, s.holdStateLock('svc')); }, args: (s) => ['verify', svc(s), '--json'], exit: 1, names: (s) => ['is locked by another terraform run', `force-unlock ${lockIds.get(s)}\n`] },
  { name: 'migrate with a move whose source is not in state', setup: (s) => { beta(s); s.init('svc'); s.write('svc/terraform.tfstate', GOOD_STATE); s.write('svc/state-mv.json', '{"call":"app_config","moves":[{"from":"module.app_config.terraform_data.this[0]","to":"terraform_data.app_config"}]}'); }, args: (s) => ['migrate', svc(s)], exit: 1, names: () => ['module.app_config.terraform_data.this[0]'] },

  // ── terraform failures ─────────────────────────────────────────────────────────────────────
  { name: '--terraform-bin that does not exist', setup: (s) => { beta(s); s.init('svc'); }, args: (s) => ['verify', svc(s), '--terraform-bin', s.p('no-terraform')], exit: 1, names: () => ['no-terraform', '--terraform-bin'] },
  // An explicit --terraform-bin that cannot run is refused before any work: inline went on without it (no inventory, no validate) and wrote.
  { name: 'inline --write --terraform-bin that does not exist', setup: (s) => { beta(s); s.init('svc'); }, args: (s) => ['inline', svc(s), '-m', 'app_config', '--write', '--terraform-bin', s.p('no-terraform')], exit: 1, names: (s) => ['--terraform-bin', s.p('no-terraform'), 'not found'], noTerraform: true },
  { name: 'inline --terraform-bin naming a program not on PATH', setup: beta, args: (s) => ['inline', svc(s), '-m', 'app_config', '--terraform-bin', 'tofu-not-installed'], exit: 1, names: () => ['--terraform-bin', 'tofu-not-installed', 'not found on PATH'], noTerraform: true },
  { name: 'inventory --json --terraform-bin that is a directory', setup: (s) => { beta(s); s.init('svc'); s.mkdir('bin'); }, args: (s) => ['inventory', svc(s), '--json', '--terraform-bin', s.p('bin')], exit: 1, names: () => ['--terraform-bin', 'is a directory'], noTerraform: true },
  { name: 'batch --json --terraform-bin that is not executable', setup: (s) => { beta(s); s.write('tf', 'not a program'); }, args: (s) => ['batch', svc(s), '-m', 'app_config', '--json', '--terraform-bin', s.p('tf')], exit: 1, names: (s) => ['--terraform-bin', s.p('tf'), 'chmod +x'], noTerraform: true },
  { name: '--terraform-bin that is not executable', setup: (s) => { beta(s); s.init('svc'); s.write('tf', 'not a program'); }, args: (s) => ['verify', svc(s), '--terraform-bin', s.p('tf')], exit: 1, names: (s) => ['--terraform-bin', s.p('tf')] },
  { name: 'a terraform that fails with colours and frames', setup: (s) => { beta(s); s.init('svc'); }, env: (s) => ({ UNMODULE_TERRAFORM_BIN: s.script('tf-colour', `printf '\\033[31m╷\\n│ \\033[1mError: \\033[0mBackend initialization required\\n│\\n│ Run terraform init.\\n╵\\n' >&2; exit 1`) }), args: (s) => ['verify', svc(s)], exit: 1, names: () => ['Backend initialization required', 'plan'] },
  { name: 'verify on a copy of the example never initialised says so (not terraform\'s plan error)', setup: (s) => void alpha(s), args: (s) => ['verify', svc(s)], exit: 1, names: (s) => [`${svc(s)} is not initialised: it has no .terraform directory`, 'terraform init', '--offline --original'] },
  { name: 'verify --json on a service whose lock file names a provider not installed', setup: (s) => { s.write('svc/main.tf', 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_sqs_queue" "q" {}\n'); s.mkdir('svc/.terraform'); s.write('svc/.terraform.lock.hcl', 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.100.0"\n}\n'); }, args: (s) => ['verify', svc(s), '--json'], exit: 1, names: () => ['provider registry.terraform.io/hashicorp/aws 5.100.0 from .terraform.lock.hcl is not installed', 'terraform init'] },
  { name: 'inventory on a copy of the example never initialised says so before terraform runs', setup: (s) => void alpha(s), args: (s) => ['inventory', svc(s)], exit: 1, names: (s) => [`${svc(s)} is not initialised`, 'terraform init'], noTerraform: true },
  { name: 'verify on a service never initialised', setup: (s) => { beta(s); s.edit('svc/main.tf', './modules/config-record', 'git::https://example.invalid/m.git//config-record?ref=v1'); }, args: (s) => ['verify', svc(s)], exit: 1, names: () => ['terraform init'] },
  { name: 'verify of a configuration terraform rejects names file:line', setup: (s) => { beta(s); s.init('svc'); s.write('svc/bad.tf', 'resource "terraform_data" "x" {\n  input = terraform_data.missing.id\n}\n'); }, args: (s) => ['verify', svc(s)], exit: 1, names: () => [/bad\.tf:2|bad\.tf line 2/, 'terraform_data.missing'] },
  { name: 'verify --json of a configuration terraform rejects', setup: (s) => { beta(s); s.init('svc'); s.write('svc/bad.tf', 'resource "terraform_data" "x" {\n  input = terraform_data.missing.id\n}\n'); }, args: (s) => ['verify', svc(s), '--json'], exit: 1, names: () => [/bad\.tf/, 'terraform_data.missing'] },
  { name: 'inventory --from-plan of a configuration terraform rejects', setup: (s) => { beta(s); s.init('svc'); s.write('svc/bad.tf', 'resource "terraform_data" "x" {\n  input = var.nope\n}\n'); }, args: (s) => ['inventory', svc(s), '--from-plan'], exit: 1, names: () => [/bad\.tf/, 'var.nope'] },
];
