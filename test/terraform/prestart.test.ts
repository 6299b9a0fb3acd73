import { describe, expect, it } from 'vitest';
import { plainVerify, verifyPlanArgv } from '../../src/terraform/prestart.js';
import { planArgs } from '../../src/terraform/plan.js';

describe('plainVerify: which command lines start their plan before the CLI loads', () => {
  it('verify with at most a directory, --json and --terraform-bin', () => {
    expect(plainVerify(['verify'])).toEqual({ dir: '.' });
    expect(plainVerify(['verify', 'services/alpha', '--json'])).toEqual({ dir: 'services/alpha' });
    expect(plainVerify(['verify', '--terraform-bin', 'tofu', 'svc'])).toEqual({ dir: 'svc', bin: 'tofu' });
    expect(plainVerify(['verify', 'svc', '--terraform-bin=/opt/tf'])).toEqual({ dir: 'svc', bin: '/opt/tf' });
  });

  it('nothing else: other commands, help, other verify modes, unknown flags, two directories', () => {
    for (const argv of [
      [],
      ['inline', 'svc'],
      ['verify', '--help'],
      ['verify', '-h'],
      ['verify', 'svc', '--offline', '--original', 'x'],
      ['verify', 'svc', '--baseline'],
      ['verify', 'svc', '--preplanned', 'plan.json'],
      ['verify', 'a', 'b'],
      ['verify', 'svc', '--terraform-bin'],
    ]) {
      expect(plainVerify(argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('starts the argv the runner would run for an in-place verification', () => {
    expect(verifyPlanArgv('tofu', '/tmp/x/unmodule.tfplan')).toEqual(['tofu', ...planArgs({ out: '/tmp/x/unmodule.tfplan' }, true)]);
  });
});
