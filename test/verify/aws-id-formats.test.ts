// Synthetic ids in AWS's own shapes: the aws provider validates ids fed from one resource into
// another at plan time (`"launch_template.0.id" must begin with 'lt-'`), so a made-up id of the
// wrong shape made verify --offline inconclusive on real autoscaling modules.
import { describe, expect, it } from 'vitest';
import type { PlanJson, ProviderSchemasJson } from '../../src/terraform/types.js';
import { synthesizeState } from '../../src/verify/synthesize-state.js';

const AWS = 'registry.terraform.io/hashicorp/aws';
const block = (attrs: string[]) => ({
  attributes: Object.fromEntries(attrs.map((a) => [a, { type: 'string' as const, computed: true, ...(a === 'name' ? { optional: true } : {}) }])),
});
const TYPES: Record<string, string[]> = {
  aws_launch_template: ['id', 'arn', 'name', 'owner_id'],
  aws_vpc: ['id', 'arn', 'default_security_group_id', 'main_route_table_id', 'owner_id'],
  aws_security_group: ['id', 'arn', 'name', 'vpc_id'],
  aws_sns_topic: ['id', 'arn', 'name'],
  aws_kms_key: ['id', 'arn', 'key_id'],
  aws_route53_zone: ['id', 'arn', 'name', 'zone_id'],
  aws_cloudwatch_log_group: ['id', 'arn', 'name'],
  aws_lb: ['id', 'arn', 'name', 'zone_id'],
  aws_ram_resource_share: ['id', 'arn', 'name'],
  aws_msk_cluster: ['id', 'arn', 'name'],
};
const schemas: ProviderSchemasJson = {
  format_version: '1.0',
  provider_schemas: { [AWS]: { resource_schemas: Object.fromEntries(Object.entries(TYPES).map(([t, a]) => [t, { version: 0, block: block(a) }])) } },
};

// A plan of one instance per type, every computed attribute unknown, `name` known where set.
const plan: PlanJson = {
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: Object.keys(TYPES).map((type) => ({
        address: `${type}.this`,
        mode: 'managed' as const,
        type,
        name: 'this',
        provider_name: AWS,
        schema_version: 0,
        values: { name: 'web' },
      })),
    },
  },
  resource_changes: Object.entries(TYPES).map(([type, attrs]) => ({
    address: `${type}.this`,
    mode: 'managed' as const,
    type,
    name: 'this',
    provider_name: AWS,
    change: { actions: ['create' as const], before: null, after: { name: 'web' }, after_unknown: Object.fromEntries(attrs.filter((a) => a !== 'name').map((a) => [a, true])), after_sensitive: {} },
  })),
};

const state = synthesizeState({ plan, schemas });
const attrs = (type: string) => state.resources.find((r) => r.type === type)!.instances[0]!.attributes;
const ARN = /^arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+$/;

describe('synthetic ids take the shape AWS gives them', () => {
  it("a launch template's id begins with lt- (the provider rejects anything else in launch_template.id), not its name", () => {
    expect(attrs('aws_launch_template').id).toMatch(/^lt-[0-9a-f]{17}$/);
  });

  it('EC2 ids carry their prefix, also in attributes that point at one (default_security_group_id, vpc_id)', () => {
    expect(attrs('aws_vpc').id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(attrs('aws_vpc').default_security_group_id).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(attrs('aws_vpc').main_route_table_id).toMatch(/^rtb-[0-9a-f]{17}$/);
    expect(attrs('aws_security_group').id).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(attrs('aws_security_group').vpc_id).toMatch(/^vpc-[0-9a-f]{17}$/);
  });

  it('account ids are 12 digits', () => {
    expect(attrs('aws_vpc').owner_id).toBe('123456789012');
    expect(attrs('aws_launch_template').owner_id).toBe('123456789012');
  });

  it('a resource whose id is its ARN gets its ARN as id', () => {
    expect(attrs('aws_sns_topic').id).toBe(attrs('aws_sns_topic').arn);
    expect(attrs('aws_lb').id).toBe(attrs('aws_lb').arn);
    expect(attrs('aws_sns_topic').arn).toMatch(ARN);
  });

  it("a RAM resource share's id is its ARN (aws_ram_resource_association checks resource_share_arn = share.id as an ARN)", () => {
    expect(attrs('aws_ram_resource_share').id).toBe(attrs('aws_ram_resource_share').arn);
    expect(attrs('aws_ram_resource_share').arn).toMatch(/^arn:aws:ram:/);
    expect(attrs('aws_msk_cluster').id).toBe(attrs('aws_msk_cluster').arn);
    expect(attrs('aws_msk_cluster').arn).toMatch(/^arn:aws:kafka:/);
  });

  it('ARNs name the service AWS puts in them', () => {
    expect(attrs('aws_lb').arn).toMatch(/^arn:aws:elasticloadbalancing:/);
    expect(attrs('aws_cloudwatch_log_group').arn).toMatch(/^arn:aws:logs:/);
  });

  it('KMS key ids are UUIDs, hosted zone ids Z + upper-case and at most 32 characters', () => {
    expect(attrs('aws_kms_key').id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(attrs('aws_kms_key').key_id).toBe(attrs('aws_kms_key').id);
    expect(attrs('aws_route53_zone').zone_id).toMatch(/^Z[0-9A-F]{20}$/);
    expect(attrs('aws_lb').zone_id).toMatch(/^Z[0-9A-F]{20}$/);
  });

  it('types with no particular shape keep the readable id (the name the config gave)', () => {
    expect(attrs('aws_cloudwatch_log_group').id).toBe('web');
  });

  it('is deterministic', () => {
    expect(synthesizeState({ plan, schemas })).toEqual(state);
  });
});

describe('JSON documents the config builds from values not known yet', () => {
  // `policy = replace(var.policy, "__ARN__", aws_dynamodb_table.t.arn)`: the provider validates
  // the stored policy as JSON, so "" made the oracle fail (terraform-aws-dynamodb-table).
  const type = 'aws_dynamodb_resource_policy';
  const jsonSchemas: ProviderSchemasJson = {
    format_version: '1.0',
    provider_schemas: {
      [AWS]: {
        resource_schemas: {
          [type]: {
            version: 0,
            block: {
              attributes: {
                id: { type: 'string', computed: true },
                policy: { type: 'string', required: true },
                resource_arn: { type: 'string', required: true },
                confirm_remove_self_resource_access: { type: 'bool', optional: true, computed: true },
              },
            },
          },
        },
      },
    },
  };
  const p: PlanJson = {
    format_version: '1.2',
    planned_values: { root_module: { resources: [{ address: `${type}.p`, mode: 'managed', type, name: 'p', provider_name: AWS, schema_version: 0, values: {} }] } },
    resource_changes: [
      {
        address: `${type}.p`,
        mode: 'managed',
        type,
        name: 'p',
        provider_name: AWS,
        change: { actions: ['create'], before: null, after: {}, after_unknown: { id: true, policy: true, resource_arn: true }, after_sensitive: {} },
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: `${type}.p`,
            mode: 'managed',
            type,
            name: 'p',
            provider_config_key: 'aws',
            expressions: { policy: { references: ['var.policy', 'aws_dynamodb_table.t.arn'] }, resource_arn: { references: ['aws_dynamodb_table.t.arn'] } },
          },
        ],
      },
    },
  };

  it('get the smallest valid document, not ""', () => {
    const a = synthesizeState({ plan: p, schemas: jsonSchemas }).resources[0]!.instances[0]!.attributes;
    expect(a.policy).toBe('{}');
  });
});
