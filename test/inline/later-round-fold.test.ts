// A later inlining round (cloudposse style: the module's resources were inlined first, its label
// `module "x_this"` was kept): once the label is inlined, what its outputs decide folds the way it
// would have inside the module, and a label that leaves nothing behind writes no file.
import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { applyEdits } from '../../src/hcl/edit.js';
import { planInline } from '../../src/inline/plan.js';
import type { Refactor } from '../../src/inline/refactor.js';

const LABEL = `
variable "enabled" {
  type    = bool
  default = true
}
variable "name" {
  type = string
}
locals {
  id = replace(lower(var.name), "/[^-a-zA-Z0-9]/", "")
}
output "enabled" {
  value = var.enabled
}
output "id" {
  value = var.enabled ? local.id : ""
}
`;

async function inlineLabel(rootText: string): Promise<{ r: Refactor; main: string }> {
  const module = buildModule('/svc/modules/label', [await parseHcl('/svc/modules/label/main.tf', LABEL)]);
  const root = buildModule('/svc', [await parseHcl('/svc/main.tf', rootText)]);
  const r = planInline(root, 'app_this', module);
  const edit = r.edits.find((e) => e.path === 'main.tf')!;
  return { r, main: applyEdits(edit.original, edit.edits) };
}

const ROOT = `module "app_this" {
  source = "./modules/label"
  name   = "Billing API_v2"
}

resource "aws_sns_topic" "app" {
  for_each = module.app_this.enabled ? toset(["a", "b"]) : []
  name     = "\${module.app_this.id}-\${each.key}"
}

resource "aws_sqs_queue" "app" {
  name              = module.app_this.enabled ? module.app_this.id : null
  fifo_queue        = !module.app_this.enabled
  delay_seconds     = module.app_this.enabled && var.slow ? 90 : 0
  kms_master_key_id = (module.app_this.enabled) ? aws_kms_key.k.id : ""
}

locals {
  url = module.app_this.enabled ? "https://\${module.app_this.id}.example.com" : ""
}

variable "slow" {
  type = bool
}

resource "aws_kms_key" "k" {
  description = (module.app_this.enabled
    ? "on" # a comment inside: the conditional is kept as written
  : "off")
}
`;

describe('a later round folds what the inlined label decides', () => {
  it('conditionals, ! and && on a label output that is now known are folded, not left as true ? x : y', async () => {
    const { main } = await inlineLabel(ROOT);
    expect(main).toContain('for_each = toset(["a", "b"])');
    expect(main).toContain('name     = "billingapiv2-${each.key}"');
    expect(main).toContain('name              = "billingapiv2"');
    expect(main).toContain('fifo_queue        = false');
    // `true && x` is kept by the evaluator (x's type is not known to be bool here): exact, if wordy.
    expect(main).toContain('delay_seconds     = true && var.slow ? 90 : 0');
    expect(main).toContain('kms_master_key_id = aws_kms_key.k.id');
    // "https://" in a string is no comment: the conditional around it folds too.
    expect(main).toContain('url = "https://billingapiv2.example.com"');
    expect(main).toContain('description = (true\n    ? "on" # a comment inside');
    expect(main.match(/\btrue\b/g)).toHaveLength(2);
  });

  it('a # in a heredoc, or in a string inside an interpolation, is no comment: the conditional around it folds', async () => {
    const { main } = await inlineLabel(`module "app_this" {
  source = "./modules/label"
  name   = "Billing API_v2"
}

resource "aws_instance" "app" {
  user_data = module.app_this.enabled ? <<-EOT
    #!/bin/bash
    echo \${module.app_this.id} // to HCL, text
    EOT
  : null
  tags = {
    Sep = module.app_this.enabled ? "\${join("#", ["a", var.b])}" : ""
  }
}

variable "b" {
  type = string
}
`);
    expect(main).toContain('user_data = <<-EOT\n    #!/bin/bash\n    echo billingapiv2 // to HCL, text\n  EOT\n');
    // "\${x}" of a string is x.
    expect(main).toContain('Sep = join("#", ["a", var.b])');
    expect(main).not.toMatch(/\btrue\b/);
  });

  it('a condition that folds to false takes the else arm, and a null arm leaves the argument unset', async () => {
    const { main } = await inlineLabel(ROOT.replace('name   = "Billing API_v2"', 'name   = "Billing API_v2"\n  enabled = false'));
    expect(main).not.toContain('resource "aws_sns_topic" "app"');
    expect(main).not.toMatch(/^\s*name\s+= null/m);
    expect(main).toContain('fifo_queue        = true');
    expect(main).toContain('delay_seconds     = 0');
  });

  it('a label whose outputs all folded into their readers writes no file of only its header', async () => {
    const { r } = await inlineLabel(ROOT);
    expect(r.newFiles.map((f) => f.path)).not.toContain('app_this.tf');
    expect(r.notes.map((n) => n.message).join('\n')).toContain('no app_this.tf is written');
  });
});
