import { describe, expect, it } from 'vitest';
import { parseDiagnostics, TerraformError } from '../../src/terraform/errors.js';
import { parsePlanJson } from '../../src/terraform/show.js';
import { parseRawState, parseStateList } from '../../src/terraform/state.js';
import { parseVersionJson } from '../../src/terraform/version.js';

// Verbatim stderr of `terraform init -no-color` on a syntax error (1.11), with the framed
// CLI-config warning terraform prints even under -no-color.
const INIT_STDERR = `There are some problems with the CLI configuration:
╷
│ Warning: Unable to open CLI configuration file
│
│ The CLI configuration file at "/root/.terraformrc" does not exist.
╵


Error: Terraform encountered problems during initialisation, including problems
with the configuration, described below.

The Terraform configuration must be valid before initialization so that
Terraform can determine which modules and providers need to be installed.


Error: Invalid expression

  on main.tf line 2, in resource "terraform_data" "x":
   2:   input =
   3: }

Expected the start of an expression, but found an invalid expression token.
`;

describe('parseDiagnostics', () => {
  it('reads framed warnings and bare errors, with location and detail', () => {
    const d = parseDiagnostics(INIT_STDERR);
    expect(d.map((x) => [x.severity, x.summary])).toEqual([
      ['warning', 'Unable to open CLI configuration file'],
      [
        'error',
        'Terraform encountered problems during initialisation, including problems with the configuration, described below.',
      ],
      ['error', 'Invalid expression'],
    ]);
    expect(d[2]!.location).toBe('main.tf line 2');
    expect(d[2]!.detail).toBe('Expected the start of an expression, but found an invalid expression token.');
  });

  it('names the resource or data source of a "with ADDR," line', () => {
    // Verbatim stderr of `terraform plan -no-color` (1.11, aws 5.100) reading a VPC with no network.
    const stderr = `
Error: reading EC2 VPC: operation error EC2: DescribeVpcs, https response error StatusCode: 0, RequestID: , request send failed, Post "https://ec2.us-east-1.amazonaws.com/": dial tcp: lookup ec2.us-east-1.amazonaws.com on 10.255.255.53:53: no such host

  with module.q["a b"].data.aws_vpc.default,
  on modules/q/vpc.tf line 1, in data "aws_vpc" "default":
   1: data "aws_vpc" "default" {

`;
    const [d] = parseDiagnostics(stderr);
    expect(d!.address).toBe('module.q["a b"].data.aws_vpc.default');
    expect(d!.location).toBe('modules/q/vpc.tf line 1');
    expect(parseDiagnostics(INIT_STDERR)[2]!.address).toBeUndefined();
  });
});

describe('TerraformError', () => {
  it('leads with the located diagnostic and keeps argv, cwd, exit code and output', () => {
    const e = new TerraformError('terraform init failed (exit 1)', {
      argv: ['terraform', 'init', '-input=false'],
      cwd: '/svc',
      exitCode: 1,
      stdout: '',
      stderr: INIT_STDERR,
    });
    expect(e.message).toContain('terraform init failed (exit 1) in /svc\nError: Invalid expression (main.tf:2)');
    expect(e.message).toContain('command: terraform init -input=false');
    expect(e.message).not.toMatch(/[╷│╵]|CLI configuration/u);
    expect(e.location).toMatchObject({ file: '/svc/main.tf', line: 2, command: 'terraform init -input=false' });
    expect(e.exitCode).toBe(1);
    expect(e.stderr).toBe(INIT_STDERR);
  });
});

describe('JSON and list parsing', () => {
  it('version -json', () => {
    const v = parseVersionJson(
      '{"terraform_version":"1.11.4","platform":"linux_amd64","provider_selections":{"registry.terraform.io/hashicorp/aws":"5.100.0"},"terraform_outdated":false}',
    );
    expect(v).toEqual({
      version: '1.11.4',
      platform: 'linux_amd64',
      providerSelections: { 'registry.terraform.io/hashicorp/aws': '5.100.0' },
      outdated: false,
    });
    expect(() => parseVersionJson('{}')).toThrow(/unexpected output/);
  });

  it('state list keeps quoted keys intact', () => {
    expect(parseStateList('aws_s3_bucket.this["a b"]\nmodule.x.terraform_data.t[0]\n\n')).toEqual([
      'aws_s3_bucket.this["a b"]',
      'module.x.terraform_data.t[0]',
    ]);
  });

  it('raw state: empty pull is an empty state; other versions are refused', () => {
    expect(parseRawState('').resources).toEqual([]);
    expect(() => parseRawState('{"version":3}')).toThrow(/version 3/);
    const s = parseRawState('{"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"l","outputs":{},"resources":[]}');
    expect(s.serial).toBe(3);
  });

  it('plan JSON gets empty change lists when terraform omits them', () => {
    const p = parsePlanJson('{"format_version":"1.2","planned_values":{"root_module":{}}}');
    expect(p.resource_changes).toEqual([]);
    expect(p.output_changes).toEqual({});
  });
});
