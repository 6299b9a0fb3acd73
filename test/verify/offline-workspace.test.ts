// The scratch copy for verify --offline: what gets copied where, and the override files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commonAncestor, overrideText, prepareOfflineWorkspace } from '../../src/verify/offline-workspace.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

function tree(files: Record<string, string>): string {
  const dir = makeTemp('unmodule-ws-test-');
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('prepareOfflineWorkspace', () => {
  it('copies the service and its ../ modules at the same relative positions, without state', async () => {
    const src = tree({
      'services/svc/main.tf': 'provider "aws" {\n  alias = "west"\n  region = "us-west-2"\n  assume_role {\n    role_arn = "x"\n  }\n}\nmodule "a" {\n  source = "../../modules/a"\n}\n',
      'services/svc/terraform.tfstate': '{}',
      'services/svc/terraform.tfstate.backup': '{}',
      'services/svc/.terraform/modules/modules.json': '{"Modules":[]}',
      'services/svc/.terraform/providers/x': 'big',
      'services/svc/vars.auto.tfvars': 'x = 1\n',
      'modules/a/main.tf': 'module "b" {\n  source = "../b"\n}\nresource "aws_s3_bucket" "x" {}\n',
      'modules/b/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\nresource "terraform_data" "t" {}\n',
      'services/other/main.tf': 'not copied',
    });
    const out = join(makeTemp('unmodule-ws-out-'), 'copy');
    temps.push(out);
    const ws = await prepareOfflineWorkspace(join(src, 'services/svc'), out, 'us-east-1');
    expect(ws.dir).toBe(join(out, 'services/svc'));
    expect(ws.statePath).toBe(join(out, 'unmodule-synthetic.tfstate'));
    expect(existsSync(join(out, 'modules/a/main.tf'))).toBe(true);
    expect(existsSync(join(out, 'modules/b/main.tf'))).toBe(true);
    expect(existsSync(join(out, 'services/other'))).toBe(false);
    expect(existsSync(join(ws.dir, 'terraform.tfstate'))).toBe(false);
    expect(existsSync(join(ws.dir, 'terraform.tfstate.backup'))).toBe(false);
    expect(existsSync(join(ws.dir, 'vars.auto.tfvars'))).toBe(true);
    expect(existsSync(join(ws.dir, '.terraform/modules/modules.json'))).toBe(true);
    expect(existsSync(join(ws.dir, '.terraform/providers'))).toBe(false);

    const root = readFileSync(join(ws.dir, 'unmodule_override.tf'), 'utf8');
    expect(root).toContain(`backend "local" {\n    path = ${JSON.stringify(ws.statePath)}`);
    // The aliased block keeps its region and loses its assume_role; a default one is added
    // because the config uses aws without a default provider block in the root.
    expect(root).toContain('alias                       = "west"');
    expect(root).toContain('  assume_role {}');
    expect(root.match(/provider "aws" \{/g)).toHaveLength(2);
    expect(root).toContain('region                      = "us-east-1"');
    // A legacy module with its own provider block gets mocked too, without a backend.
    const mod = readFileSync(join(out, 'modules/b/unmodule_override.tf'), 'utf8');
    expect(mod).not.toContain('backend');
    expect(mod).toContain('skip_credentials_validation = true');
    expect(mod).not.toContain('region ');
    expect(existsSync(join(out, 'modules/a/unmodule_override.tf'))).toBe(false);
    expect(ws.overridden.sort()).toEqual([join(out, 'modules/b'), ws.dir].sort());
  });

  it('writes no aws provider for a config that does not use aws', async () => {
    const src = tree({ 'main.tf': 'resource "terraform_data" "t" {}\n' });
    const out = join(makeTemp('unmodule-ws-out-'), 'copy');
    temps.push(out);
    const ws = await prepareOfflineWorkspace(src, out, 'us-east-1');
    expect(readFileSync(join(ws.dir, 'unmodule_override.tf'), 'utf8')).not.toContain('provider');
  });
});

describe('helpers', () => {
  it('commonAncestor', () => {
    expect(commonAncestor(['/r/services/svc', '/r/modules/a', '/r/services/svc/mod'])).toBe('/r');
    expect(commonAncestor(['/r/svc'])).toBe('/r/svc');
  });

  it('overrideText without a backend or providers is just the note', () => {
    expect(overrideText(undefined, [], 'us-east-1')).toBe('# Written by unmodule verify --offline in a temporary copy. Never committed.\n');
  });

  it('overrideText sends STS to the loopback endpoint, keeping the skip_* settings', () => {
    const text = overrideText(undefined, [{ alias: 'west', hasRegion: true, nestedBlocks: [] }], 'us-east-1', 'http://127.0.0.1:4321');
    expect(text).toContain('  skip_requesting_account_id  = true\n');
    expect(text).toContain('  skip_credentials_validation = true\n');
    expect(text).toContain('  endpoints {\n    sts = "http://127.0.0.1:4321"\n  }\n}');
  });
});
