// Evaluation order and laziness, as Terraform evaluates: a resource, data source or module call
// with no instances is never evaluated; every local and output is; shapes are folded on demand.
import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { planInline } from '../../src/inline/plan.js';
import type { Refactor } from '../../src/inline/refactor.js';

async function inline(moduleText: string, callArgs = ''): Promise<Refactor> {
  const module = buildModule('/svc/modules/m', [await parseHcl('/svc/modules/m/main.tf', moduleText)]);
  const root = buildModule('/svc', [await parseHcl('/svc/main.tf', `module "m" {\n  source = "./modules/m"\n${callArgs}}\n`)]);
  return planInline(root, 'm', module);
}

const written = (r: Refactor) => r.newFiles.find((f) => f.path === 'm.tf')?.text ?? ''; // a module left with nothing to write writes no file

describe('a resource with no instances is never evaluated', () => {
  it('for_each over {} : the body may index an empty resource; nothing is written or moved', async () => {
    const r = await inline(`
variable "roles" {
  default = {}
}
resource "aws_iam_role" "x" {
  count = 0
  name  = "x"
}
resource "aws_iam_role_policy_attachment" "a" {
  for_each   = var.roles
  role       = aws_iam_role.x[0].name
  policy_arn = each.value
}
resource "aws_s3_bucket" "b" {
  bucket = "kept"
}
`);
    expect(written(r)).not.toContain('aws_iam_role_policy_attachment');
    expect(written(r)).toContain('bucket = "kept"');
    expect(r.moves.map((m) => m.from)).toEqual(['module.m.aws_s3_bucket.b']);
  });

  it('for_each over an empty set, and references to it fold to {}', async () => {
    const r = await inline(`
resource "aws_iam_role" "x" {
  for_each = toset([])
  name     = [][0]
}
resource "aws_s3_bucket" "b" {
  bucket = "n-\${length(aws_iam_role.x)}"
}
`);
    expect(written(r)).toContain('bucket = "n-0"');
    expect(written(r)).not.toContain('aws_iam_role');
  });

  it('a nested module call with count = 0 is not written, not moved, and its arguments are not evaluated', async () => {
    const r = await inline(`
resource "aws_iam_role" "x" {
  count = 0
  name  = "x"
}
module "inner" {
  source = "./inner"
  count  = 0
  role   = aws_iam_role.x[0].name
}
output "inner_ids" {
  value = module.inner[*].id
}
`);
    expect(written(r)).not.toContain('module "m_inner"');
    expect(r.moves).toEqual([]);
  });
});

describe('shapes fold on demand, whatever the declaration order', () => {
  it('a count reading a resource declared later sees its folded shape', async () => {
    const r = await inline(`
resource "aws_sns_topic" "a" {
  count = length(aws_sqs_queue.q)
  name  = "a"
}
resource "aws_sqs_queue" "q" {
  count = 1
  name  = "q"
}
`);
    // Before: length() of the not-yet-folded (plain) reference stayed symbolic, and once q folded
    // to a single resource that length counted its attributes.
    expect(written(r)).not.toContain('count');
    expect(r.moves.map((m) => m.from).sort()).toEqual(['module.m.aws_sns_topic.a[0]', 'module.m.aws_sqs_queue.q[0]']);
  });

  it('a count that reads itself is a cycle, refused with file:line', async () => {
    await expect(inline(`
resource "aws_sqs_queue" "q" {
  count = length(aws_sqs_queue.q)
}
`)).rejects.toThrow(/main\.tf:2: .*depends on itself/);
  });
});

describe('every local and output is evaluated, as terraform plan does', () => {
  it('an unreferenced local that fails is a refusal naming the local', async () => {
    await expect(inline(`
resource "aws_iam_role" "x" {
  count = 0
}
locals {
  unused = aws_iam_role.x[0].name
}
`)).rejects.toThrow(/modules\/m\/main\.tf:6: .*out of range/);
  });

  it('an unreferenced output that fails is a refusal naming the output', async () => {
    await expect(inline(`
resource "aws_iam_role" "x" {
  count = 0
}
output "arn" {
  value = aws_iam_role.x[0].arn
}
`)).rejects.toThrow(/modules\/m\/main\.tf:5: .*out of range/);
  });

  it('a failing local read through another local is reported at its own line', async () => {
    await expect(inline(`
locals {
  names = []
  first = local.names[0]
  label = "x-\${local.first}"
}
resource "aws_s3_bucket" "b" {
  bucket = local.label
}
`)).rejects.toThrow(/main\.tf:4: /);
  });

  it('a large local read only by resources with no instances is not written into the root', async () => {
    const r = await inline(`
locals {
  policy = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "*" }]
  }
}
resource "aws_iam_policy" "a" {
  count  = 0
  policy = jsonencode(local.policy)
}
resource "aws_iam_policy" "b" {
  for_each = {}
  policy   = jsonencode(local.policy)
}
resource "aws_s3_bucket" "c" {
  bucket = "c"
}
`);
    expect(written(r)).not.toContain('locals');
    expect(written(r)).not.toContain('m_policy');
  });
});

describe('unselected branches and try()/can() fallbacks never refuse', () => {
  it('folds conditionals, try and can over a resource with no instances', async () => {
    const r = await inline(`
variable "create" {
  default = false
}
resource "aws_iam_role" "x" {
  count = var.create ? 1 : 0
}
resource "aws_s3_bucket" "b" {
  bucket = var.create ? aws_iam_role.x[0].name : "none"
  tags = {
    Try = try(aws_iam_role.x[0].arn, "no-role")
    Can = can(aws_iam_role.x[0].arn) ? "yes" : "no"
    Idx = try(["a"][3], "fallback")
  }
}
`);
    const text = written(r);
    expect(text).toContain('bucket = "none"');
    expect(text).toContain('Try = "no-role"');
    expect(text).toContain('Can = "no"');
    expect(text).toContain('Idx = "fallback"');
  });

  it('a for expression whose filter is unknown is rewritten, not left with module references', async () => {
    const r = await inline(`
variable "names" {
  default = ["a", "b"]
}
data "aws_region" "here" {}
resource "aws_s3_bucket" "b" {
  tags = { for n in var.names : n => upper(n) if n != data.aws_region.here.name }
}
`);
    const text = written(r);
    expect(text).not.toMatch(/\bvar\.names\b/);
    expect(text).toContain('data.aws_region.m.name');
  });
});
