// Ctrl-C during `migrate --execute`, between two real `state mv`s of a real terraform_data state:
// the move in progress finishes, the state is put back from the backup, the backup stays, and
// the process exits 130 like an interrupted terraform.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRawState, stateList } from '../../src/terraform/index.js';
import { runCli } from '../helpers/cli.js';
import { removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { appliedFixture, backups, cloneApplied, sortResources, stateResources, tfIn } from '../migrate/helpers/service.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(HERE, '..', '..', 'bin', 'run.js');
const SLOW_TF = resolve(HERE, '..', 'migrate', 'helpers', 'slow-terraform.mjs');
const BEFORE = ['module.app_config.terraform_data.checksum[0]', 'module.app_config.terraform_data.this[0]', 'terraform_data.consumer'];

describe('interrupting migrate --execute', () => {
  const env = testCliConfig();
  let applied: string;

  beforeAll(async () => {
    applied = await appliedFixture('service-beta');
  });
  afterAll(() => removeTemp(join(applied, '..')));

  it('SIGINT after the first real move: that move finishes, the state is restored from the backup, exit 130', async () => {
    const dir = cloneApplied(applied, 'int');
    const inline = await runCli(['inline', dir, '--module', 'app_config', '--mode', 'state-mv', '--write'], env);
    expect(inline.exitCode, inline.stderr).toBe(0);
    const marker = join(dir, '..', 'moves-started.txt');
    const child = spawn(process.execPath, [BIN, 'migrate', dir, '--execute', '--terraform-bin', SLOW_TF], {
      env: { ...process.env, ...env, UNMODULE_TEST_SLOW_DIR: dir, UNMODULE_TEST_MARKER: marker },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const ended = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    // Interrupt while the first real move is held by the wrapper (only unmodule gets the signal,
    // so the move itself completes, as it would after a terminal's Ctrl-C reached terraform late).
    await new Promise<void>((done, failed) => {
      const timer = setInterval(() => {
        if (existsSync(marker)) {
          clearInterval(timer);
          child.kill('SIGINT');
          done();
        }
      }, 20);
      void ended.then(() => {
        clearInterval(timer);
        failed(new Error(`migrate ended before its first real move:\n${stderr}`));
      });
    });
    expect(await ended).toBe(130);
    expect(readFileSync(marker, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('SIGINT received; finishing the step in progress and putting the state back');
    expect(stderr).toContain('interrupted (SIGINT) after 1 of 2 moves');
    expect(stderr).toContain('The state was rolled back');
    const [backup] = backups(dir);
    expect(backup).toBeDefined();
    expect(stderr).toContain(`Backup of the state before any move: ${join(dir, backup!)}`);
    const saved = parseRawState(readFileSync(join(dir, backup!), 'utf8'));
    expect(await stateResources(dir)).toEqual(sortResources(saved.resources));
    expect((await stateList(tfIn(dir))).sort()).toEqual(BEFORE);
  });
});
