import { describe, expect, it } from 'vitest';
import { commandLines, proposedNames } from '../../src/wizard/render.js';
import { shellWord } from '../../src/shell.js';

describe('proposedNames', () => {
  it('reads one entry per module resource back from instance-level moves, keys with brackets included', () => {
    const moves = [
      { from: 'module.svc.aws_s3_bucket.this[0]', to: 'aws_s3_bucket.svc' },
      { from: 'module.svc.terraform_data.rec["a]b"]', to: 'terraform_data.svc_rec["a]b"]' },
      { from: 'module.svc.terraform_data.rec["c"]', to: 'terraform_data.svc_rec["c"]' },
      { from: 'module.other.x_y.z', to: 'x_y.z' },
    ];
    expect(proposedNames('svc', moves)).toEqual([
      { key: 'aws_s3_bucket.this', type: 'aws_s3_bucket', name: 'svc', instances: 1 },
      { key: 'terraform_data.rec', type: 'terraform_data', name: 'svc_rec', instances: 2 },
    ]);
  });
});

describe('command lines', () => {
  it('quotes only what a shell would split or expand', () => {
    expect(shellWord('services/alpha')).toBe('services/alpha');
    expect(shellWord('my services/it\'s')).toBe(`'my services/it'\\''s'`);
    expect(shellWord('$HOME')).toBe(`'$HOME'`);
  });

  it('names pin, inline and verify with the same directory and terraform binary', () => {
    expect(commandLines({ dir: 'svc a', call: 'bucket', pin: true, terraformBin: 'tofu' })).toEqual([
      "unmodule pin 'svc a' --write --terraform-bin tofu",
      "unmodule inline 'svc a' --module bucket --write --terraform-bin tofu",
      "unmodule verify 'svc a' --terraform-bin tofu",
    ]);
  });
});
