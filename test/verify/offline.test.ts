// verifyOffline with the real aws provider from the offline mirror: no credentials, no network.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TerraformError } from '../../src/terraform/errors.js';
import { OfflineRunError, ORACLE_FAILED, RewrittenPlanError, verifyOffline } from '../../src/verify/offline.js';
import { renderVerdict } from '../../src/verify/render.js';
import { makeTemp, removeTemp, testCliConfig } from '../helpers/terraform-env.js';

const temps: string[] = [];
// An aws verifyOffline is ~20 s on an idle 2-core machine and several times that when other
// terraform-heavy suites run alongside; give it room rather than fail on load.
const AWS_TIMEOUT = 300_000;
afterAll(() => temps.forEach(removeTemp));

function tree(files: Record<string, string>): string {
  const dir = makeTemp('unmodule-offline-test-');
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// A remote backend the test machine could never reach: the override must replace it.
const HEADER = `terraform {
  backend "s3" {
    bucket = "company-tfstate"
    key    = "service-b/terraform.tfstate"
    region = "eu-west-1"
  }
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Team = "storage" }
  }
}
`;

const MODULE = `variable "name" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  count  = 1
  bucket = var.name
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

output "arn" {
  value = aws_s3_bucket.this[0].arn
}
`;

const ORIGINAL_MAIN = `${HEADER}
module "b" {
  source = "./mod"
  name   = "service-b-data"
  tags   = { Service = "beta" }
}

output "bucket_arn" {
  value = module.b.arn
}
`;

const rewrittenMain = (service: string) => `${HEADER}
resource "aws_s3_bucket" "b" {
  bucket = "service-b-data"
  tags   = { Service = "${service}", Name = "service-b-data" }
}

resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

moved {
  from = module.b.aws_s3_bucket.this[0]
  to   = aws_s3_bucket.b
}

moved {
  from = module.b.aws_s3_bucket_versioning.this
  to   = aws_s3_bucket_versioning.b
}

moved {
  from = module.b.aws_s3_bucket_public_access_block.this
  to   = aws_s3_bucket_public_access_block.b
}

output "bucket_arn" {
  value = aws_s3_bucket.b.arn
}
`;

const MOVES = [
  { from: 'module.b.aws_s3_bucket.this[0]', to: 'aws_s3_bucket.b' },
  { from: 'module.b.aws_s3_bucket_versioning.this', to: 'aws_s3_bucket_versioning.b' },
  { from: 'module.b.aws_s3_bucket_public_access_block.this', to: 'aws_s3_bucket_public_access_block.b' },
];

const original = () => tree({ 'main.tf': ORIGINAL_MAIN, 'mod/main.tf': MODULE });

describe('verifyOffline with the aws provider', () => {
  it('an inlined module with instance-level moves is zero change', async () => {
    const v = await verifyOffline({
      originalDir: original(),
      rewrittenDir: tree({ 'main.tf': rewrittenMain('beta') }),
      expectedMoves: MOVES,
      tf: { env: testCliConfig() },
    });
    console.log(`verifyOffline (zero change): ${JSON.stringify(v.timings)}, rounds ${v.rounds}`);
    expect(v.inconclusive).toBe(false);
    expect(v.oracle.zeroChange).toBe(true);
    expect(renderVerdict(v)).toBe('Zero change: 3 resources unchanged, 3 moves (all expected).');
    expect(v.zeroChange).toBe(true);
  }, AWS_TIMEOUT);

  it('a changed tag is not zero change and names tags.Service with before and after', async () => {
    const v = await verifyOffline({
      originalDir: original(),
      rewrittenDir: tree({ 'main.tf': rewrittenMain('gamma') }),
      expectedMoves: MOVES,
      tf: { env: testCliConfig() },
    });
    console.log(`verifyOffline (changed tag): ${JSON.stringify(v.timings)}, rounds ${v.rounds}`);
    expect(v.inconclusive).toBe(false);
    expect(v.zeroChange).toBe(false);
    expect(v.missingMoves).toEqual([]);
    const bucket = v.changes.find((c) => c.address === 'aws_s3_bucket.b')!;
    expect(bucket.action).toBe('update');
    expect(bucket.previousAddress).toBe('module.b.aws_s3_bucket.this[0]');
    expect(bucket.attributes).toContainEqual({ path: 'tags.Service', before: 'beta', after: 'gamma' });
    expect(bucket.attributes).toContainEqual({ path: 'tags_all.Service', before: 'beta', after: 'gamma' });
    expect(renderVerdict(v)).toContain('~ aws_s3_bucket.b (moved from module.b.aws_s3_bucket.this[0]): tags.Service: "beta" → "gamma"');
  }, AWS_TIMEOUT);
});

describe('verifyOffline workspace handling', () => {
  // A monorepo layout: the module lives outside the service dir (../../modules/x), the root uses
  // Terraform Cloud and an aliased aws provider that assumes a role — all of which would need the
  // network if the override files did not neutralise them.
  const MONO_MODULE = `variable "names" {
  type = set(string)
}

resource "terraform_data" "item" {
  for_each = var.names
  input    = { name = each.key, size = length(each.key) }
}

resource "aws_s3_bucket" "logs" {
  bucket = "mono-logs"
}

output "ids" {
  value = { for k, v in terraform_data.item : k => v.id }
}
`;
  const HEAD = `terraform {
  cloud {
    organization = "company"
    workspaces {
      name = "svc"
    }
  }
}

provider "aws" {
  alias  = "logs"
  region = "eu-central-1"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/terraform"
  }
}
`;
  const monoOriginal = `${HEAD}
module "items" {
  source    = "../../modules/items"
  names     = ["a", "b c"]
  providers = { aws = aws.logs }
}

output "ids" {
  value = module.items.ids
}
`;
  const monoRewritten = `${HEAD}
resource "terraform_data" "items" {
  for_each = toset(["a", "b c"])
  input    = { name = each.key, size = length(each.key) }
}

resource "aws_s3_bucket" "items_logs" {
  provider = aws.logs
  bucket   = "mono-logs"
}

moved {
  from = module.items.terraform_data.item
  to   = terraform_data.items
}

moved {
  from = module.items.aws_s3_bucket.logs
  to   = aws_s3_bucket.items_logs
}

output "ids" {
  value = { for k, v in terraform_data.items : k => v.id }
}
`;

  it('resolves ../ module sources, replaces a cloud block, disarms assume_role, and handles terraform_data', async () => {
    const orig = tree({ 'services/svc/main.tf': monoOriginal, 'modules/items/main.tf': MONO_MODULE, 'modules/other/big.txt': 'not copied' });
    const rewr = tree({ 'services/svc/main.tf': monoRewritten });
    const v = await verifyOffline({
      originalDir: join(orig, 'services/svc'),
      rewrittenDir: join(rewr, 'services/svc'),
      expectedMoves: [
        { from: 'module.items.terraform_data.item', to: 'terraform_data.items' },
        { from: 'module.items.aws_s3_bucket.logs', to: 'aws_s3_bucket.items_logs' },
      ],
      tf: { env: testCliConfig() },
    });
    console.log(`verifyOffline (monorepo): ${JSON.stringify(v.timings)}, rounds ${v.rounds}`);
    expect(v.inconclusive).toBe(false);
    expect(renderVerdict(v)).toBe('Zero change: 3 resources unchanged, 3 moves (all expected).');
  }, AWS_TIMEOUT);

  it('says the oracle failed, not the refactor, when the original cannot be reproduced', async () => {
    // timestamp() is unknown in every plan, so no synthesized state can ever plan clean.
    const dir = tree({ 'main.tf': 'resource "terraform_data" "t" {\n  input = timestamp()\n}\n' });
    const v = await verifyOffline({ originalDir: dir, rewrittenDir: dir, tf: { env: testCliConfig() }, maxRounds: 2 });
    expect(v.inconclusive).toBe(true);
    expect(v.zeroChange).toBe(false);
    expect(v.problems).toEqual([ORACLE_FAILED]);
    expect(v.oracle.changes.map((c) => c.address)).toEqual(['terraform_data.t']);
    const text = renderVerdict(v);
    expect(text.split('\n').slice(0, 2)).toEqual([
      `Inconclusive: ${ORACLE_FAILED}.`,
      'The original config, planned against the state synthesized from it, still shows:',
    ]);
    // An unknown dynamic attribute has no type to synthesize a value of: it is stored as null.
    expect(text).toContain('~ terraform_data.t: input: null → (known after apply)');
  });

  it("a plan error that only the synthesized state provokes is the oracle failing, with terraform's message", async () => {
    // Real ids would satisfy this; the synthetic one cannot.
    const dir = tree({
      'main.tf': `resource "terraform_data" "t" {
  input = "a"
  lifecycle {
    postcondition {
      condition     = length(self.id) == 3
      error_message = "ids here are three characters long"
    }
  }
}
`,
    });
    const v = await verifyOffline({ originalDir: dir, rewrittenDir: dir, tf: { env: testCliConfig() } });
    expect(v.inconclusive).toBe(true);
    expect(v.problems[0]).toBe(ORACLE_FAILED);
    expect(v.problems[1]).toContain('ids here are three characters long');
    expect(renderVerdict(v)).toContain('plan problem: the original config does not plan against the synthesized state');
  });

  it('a rewritten config terraform rejects is an error naming the file and line, not a verdict', async () => {
    const good = tree({ 'main.tf': 'resource "terraform_data" "t" {\n  input = 1\n}\n' });
    const bad = tree({ 'main.tf': 'resource "terraform_data" "t" {\n  input = \n}\n' });
    const err = await verifyOffline({ originalDir: good, rewrittenDir: bad, tf: { env: testCliConfig() } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfflineRunError);
    const e = err as OfflineRunError;
    expect(e.message).toContain(`on the rewritten configuration (${bad}), in its offline copy`);
    expect(e.message).toContain('Error: Invalid expression (main.tf:2)');
    expect(e.message).toContain('Fix the rewritten files');
    expect(e.message).not.toContain('mirror');
    // The temporary copy is gone when verify ends: never named, nor its command line.
    expect(e.message).not.toMatch(/unmodule-offline-(?!test)/);
    expect(e.message).not.toContain('command:');
    expect(e.location).toMatchObject({ file: join(bad, 'main.tf'), line: 2, dir: bad });
  });

  it('an original that does not plan offline names the original directory and file:line, and what to do', async () => {
    const original = tree({ 'main.tf': 'resource "terraform_data" "a" {\n  input = 1\n}\n\nresource "terraform_data" "b" {\n  count = terraform_data.a.id == "" ? 0 : 1\n}\n' });
    const rewritten = tree({ 'main.tf': 'resource "terraform_data" "a" {\n  input = 1\n}\n' });
    const err = await verifyOffline({ originalDir: original, rewrittenDir: rewritten, tf: { env: testCliConfig() } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfflineRunError);
    const e = err as OfflineRunError;
    expect(e.message.split('\n')[0]).toBe(`terraform plan failed (exit 1) on the original configuration (${original}), in its offline copy:`);
    expect(e.message).toContain('Invalid count argument (main.tf:6)');
    expect(e.message).toContain('verify online instead');
    expect(e.message).not.toContain('mirror');
    expect(e.message).not.toMatch(/unmodule-offline-(?!test)/);
    expect(e.location).toMatchObject({ file: join(original, 'main.tf'), line: 6, dir: original });
  });

  it('a rewritten config that does not plan where the original does is "not equivalent", naming the rewritten file:line', async () => {
    // What a rewrite that drops try() around an attribute some elements lack looks like: it loads
    // (init and validate see no values) and fails at plan.
    const good = tree({ 'main.tf': 'locals {\n  rules = [{ a = 1 }]\n}\n\nresource "terraform_data" "t" {\n  input = [for r in local.rules : try(r.order, null)]\n}\n' });
    const bad = tree({ 'main.tf': 'locals {\n  rules = [{ a = 1 }]\n}\n\nresource "terraform_data" "t" {\n  input = [for r in local.rules : r.order]\n}\n' });
    const err = await verifyOffline({ originalDir: good, rewrittenDir: bad, tf: { env: testCliConfig() } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RewrittenPlanError);
    const e = err as RewrittenPlanError;
    expect(e.message).toMatch(/^the rewritten configuration does not plan, while the original plans with no changes/);
    expect(e.message).toContain('Unsupported attribute (main.tf:6)');
    expect(e.location).toMatchObject({ file: join(bad, 'main.tf'), line: 6 });
  });
});
