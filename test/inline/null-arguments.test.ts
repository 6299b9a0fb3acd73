// An argument that folds to null is not written (Terraform reads null as "not set"), a typed null
// (`tostring(null)`, what lookup() over a map(string) folds to) included; a module's input is
// different: null there is a value (a nullable input becomes null, not its default), so it stays.
import { describe, expect, it } from 'vitest';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { planInline } from '../../src/inline/plan.js';

async function written(moduleText: string, callArgs = ''): Promise<string> {
  const module = buildModule('/svc/modules/m', [await parseHcl('/svc/modules/m/main.tf', moduleText)]);
  const root = buildModule('/svc', [await parseHcl('/svc/main.tf', `module "m" {\n  source = "./modules/m"\n${callArgs}}\n`)]);
  return planInline(root, 'm', module).newFiles.find((f) => f.path === 'm.tf')!.text;
}

describe('null arguments', () => {
  it('a typed null from lookup() over a map(string) is not written; lookup over an empty map is its default', async () => {
    const text = await written(`
variable "versioning" {
  type    = map(string)
  default = { enabled = "true" }
}
variable "extra" {
  type    = map(string)
  default = {}
}
resource "aws_s3_bucket_versioning" "this" {
  bucket = "b"
  versioning_configuration {
    status     = lookup(var.versioning, "enabled", null) == "true" ? "Enabled" : "Suspended"
    mfa_delete = lookup(var.versioning, "mfa_delete", null)
  }
  expected_bucket_owner = lookup(var.extra, terraform_data.k.output, null)
}
resource "terraform_data" "k" {}
`);
    expect(text).toContain('status = "Enabled"');
    expect(text).not.toContain('mfa_delete');
    expect(text).not.toContain('tostring(null)');
    expect(text).not.toContain('expected_bucket_owner');
  });

  it('a null input of a kept nested module call is written: the nested input is null, not its default', async () => {
    const text = await written(`
variable "kms_key" {
  type    = string
  default = null
}
module "inner" {
  source  = "./inner"
  kms_key = var.kms_key
}
`);
    expect(text).toMatch(/kms_key = null/);
  });
});
