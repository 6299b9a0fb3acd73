// The wizard's conversation with scripted answers, over the real engine on a copy of
// service-beta; only terraform (inventory, plan) is replaced, so these run without it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderChanges } from '../../src/inline/files.js';
import type { ServiceResult } from '../../src/sources/service.js';
import type { PlanVerdict } from '../../src/verify/verdict.js';
import { defaultCore, runWizard, type WizardCore } from '../../src/wizard/index.js';
import { lineSpinner } from '../../src/wizard/spinner.js';
import { snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp } from '../helpers/terraform-env.js';
import { ABORT, DEFAULT, scripted, type Answer } from './scripted.js';

// What `terraform state list` prints after applying service-beta.
const STATE = ['module.app_config.terraform_data.checksum[0]', 'module.app_config.terraform_data.this[0]', 'terraform_data.consumer'];

function verdict(zeroChange: boolean): PlanVerdict {
  return {
    zeroChange,
    unchanged: 3,
    moves: [],
    movesChecked: true,
    changes: zeroChange ? [] : [{ address: 'terraform_data.consumer', action: 'update', attributes: [{ path: 'input', before: 'a', after: 'b' }] } as never],
    outputChanges: [],
    unexpectedMoves: [],
    missingMoves: [],
    problems: [],
  };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => removeTemp(join(d, '..'))));

function beta(): string {
  const d = copyFixture('service-beta');
  dirs.push(d);
  return d;
}

/** The real core minus terraform: inventory from STATE, a canned verdict, no fmt. */
function testCore(events: string[], over: Partial<WizardCore> = {}): WizardCore {
  const real = defaultCore();
  return {
    ...real,
    readInventory: async () => ({ source: 'state', addresses: STATE }),
    renderChanges: (r) => renderChanges(r),
    writeChanges: async (dir, changes) => {
      events.push('write');
      return real.writeChanges(dir, changes);
    },
    init: async () => {
      events.push('init');
    },
    verify: async () => {
      events.push('verify');
      return verdict(true);
    },
    initProblem: async () => undefined,
    prove: async () => {
      events.push('prove');
      return verdict(true);
    },
    ...over,
  };
}

async function run(dir: string, script: Answer[], over: Partial<WizardCore> = {}) {
  const events: string[] = [];
  const lines: string[] = [];
  const out = (t: string) => lines.push(t);
  const { prompts, transcript } = scripted(script);
  const result = await runWizard({ prompts, core: testCore(events, over), out, spin: lineSpinner(out) }, { cwd: dir });
  return { result, transcript, events, text: lines.join('\n') };
}

// Enter at every question, then "yes" to writing: the happy path through every step.
const ALL_DEFAULTS: Answer[] = [
  [/^Service directory/, DEFAULT],
  [/Which module call/, DEFAULT],
  [/^New name for terraform_data\.this /, DEFAULT],
  [/^New name for terraform_data\.checksum /, DEFAULT],
  [/How should Terraform learn the new addresses/, DEFAULT],
  [/^Write 3 file change\(s\) in \.\?/, true],
];

describe('the wizard, scripted', () => {
  it('walks directory → call → freeze → inventory → adopt → mode → preview → write → verify, and prints the equivalent commands', async () => {
    const dir = beta();
    const { result, transcript, events, text } = await run(dir, ALL_DEFAULTS);

    expect(result).toMatchObject({ outcome: 'verified', exitCode: 0, call: 'app_config', written: ['main.tf', 'app_config.tf', 'moved.tf'] });
    // Proven on a scratch copy before the question; that plan was of these very files.
    expect(events).toEqual(['prove', 'write']);
    expect(text.indexOf('Zero change')).toBeLessThan(text.indexOf('Wrote main.tf'));
    expect(transcript.choices['Which module call do you want to inline?']!.map((c) => c.name)).toEqual(['app_config  ./modules/config-record  [local path]  2 instances']);
    expect(text).toContain('module "app_config"  ./modules/config-record  [local path]  local (nothing to pin)');
    expect(text).toContain('Inventory (terraform state list): module.app_config manages 2 instances');
    expect(text).toContain('+resource "terraform_data" "app_config_this" {');
    expect(text).toMatch(/^module\.app_config\.terraform_data\.this\[0\] +terraform_data\.app_config_this$/m);
    expect(text).toContain('Zero change');
    expect(text).toMatch(/run\s+`unmodule tidy`: it checks every workspace and removes the moved/);
    expect(result.commands).toEqual(['unmodule inline . --module app_config --write', 'unmodule verify .']);
    expect(text).toContain('  unmodule inline . --module app_config --write');

    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('module "app_config"');
    expect(readFileSync(join(dir, 'moved.tf'), 'utf8')).toContain('to   = terraform_data.app_config_checksum');
  });

  it('state mv mode writes the script and the moves file instead of moved blocks, and checks the moves on a copy', async () => {
    const dir = beta();
    const script: Answer[] = [...ALL_DEFAULTS];
    script[4] = [/How should Terraform learn the new addresses/, 'state-mv'];
    script[5] = [/^Write 4 file change\(s\) in \.\?/, true];
    let checked = 0;
    const { result, events, text } = await run(dir, script, {
      checkStateMv: async (d) => {
        checked++;
        return { dir: d, moves: [], steps: [{ step: 'copy-verify', ok: true, detail: 'on a copy of the state: Zero change' }] };
      },
    });
    expect(checked).toBe(1);
    expect(result).toMatchObject({ outcome: 'verified', exitCode: 0, written: ['main.tf', 'app_config.tf', 'state-mv.sh', 'state-mv.json'] });
    // The real plan would show replacements until the moves run: the state-mv check replaces it.
    expect(events).toEqual(['write']);
    expect(existsSync(join(dir, 'moved.tf'))).toBe(false);
    expect(readFileSync(join(dir, 'state-mv.sh'), 'utf8')).toContain("'module.app_config.terraform_data.this[0]' 'terraform_data.app_config_this'");
    expect(text).toContain('unmodule migrate . --execute');
    expect(result.commands).toEqual(['unmodule inline . --module app_config --mode state-mv --write', 'unmodule migrate .']);
  });

  it('lets a person rename a resource, rejecting invalid and colliding names with the engine’s message', async () => {
    const dir = beta();
    const script: Answer[] = [...ALL_DEFAULTS];
    script[2] = [/^New name for terraform_data\.this /, ['9lives', 'consumer', 'app_config_checksum', 'beta_record']];
    const { result, transcript, text } = await run(dir, script);

    expect(transcript.rejected).toHaveLength(3);
    expect(transcript.rejected[0]).toMatch(/"9lives" .* is not a valid Terraform name/);
    expect(transcript.rejected[1]).toMatch(/terraform_data\.consumer is already used by the root \(.*main\.tf:\d+\)/);
    expect(transcript.rejected[2]).toMatch(/terraform_data\.app_config_checksum is already used by another inlined resource/);
    expect(result.outcome).toBe('verified');
    expect(readFileSync(join(dir, 'app_config.tf'), 'utf8')).toContain('resource "terraform_data" "beta_record" {');
    expect(readFileSync(join(dir, 'moved.tf'), 'utf8')).toMatch(/from = module\.app_config\.terraform_data\.this\[0\]\n  to   = terraform_data\.beta_record/);
    // The printed command line replays the rename, so the same refactor can be scripted.
    expect(text).toContain('unmodule inline . --module app_config --rename terraform_data.this=beta_record --write');
  });

  it('"no" at the confirm step writes nothing and still prints the equivalent commands', async () => {
    const dir = beta();
    const before = snapshot(dir);
    const { result, events, text } = await run(dir, [...ALL_DEFAULTS.slice(0, -1), [/^Write/, false]]);
    expect(result).toMatchObject({ outcome: 'declined', exitCode: 0, written: [] });
    expect(events).toEqual(['prove']);
    expect(text).toContain('Nothing was written.');
    expect(text).toContain('unmodule inline . --module app_config --write');
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([2, 4, 5])('Ctrl-C at question %i leaves every file as it was (exit 130)', async (at) => {
    const dir = beta();
    const before = snapshot(dir);
    const script = ALL_DEFAULTS.slice(0, at + 1).map((a, i): Answer => (i === at ? [a[0], ABORT] : a));
    const { result, events, text } = await run(dir, script);
    expect(result).toMatchObject({ outcome: 'aborted', exitCode: 130, written: [] });
    expect(events).not.toContain('write');
    expect(text).toContain('Aborted: nothing was written.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('validates the directory: missing, no .tf files, no module calls', async () => {
    const dir = beta();
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain', 'main.tf'), 'resource "terraform_data" "x" {}\n');
    const script: Answer[] = [[/^Service directory/, ['nope', 'empty', 'plain', '.']], ...ALL_DEFAULTS.slice(1, -1), [/^Write/, false]];
    const { transcript } = await run(dir, script);
    expect(transcript.rejected).toEqual([
      expect.stringMatching(/nope: no such directory/),
      expect.stringMatching(/empty: no \.tf files here/),
      'plain calls no modules; there is nothing to inline there',
    ]);
  });

  it('refuses (exit 1, nothing written) when the state disagrees with how the module folds', async () => {
    const dir = beta();
    const before = snapshot(dir);
    const { result, text } = await run(dir, ALL_DEFAULTS.slice(0, 2), {
      readInventory: async () => ({ source: 'state', addresses: [...STATE, 'module.app_config.terraform_data.audit[0]'] }),
    });
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(text).toContain('in state but not produced by the folded configuration: module.app_config.terraform_data.audit[0]');
    expect(text).toContain('Nothing was written.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('goes on without an inventory when neither state nor plan can be read', async () => {
    const dir = beta();
    const { result, text } = await run(dir, ALL_DEFAULTS, {
      readInventory: async () => {
        throw new (await import('../../src/terraform/index.js')).TerraformNotFoundError('terraform');
      },
    });
    expect(text).toMatch(/Inventory: could not read the state or plan a snapshot \(.*\); the moves will follow from the configuration alone/);
    expect(result.outcome).toBe('verified');
  });

  it('reports a proof with changes as exit 2 before asking to write, and writes nothing', async () => {
    const dir = beta();
    const before = snapshot(dir);
    const { result, text, transcript } = await run(dir, ALL_DEFAULTS.slice(0, -1), { prove: async () => verdict(false) });
    expect(result).toMatchObject({ outcome: 'changes', exitCode: 2, written: [] });
    expect(text).toContain('Not zero change');
    expect(text).toContain('not zero-change, so nothing was written');
    expect(transcript.asked.some((q) => q.startsWith('Write'))).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('asks how to go on in a directory never initialised: stop writes nothing, init runs only when chosen, offline proves without init', async () => {
    const notInit = { initProblem: async () => 'it has no .terraform directory (terraform init has never run there)' };
    const ask = (choice: string): Answer[] => [ALL_DEFAULTS[0]!, [/^How do you want to go on\?/, choice]];

    const dir = beta();
    const before = snapshot(dir);
    const stopped = await run(dir, ask('stop'), notInit);
    expect(stopped.text).toContain('. is not initialised: it has no .terraform directory (terraform init has never run there).');
    expect(stopped.text).toContain('Run `cd . && terraform init`, then unmodule again.');
    expect(stopped.result).toMatchObject({ outcome: 'declined', exitCode: 1, written: [] });
    expect(stopped.events).toEqual([]);
    expect(snapshot(dir)).toEqual(before);

    let initialised = false;
    const inited = await run(beta(), [...ask('init'), ...ALL_DEFAULTS.slice(1)], {
      initProblem: async () => (initialised ? undefined : notInit.initProblem()),
      init: async () => {
        initialised = true;
      },
    });
    expect(inited.result).toMatchObject({ outcome: 'verified', exitCode: 0 });
    expect(inited.events).toEqual(['prove', 'write']);

    const proofs: unknown[] = [];
    const offline = await run(beta(), [...ask('offline'), ...ALL_DEFAULTS.slice(1)], {
      ...notInit,
      init: async () => {
        throw new Error('init must not run without consent');
      },
      readInventory: async () => {
        throw new Error('no inventory without init');
      },
      prove: async (_d, _c, o) => {
        proofs.push(o);
        return verdict(true);
      },
    });
    expect(proofs).toEqual([{ offline: true, deployed: false }]);
    expect(offline.result).toMatchObject({ outcome: 'verified', exitCode: 0 });
    expect(offline.text).toContain('the proof was offline');
    expect(offline.transcript.choices['How should Terraform learn the new addresses?']!.find((c) => c.value === 'state-mv')!.disabled).toMatch(/needs terraform init/);
  });

  it('pins floating refs only after the inline is confirmed, then inits before the plan', async () => {
    const pinned: ServiceResult[] = [];
    const floating = (dir: string): ServiceResult => ({
      dir,
      status: 'changed',
      calls: [{ key: 'other', file: join(dir, 'main.tf'), line: 1, source: 'git::https://example.com/m.git', kind: 'git', module: 'example.com/m.git', refKind: 'default-branch', status: 'floating', deployed: 'abc1234', pin: { source: 'git::https://example.com/m.git?ref=abc1234' }, notes: [] }],
      files: [],
      diff: '--- a/main.tf\n+++ b/main.tf\n',
      errors: [],
      written: false,
    });
    const over = { planPins: async (d: string) => floating(d), writePins: async (r: ServiceResult) => void pinned.push(r) };
    const withPin = (last: boolean): Answer[] => [...ALL_DEFAULTS.slice(0, 2), [/^Pin 1 floating ref\(s\)/, true], ...ALL_DEFAULTS.slice(2, -1), [/^Write 3 file change\(s\) and the pins/, last]];

    const declined = await run(beta(), withPin(false), over);
    expect(declined.text).toContain('module "other"  git::https://example.com/m.git  [no ref]  FLOATING → abc1234 (deployed abc1234)');
    expect(pinned).toEqual([]);

    const done = await run(beta(), withPin(true), over);
    expect(pinned).toHaveLength(1);
    expect(done.events).toEqual(['prove', 'write', 'init', 'verify']);
    expect(done.result.commands[0]).toBe('unmodule pin . --write');
  });

  it('writes nothing at all when one file changed on disk between preview and confirm', async () => {
    const dir = beta();
    const script: Answer[] = [...ALL_DEFAULTS];
    const { prompts } = scripted(script);
    const confirm = prompts.confirm.bind(prompts);
    prompts.confirm = async (q) => {
      writeFileSync(join(dir, 'main.tf'), `${readFileSync(join(dir, 'main.tf'), 'utf8')}# edited meanwhile\n`);
      return confirm(q);
    };
    const lines: string[] = [];
    const result = await runWizard({ prompts, core: testCore([]), out: (t) => lines.push(t), spin: lineSpinner(() => {}) }, { cwd: dir });
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1, written: [] });
    expect(lines.join('\n')).toContain('main.tf changed on disk since unmodule read it');
    expect(existsSync(join(dir, 'app_config.tf'))).toBe(false);
  });
});

describe('the wizard starts from the survey', () => {
  it('shows the ranking over the fleet and offers the first "inline" module as the default directory and call', async () => {
    const fleet = copyFixture('fleet');
    dirs.push(fleet);
    const { result, transcript, text } = await run(fleet, [
      [/^Service directory \(the survey suggests services\/billing, module "invoices"\):/, DEFAULT],
      [/Which module call/, DEFAULT],
      [/^New name for /, ABORT],
    ]);
    expect(text).toContain('Modules under this directory, by `unmodule survey` (3 services):');
    expect(text).toMatch(/1\. inline modules\/bucket {2}\(2 services; 2 services call it: below the rule of three/);
    expect(text).toMatch(/2\. keep {3}modules\/network {2}\(3 services; a slow-moving foundation \(core networking: aws_vpc\)/);
    expect(transcript.asked[0]).toContain('services/billing');
    expect(result.outcome).toBe('aborted');
    expect(result.call).toBe('invoices');
  });
});
