#!/usr/bin/env node
// The README's first command: the escape plan on the bundled example, in a temp copy.
// inventory → inline (dry run, then --write) → moved blocks → verify --offline.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'unmodule-demo-'));
const before = join(work, 'service-alpha.before');
const dir = join(work, 'service-alpha');
cpSync(join(repo, 'fixtures', 'service-alpha'), before, { recursive: true });
cpSync(before, dir, { recursive: true });

// Offline: use the provider mirror when one is known, so no registry access is needed.
const env = { ...process.env };
const mirror = process.env.UNMODULE_PROVIDER_MIRROR ?? ['/opt/tf-plugins'].find((d) => existsSync(join(d, 'registry.terraform.io')));
if (mirror && !process.env.TF_CLI_CONFIG_FILE_KEEP) {
  const rc = join(work, 'terraform.tfrc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`);
  env.TF_CLI_CONFIG_FILE = rc;
}

const unmodule = (args) => {
  console.log(`\n$ unmodule ${args.join(' ')}`);
  try {
    execFileSync(process.execPath, [join(repo, 'bin', 'run.js'), ...args], { stdio: 'inherit', env });
    return 0;
  } catch (err) {
    return err.status ?? 1;
  }
};

console.log(`Working on a copy of fixtures/service-alpha in ${dir}`);
console.log('\n== Step 2: inventory — which instances the module call manages (no state or credentials here: an offline plan)');
unmodule(['inventory', dir, '--offline']);
console.log('\n== Step 3: adopt — preview the plain resources (dry run)');
unmodule(['inline', dir, '--module', 'service_alpha_bucket', '--inventory', 'none']);
console.log('\n== Step 3: adopt — write them, with moved blocks');
unmodule(['inline', dir, '--module', 'service_alpha_bucket', '--inventory', 'none', '--write']);
console.log('\n== Step 4: verify — terraform plan must show no change but the moves (offline, real aws provider)');
const code = unmodule(['verify', dir, '--offline', '--original', before]);
console.log(code === 0 ? '\nVerdict: zero change. Delete the module block for good and ship the PR.' : `\nVerdict: NOT zero change (exit ${code}).`);
if (!process.env.UNMODULE_DEMO_KEEP) rmSync(work, { recursive: true, force: true });
process.exit(code);
