// The wizard on a directory where `terraform init` never ran (a fresh checkout): it says so at the
// start, offers init (run only when chosen), an offline proof, or stopping, and proves the change
// before it asks to write. Real terraform throughout (the provider mirror stands in for the registry).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultCore, runWizard } from '../../src/wizard/index.js';
import { lineSpinner } from '../../src/wizard/spinner.js';
import { snapshot } from '../helpers/cli.js';
import { copyFixture, removeTemp, testCliConfig } from '../helpers/terraform-env.js';
import { requireTmux, TmuxSession } from '../wizard/tmux.js';
import { DEFAULT, scripted, type Answer } from '../wizard/scripted.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'run.js');

describe('the wizard in a directory never initialised', () => {
  const env = testCliConfig();
  const dirs: string[] = [];
  let session: TmuxSession | undefined;
  const saved = { ...process.env };

  beforeAll(() => {
    requireTmux();
    Object.assign(process.env, env); // the scripted runs' core runs terraform with the process env
  });
  afterEach(() => session?.kill());
  afterAll(() => {
    process.env = saved;
    dirs.forEach((d) => removeTemp(join(d, '..')));
  });
  const fresh = (name: string) => {
    const d = copyFixture(name);
    dirs.push(d);
    return d;
  };

  it('service-alpha in a real terminal: says it is not initialised, proves the change offline before asking to write, never inits', async () => {
    const dir = fresh('service-alpha');
    session = TmuxSession.start({ cwd: dir, env, argv: [process.execPath, BIN], width: 160 });
    const s = session;
    await s.waitFor(/\? Service directory/);
    s.send('Enter');
    await s.waitFor(/\? How do you want to go on\?/);
    expect(s.screen()).toContain('. is not initialised: it has no .terraform directory (terraform init has never run there).');
    expect(s.screen()).toContain('Run terraform init in . now');
    s.send('Enter'); // the first choice: prove offline
    for (const q of [/\? Which module call/, /\? New name for aws_s3_bucket\.this/, /\? New name for aws_s3_bucket_versioning\.this/, /\? New name for aws_s3_bucket_lifecycle_configuration\.this/, /\? New name for aws_s3_bucket_public_access_block\.this/, /\? How should Terraform learn/]) {
      await s.waitFor(q);
      s.send('Enter');
    }
    // The proof comes first; only then the question.
    // An offline proof plans the aws configurations several times: minutes on a loaded machine.
    const asked = await s.waitFor(/\? Write 4 file change\(s\) in \.\? \(y\/N\)/, 'the write question', 480_000);
    expect(asked).toContain('Zero change');
    expect(asked.indexOf('Zero change')).toBeLessThan(asked.indexOf('? Write 4 file change(s)'));
    expect(asked).not.toContain('could not read the state or plan a snapshot');
    expect(existsSync(join(dir, 'moved.tf'))).toBe(false);
    s.send('y', true);
    s.send('Enter');
    const screen = await s.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Wrote main.tf, outputs.tf, service_alpha_bucket.tf, moved.tf.');
    expect(screen).toContain('the proof was offline');
    expect(screen).not.toContain('Verification could not run');
    expect(screen).toContain('[exit 0]');
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('module "service_alpha_bucket"');
    // Nothing ran terraform init in the service.
    expect(existsSync(join(dir, '.terraform'))).toBe(false);
    expect(existsSync(join(dir, '.terraform.lock.hcl'))).toBe(false);
  });

  const run = async (dir: string, script: Answer[]) => {
    const lines: string[] = [];
    const out = (t: string) => lines.push(t);
    const { prompts, transcript } = scripted(script);
    const result = await runWizard({ prompts, core: defaultCore(), out, spin: lineSpinner(out) }, { cwd: dir });
    return { result, transcript, text: lines.join('\n') };
  };

  it('"stop" leaves the directory exactly as it was and names the command to run (exit 1)', async () => {
    const dir = fresh('service-beta');
    const before = snapshot(dir);
    const { result, text } = await run(dir, [
      [/^Service directory/, DEFAULT],
      [/^How do you want to go on\?/, 'stop'],
    ]);
    expect(result).toMatchObject({ outcome: 'declined', exitCode: 1, written: [] });
    expect(text).toContain('Run `cd . && terraform init`, then unmodule again.');
    expect(existsSync(join(dir, '.terraform'))).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('"init" runs terraform init with consent, then the real plan proves the change before the write (nothing deployed yet: judged against the original)', async () => {
    const dir = fresh('service-beta');
    const { result, text, transcript } = await run(dir, [
      [/^Service directory/, DEFAULT],
      [/^How do you want to go on\?/, 'init'],
      [/Which module call/, DEFAULT],
      [/^New name for terraform_data\.this /, DEFAULT],
      [/^New name for terraform_data\.checksum /, DEFAULT],
      [/How should Terraform learn the new addresses/, DEFAULT],
      [/^Write 3 file change\(s\) in \.\?/, true],
    ]);
    expect(result.outcome, text).toBe('verified');
    expect(existsSync(join(dir, '.terraform'))).toBe(true);
    expect(text).toContain('Inventory (a plan of the current configuration): module.app_config manages 2 instances');
    expect(text.indexOf('Zero change')).toBeGreaterThan(-1);
    expect(text.indexOf('Zero change')).toBeLessThan(text.indexOf('Wrote main.tf'));
    expect(transcript.asked.at(-1)).toMatch(/^Write 3 file change/);
    expect(readFileSync(join(dir, 'moved.tf'), 'utf8')).toContain('to   = terraform_data.app_config_this');
  });
});
