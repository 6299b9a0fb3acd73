// `unmodule --version` and `unmodule [COMMAND] --help` are answered without loading oclif
// (src/cli/fast-path.ts), and the answer is byte for byte what oclif prints. Speed is the bench's
// business (npm run bench speed); this checks the output and that oclif stayed unloaded.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO, 'bin', 'run.js');
// Reports at exit whether @oclif/core was loaded: from node_modules (CommonJS: require.cache), or
// bundled into dist/chunks (scripts/bundle.js), where its settings module sets globalThis.oclif.
const WATCH = `data:text/javascript,${encodeURIComponent(
  `import { createRequire } from 'node:module'; const r = createRequire(${JSON.stringify(BIN)}); process.on('exit', () => process.stderr.write('oclif' in globalThis || Object.keys(r.cache).some((k) => k.includes('@oclif')) ? 'OCLIF LOADED' : 'oclif not loaded'));`,
)}`;
// A pipe with none of the variables that change oclif's colour or width.
const PLAIN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OCLIF_|FORCE_COLOR|NO_COLOR|COLORTERM|TF_BUILD|CI$|TEAMCI|PM2_HOME|NEXT_RUNTIME)/.test(k)));

function node(args: string[], env: NodeJS.ProcessEnv = PLAIN_ENV): Promise<{ stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    execFile(process.execPath, args, { cwd: REPO, env }, (err, stdout, stderr) => (err ? rej(new Error(`${args.join(' ')}: ${err.message}\n${stderr}`)) : res({ stdout, stderr })));
  });
}

const commands = Object.keys((JSON.parse(readFileSync(join(REPO, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, unknown> }).commands);

describe('start-up without oclif', () => {
  it('--version prints what oclif prints, without loading oclif', async () => {
    const fast = await node(['--import', WATCH, BIN, '--version']);
    expect(fast.stderr).toBe('oclif not loaded');
    const oclif = await node(['--input-type=module', '-e', `import { execute } from '@oclif/core'; await execute({ dir: ${JSON.stringify(BIN)}, args: ['--version'] });`]);
    expect(fast.stdout).toBe(oclif.stdout);
    expect(fast.stdout).toMatch(/^unmodule\/\d+\.\d+\.\d+ \S+-\S+ node-v\d/);
  });

  it.each(['', ...commands])('%s --help prints what oclif prints, without loading oclif', async (id) => {
    const argv = id ? [id, '--help'] : ['--help'];
    const fast = await node(['--import', WATCH, BIN, ...argv]);
    expect(fast.stderr).toBe('oclif not loaded');
    // OCLIF_COLUMNS makes the fast path step aside: oclif renders it, at the same 80 columns.
    const oclif = await node(['--import', WATCH, BIN, ...argv], { ...PLAIN_ENV, OCLIF_COLUMNS: '80' });
    expect(oclif.stderr).toBe('OCLIF LOADED');
    expect(fast.stdout).toBe(oclif.stdout);
    expect(fast.stdout).toContain('USAGE\n  $ unmodule');
  });

  it('runs the oclif bundled into dist/, not the ~160 files of node_modules/@oclif/core', async () => {
    const bundled = `data:text/javascript,${encodeURIComponent(
      `import { createRequire } from 'node:module'; const r = createRequire(${JSON.stringify(BIN)}); process.on('exit', () => process.stderr.write(JSON.stringify({ oclif: 'oclif' in globalThis, files: Object.keys(r.cache).filter((k) => k.includes('@oclif')) })));`,
    )}`;
    const r = await node(['--import', bundled, BIN, 'inline', '--help'], { ...PLAIN_ENV, OCLIF_COLUMNS: '80' });
    expect(JSON.parse(r.stderr)).toEqual({ oclif: true, files: [] });
    expect(r.stdout).toContain('USAGE\n  $ unmodule inline');
  });

  it('leaves colour to oclif: with FORCE_COLOR the help is oclif\'s, in colour', async () => {
    const r = await node(['--import', WATCH, BIN, 'inline', '--help'], { ...PLAIN_ENV, FORCE_COLOR: '1' });
    expect(r.stderr).toBe('OCLIF LOADED');
    expect(r.stdout).toContain('\u001b[1mUSAGE\u001b[22m');
  });
});
