// for_each needs its keys known at plan time, not its values (Terraform's rule): a map whose
// values are resource or data-source attributes still has known instances.
import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { planInline } from '../../src/inline/plan.js';

async function inline(moduleText: string, call: string, rootExtra = '') {
  const module = buildModule('/svc/m', [await parseHcl('/svc/m/main.tf', moduleText)]);
  const root = buildModule('/svc', [await parseHcl('/svc/main.tf', `${rootExtra}module "t" {\n  source = "./m"\n${call}}\n`)]);
  return planInline(root, 't', module);
}

const TOPIC = `
variable "name" {
  type = string
}
resource "aws_sns_topic" "this" {
  name = var.name
}
`;

describe('keys known, values not', () => {
  it('a module for_each over a map with data-source values is expanded per key; each.value is the value expression', async () => {
    const r = await inline(TOPIC, '  for_each = { alerts = data.aws_region.here.name, events = "static" }\n  name     = "${each.key}-${each.value}"\n', 'data "aws_region" "here" {}\n');
    const text = r.newFiles.find((f) => f.path === 't.tf')!.text;
    expect(text).toContain('name = "alerts-${data.aws_region.here.name}"');
    expect(text).toContain('name = "events-static"');
    expect(r.moves.map((m) => m.from)).toEqual(['module.t["alerts"].aws_sns_topic.this', 'module.t["events"].aws_sns_topic.this']);
  });

  it('a resource for_each over a map of resource attributes moves per key instead of as a whole', async () => {
    const r = await inline(`${TOPIC}
resource "aws_sns_topic_policy" "this" {
  for_each = { default = aws_sns_topic.this.arn }
  arn      = each.value
  policy   = "{}"
}
`, '  name = "n"\n');
    expect(r.moves.map((m) => m.from)).toContain('module.t.aws_sns_topic_policy.this["default"]');
    expect(r.notes.map((n) => n.message).join('\n')).not.toContain('for_each of aws_sns_topic_policy.this is not known');
  });

  it('a dynamic block over a map with unknown values becomes one block per key', async () => {
    const r = await inline(`${TOPIC}
data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = { publish = aws_sns_topic.this.arn }
    content {
      sid       = statement.key
      resources = [statement.value]
    }
  }
}
`, '  name = "n"\n');
    const text = r.newFiles.find((f) => f.path === 't.tf')!.text;
    expect(text).not.toContain('dynamic');
    expect(text).toMatch(/statement \{\s*sid\s*= "publish"\s*resources = \[aws_sns_topic\.t\.arn\]/);
  });

  it('a set whose elements are unknown has unknown keys: a module for_each over it is still refused', async () => {
    await expect(inline(TOPIC, '  for_each = toset([data.aws_region.here.name])\n  name     = each.key\n', 'data "aws_region" "here" {}\n')).rejects.toThrow(/not known until apply/);
  });
});
