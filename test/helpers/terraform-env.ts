// The environment the terraform-running tests need: the offline provider mirror, a CLI config
// that installs from it, and fixture copies in temp dirs. Missing terraform or a missing mirror
// makes tests FAIL with a plain message; nothing here skips.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Where .ci/run would find it on these machines; kept short on purpose (a full `find /` belongs in CI).
const MIRROR_CANDIDATES = ['/opt/tf-plugins', '/usr/share/terraform/plugins', join(process.env.HOME ?? '/root', '.terraform.d', 'plugins')];

/** The filesystem provider mirror (a dir containing registry.terraform.io/...). Throws if absent. */
export function mirrorDir(): string {
  const fromEnv = process.env.UNMODULE_PROVIDER_MIRROR;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'registry.terraform.io'))) {
      throw new Error(`UNMODULE_PROVIDER_MIRROR=${fromEnv} has no registry.terraform.io/ inside; point it at the mirror root`);
    }
    return fromEnv;
  }
  const found = MIRROR_CANDIDATES.find((d) => existsSync(join(d, 'registry.terraform.io', 'hashicorp', 'aws')));
  if (!found) {
    throw new Error(
      'no offline provider mirror with hashicorp/aws found (looked in $UNMODULE_PROVIDER_MIRROR, ' +
        `${MIRROR_CANDIDATES.join(', ')}); run the tests through .ci/run or set UNMODULE_PROVIDER_MIRROR`,
    );
  }
  return found;
}

/**
 * Writes a terraform CLI config into dir that installs hashicorp/* only from the mirror; returns
 * its path. Deliberately no plugin_cache_dir: from an unpacked filesystem mirror terraform links
 * .terraform/providers straight to the mirror (~1 s, nothing copied), while with a cache and no
 * lock file every init re-installs into the shared cache, and parallel inits (test files run in
 * parallel) then fail with "still not detected in .terraform/providers" (Terraform 1.11).
 */
export function writeTestCliConfig(dir: string): string {
  const mirror = mirrorDir();
  const file = join(dir, 'terraform.tfrc');
  writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`,
  );
  return file;
}

let cliEnv: Record<string, string> | undefined;

/** Env for the runner: a fresh CLI config (written once per test process) and no phoning home. */
export function testCliConfig(): Record<string, string> {
  if (!cliEnv) {
    const dir = mkdtempSync(join(tmpdir(), 'unmodule-tfrc-'));
    cliEnv = { TF_CLI_CONFIG_FILE: writeTestCliConfig(dir), CHECKPOINT_DISABLE: '1' };
  }
  return cliEnv;
}

/** A fresh temp dir; remove it with removeTemp. */
export function makeTemp(prefix = 'unmodule-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a temp dir made by makeTemp or copyFixture (no error if gone). */
export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Copies fixtures/<name> into a fresh temp dir and returns the copy's path. */
export function copyFixture(name: string): string {
  const src = join(REPO, 'fixtures', name);
  if (!existsSync(src)) throw new Error(`no fixture ${name} (looked for ${src})`);
  const dest = join(makeTemp(`unmodule-fixture-${name.replace(/[^\w-]/g, '_')}-`), name);
  cpSync(src, dest, { recursive: true, filter: (p) => !p.split(/[\\/]/).includes('.terraform') });
  return dest;
}
