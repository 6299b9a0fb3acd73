// Ctrl-C in the middle of a batch: the scratch copies, plan files and module downloads unmodule
// made are removed, the process ends by the signal (as terraform's callers expect), and the
// results file still holds what finished, for --resume.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { readJson } from '../batch/helpers/fleet.js';
// @ts-expect-error plain JS shared with the benchmark
import { makeFleet } from '../../scripts/bench/fleet.js';

const BIN = resolve(__dirname, '..', '..', 'bin', 'run.js');
const FLEET = Array.from({ length: 10 }, (_, i) => [`svc-${String(i + 1).padStart(2, '0')}`, i % 3 === 1 ? 'pinned' : 'local']);

describe('interrupting a batch', () => {
  const env = testCliConfig();
  let root: string;

  beforeAll(() => {
    root = makeTemp('unmodule-interrupt-');
    makeFleet(root, FLEET, env);
  });
  afterAll(() => removeTemp(root));

  it('SIGINT after the first results: no scratch directory is left, the exit is by the signal, the results file is readable', async () => {
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);
    const results = join(root, 'results.json');
    const child = spawn(process.execPath, [BIN, 'batch', 'services', '--module', 'app_config', '--jobs', '1', '--results', results], {
      cwd: root,
      env: { ...process.env, ...env, TMPDIR: tmp },
      stdio: 'ignore',
    });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
    await new Promise<void>((done, failed) => {
      const timer = setInterval(() => {
        if (existsSync(results) && readJson(results).services.length >= 2) {
          clearInterval(timer);
          // While the next services are in flight: their scratch copies exist right now.
          expect(readdirSync(tmp).some((n) => n.startsWith('unmodule-'))).toBe(true);
          child.kill('SIGINT');
          done();
        }
      }, 20);
      void ended.then(() => {
        clearInterval(timer);
        failed(new Error('the batch finished before it could be interrupted'));
      });
    });
    const { signal } = await ended;
    expect(signal).toBe('SIGINT');
    expect(readdirSync(tmp).filter((n) => n.startsWith('unmodule-'))).toEqual([]);
    const partial = readJson(results);
    expect(partial.services.length).toBeGreaterThanOrEqual(2);
    expect(partial.totals.pending).toBeGreaterThan(0);
  });
});
