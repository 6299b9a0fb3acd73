// Root variable values as terraform plan reads them, and a module call repeated over them:
// keys from the values, the written configuration still reading var.X.
import { describe, expect, it } from 'vitest';
import { buildModule, type ModuleConfig } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';
import { printExpr } from '../../src/hcl/print.js';
import { planInline } from '../../src/inline/plan.js';
import { rootVariableValues, type VariableSources } from '../../src/inline/root-variables.js';

const ROOT_VARS = `
variable "envs" {
  type    = list(string)
  default = ["dev"]
}
variable "size" {
  type    = number
  default = 1
}
variable "name" {
  default = "svc"
}
variable "services" {
  type = map(object({ port = number }))
  default = {}
}
`;

async function root(extra = ''): Promise<ModuleConfig> {
  return buildModule('/svc', [await parseHcl('/svc/main.tf', ROOT_VARS + extra)]);
}

async function values(sources: Partial<VariableSources>, extra = ''): Promise<Record<string, string>> {
  const m = await rootVariableValues(await root(extra), { autoFiles: [], cli: [], env: {}, ...sources });
  return Object.fromEntries([...m].map(([k, v]) => [k, `${printExpr(v.value).replace(/\s*\n\s*/g, ' ')} @ ${v.source}`]));
}

describe('root variable values: sources and precedence', () => {
  it('defaults when nothing sets a value', async () => {
    expect((await values({})).envs).toBe('["dev"] @ default at /svc/main.tf:2');
  });

  it('env < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars (lexical) < -var/-var-file in command-line order', async () => {
    const env = { TF_VAR_name: 'from-env', TF_VAR_size: '2', TF_VAR_envs: '["e"]' };
    expect(await values({ env })).toMatchObject({ name: '"from-env" @ TF_VAR_name', size: '2 @ TF_VAR_size', envs: '["e"] @ TF_VAR_envs' });
    const autoFiles = [
      { path: 'terraform.tfvars', text: 'name = "tfvars"\nsize = 3\n' },
      { path: 'terraform.tfvars.json', text: '{\n  "size": 4\n}\n' },
      { path: 'a.auto.tfvars', text: 'envs = ["a"]\n' },
      { path: 'b.auto.tfvars.json', text: '{"envs": ["b"]}' },
    ];
    expect(await values({ env, autoFiles })).toMatchObject({ name: '"tfvars" @ terraform.tfvars:1', size: '4 @ terraform.tfvars.json:2', envs: '["b"] @ b.auto.tfvars.json:1' });
    const cli = [
      { kind: 'var' as const, text: 'envs=["x", "y"]' },
      { kind: 'var-file' as const, path: 'prod.tfvars', text: '\nenvs = ["p"]\nsize = "5"\n' },
      { kind: 'var' as const, text: 'size=6' },
    ];
    expect(await values({ env, autoFiles, cli })).toMatchObject({ envs: '["p"] @ prod.tfvars:2', size: '6 @ -var size', name: '"tfvars" @ terraform.tfvars:1' });
  });

  it('converts to the declared type (a -var of a primitive type is literal text, of a complex type HCL)', async () => {
    const v = await values({ cli: [{ kind: 'var', text: 'name=[1]' }, { kind: 'var', text: 'size=7' }, { kind: 'var', text: 'services={ api = { port = "80" } }' }] });
    expect(v.name).toBe('"[1]" @ -var name');
    expect(v.size).toBe('7 @ -var size');
    expect(v.services).toBe('{ api = { port = 80 } } @ -var services');
  });

  it('refuses what terraform plan refuses: undeclared -var, a value of the wrong type, a failing validation', async () => {
    await expect(values({ cli: [{ kind: 'var', text: 'nope=1' }] })).rejects.toThrow(/declares no variable "nope"/);
    await expect(values({ autoFiles: [{ path: 'terraform.tfvars', text: 'size = "big"\n' }] })).rejects.toThrow(/var\.size from terraform\.tfvars:1 does not match its type/);
    const validated = `
variable "region" {
  default = "eu-west-1"
  validation {
    condition     = startswith(var.region, "eu-")
    error_message = "EU only."
  }
}
`;
    await expect(values({ cli: [{ kind: 'var', text: 'region=us-east-1' }] }, validated)).rejects.toThrow(/main\.tf:\d+: var\.region from -var region fails its validation: EU only\./);
  });

  it('a tfvars value for a variable the root does not declare is ignored, as terraform only warns', async () => {
    expect((await values({ autoFiles: [{ path: 'terraform.tfvars', text: 'other = 1\n' }] })).other).toBeUndefined();
  });
});

describe('a module call repeated over root variables', () => {
  const MODULE = `
variable "env" {
  type = string
}
variable "port" {
  type = number
}
resource "aws_s3_bucket" "this" {
  bucket = "b-\${var.env}-\${var.port}"
}
`;

  async function plan(callBody: string, sources: Partial<VariableSources>, inventory?: string[]) {
    const module = buildModule('/svc/m', [await parseHcl('/svc/m/main.tf', MODULE)]);
    const r = await root(`\nmodule "site" {\n  source = "./m"\n${callBody}}\n`);
    const rootVariables = await rootVariableValues(r, { autoFiles: [], cli: [], env: {}, ...sources });
    return planInline(r, 'site', module, { rootVariables, inventory });
  }

  it('for_each over a map variable from terraform.tfvars: keys from the value, each.value written as var.X["key"], the source in a note', async () => {
    const ref = await plan('  for_each = var.services\n  env      = each.key\n  port     = each.value.port\n', { autoFiles: [{ path: 'terraform.tfvars', text: 'services = {\n  api = { port = 8080 }\n  web = { port = 80 }\n}\n' }] });
    const text = ref.newFiles.find((f) => f.path === 'site.tf')!.text;
    expect(text).toContain('bucket = "b-api-${var.services["api"].port}"');
    expect(text).toContain('bucket = "b-web-${var.services["web"].port}"');
    expect(text).not.toContain('8080');
    expect(ref.moves.map((m) => m.from)).toEqual(['module.site["api"].aws_s3_bucket.this', 'module.site["web"].aws_s3_bucket.this']);
    expect(ref.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/var\.services = \{.*\} from terraform\.tfvars:1/));
  });

  it('count = length(var.envs) with the default list', async () => {
    const ref = await plan('  count = length(var.envs)\n  env   = var.envs[count.index]\n  port  = 1\n', {});
    expect(ref.moves.map((m) => m.from)).toEqual(['module.site[0].aws_s3_bucket.this']);
    expect(ref.newFiles.find((f) => f.path === 'site.tf')!.text).toContain('bucket = "b-${var.envs[0]}-1"');
    expect(ref.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('var.envs = ["dev"] from default at /svc/main.tf:2'));
  });

  it('instance keys that disagree with the state are refused, naming the value and the state addresses', async () => {
    await expect(plan('  for_each = toset(var.envs)\n  env      = each.key\n  port     = 1\n', { cli: [{ kind: 'var', text: 'envs=["dev", "prod"]' }] }, ['module.site["dev"].aws_s3_bucket.this', 'module.site["qa"].aws_s3_bucket.this'])).rejects.toThrow(
      /in state but not produced by the folded configuration: module\.site\["qa"\][\s\S]*not in state: module\.site\["prod"\][\s\S]*var\.envs = \["dev", "prod"\] from -var envs/,
    );
  });

  it('a root variable with no value at all is named in the refusal', async () => {
    const r = await root('variable "zones" {\n  type = list(string)\n}\nmodule "site" {\n  source = "./m"\n  count  = length(var.zones)\n  env    = "x"\n  port   = 1\n}\n');
    const module = buildModule('/svc/m', [await parseHcl('/svc/m/main.tf', MODULE)]);
    const rootVariables = await rootVariableValues(r, { autoFiles: [], cli: [], env: {} });
    expect(() => planInline(r, 'site', module, { rootVariables })).toThrow(/not known until apply.*Give var\.zones a value/);
  });
});
