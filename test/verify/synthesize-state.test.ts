// The state synthesis on its own: hand-written plan JSON shaped like terraform 1.11's.
import { describe, expect, it } from 'vitest';
import type { PlanJson, ProviderSchemasJson } from '../../src/terraform/types.js';
import { moduleCallPath, providerAddress } from '../../src/verify/provider-address.js';
import { impliedType, synthesize, synthesizeState } from '../../src/verify/synthesize-state.js';

const AWS = 'registry.terraform.io/hashicorp/aws';
const BUILTIN = 'terraform.io/builtin/terraform';

const schemas: ProviderSchemasJson = {
  format_version: '1.0',
  provider_schemas: {
    [AWS]: {
      resource_schemas: {
        aws_thing: {
          version: 2,
          block: {
            attributes: {
              id: { type: 'string', optional: true, computed: true },
              name: { type: 'string', required: true },
              arn: { type: 'string', computed: true },
              count_of: { type: 'number', computed: true },
              enabled: { type: 'bool', computed: true },
              tags: { type: ['map', 'string'], optional: true },
              ports: { type: ['list', 'number'], computed: true },
              secret: { type: 'string', optional: true, sensitive: true },
              region: { type: 'string', optional: true, computed: true },
            },
            block_types: {
              rule: { nesting_mode: 'list', block: { attributes: { prefix: { type: 'string', optional: true }, computed_id: { type: 'string', computed: true } } } },
              logging: { nesting_mode: 'list', block: { attributes: { target: { type: 'string', optional: true } } } },
              timeouts: { nesting_mode: 'single', block: { attributes: { create: { type: 'string', optional: true } } } },
            },
          },
        },
      },
    },
    [BUILTIN]: {
      resource_schemas: {
        terraform_data: {
          version: 0,
          block: {
            attributes: {
              id: { type: 'string', computed: true },
              input: { type: 'dynamic', optional: true },
              output: { type: 'dynamic', computed: true },
              triggers_replace: { type: 'dynamic', optional: true },
            },
          },
        },
      },
    },
  },
};

const plan: PlanJson = {
  format_version: '1.2',
  terraform_version: '1.11.4',
  planned_values: {
    outputs: { known: { sensitive: false, type: 'string', value: 'x' }, unknown: { sensitive: false } },
    root_module: {
      resources: [
        {
          address: 'terraform_data.d["a"]',
          mode: 'managed',
          type: 'terraform_data',
          name: 'd',
          index: 'a',
          provider_name: BUILTIN,
          schema_version: 0,
          values: { input: { list: ['x'], n: 1 }, triggers_replace: null },
        },
        { address: 'data.aws_thing.x', mode: 'data', type: 'aws_thing', name: 'x', provider_name: AWS, schema_version: 0, values: {} },
      ],
      child_modules: [
        {
          address: 'module.m["k"]',
          resources: [
            {
              address: 'module.m["k"].aws_thing.this[0]',
              mode: 'managed',
              type: 'aws_thing',
              name: 'this',
              index: 0,
              provider_name: AWS,
              schema_version: 2,
              values: { name: 'my-bucket', tags: { A: 'b' }, secret: 's', rule: [{ prefix: 'logs/' }], timeouts: null },
            },
          ],
        },
      ],
    },
  },
  resource_changes: [
    {
      address: 'module.m["k"].aws_thing.this[0]',
      module_address: 'module.m["k"]',
      mode: 'managed',
      type: 'aws_thing',
      name: 'this',
      index: 0,
      provider_name: AWS,
      change: {
        actions: ['create'],
        before: null,
        after: { name: 'my-bucket', tags: { A: 'b' }, secret: 's', rule: [{ prefix: 'logs/' }], timeouts: null },
        after_unknown: { id: true, arn: true, count_of: true, enabled: true, ports: true, region: true, logging: true, rule: [{ computed_id: true }], tags: {} },
        after_sensitive: { secret: true, tags: {} },
      },
    },
    {
      address: 'terraform_data.d["a"]',
      mode: 'managed',
      type: 'terraform_data',
      name: 'd',
      index: 'a',
      provider_name: BUILTIN,
      change: { actions: ['create'], before: null, after: { input: { list: ['x'], n: 1 } }, after_unknown: { id: true, output: true }, after_sensitive: {} },
    },
  ],
  configuration: {
    provider_config: { 'aws.west': { name: 'aws', full_name: AWS, alias: 'west' } },
    root_module: {
      module_calls: {
        m: { source: './m', module: { resources: [{ address: 'aws_thing.this', mode: 'managed', type: 'aws_thing', name: 'this', provider_config_key: 'aws.west' }] } },
      },
    },
  },
};

describe('synthesizeState', () => {
  const state = synthesizeState({ plan, schemas, lineage: 'L' });

  it('writes managed instances only, with module, index key, schema version and provider', () => {
    expect(state).toMatchObject({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'L' });
    expect(state.resources.map((r) => [r.module, r.type, r.name, r.provider, r.instances.map((i) => [i.index_key, i.schema_version])])).toEqual([
      [undefined, 'terraform_data', 'd', `provider["${BUILTIN}"]`, [['a', 0]]],
      ['module.m["k"]', 'aws_thing', 'this', `provider["${AWS}"].west`, [[0, 2]]],
    ]);
  });

  it('fills unknown attributes with typed synthetic values ("" for unset optional strings) and absent ones with null', () => {
    const attrs = state.resources[1]!.instances[0]!.attributes;
    expect(attrs).toEqual({
      id: 'my-bucket',
      name: 'my-bucket',
      arn: 'arn:aws:thing:us-east-1:123456789012:synthetic-module-m-k-aws-thing-this-0-arn',
      count_of: 0,
      enabled: false,
      tags: { A: 'b' },
      ports: [],
      secret: 's',
      // optional+computed and left unset by the config: the provider would store "".
      region: '',
      rule: [{ prefix: 'logs/', computed_id: 'synthetic-module-m-k-aws-thing-this-0-rule-0-computed-id' }],
      logging: [],
      timeouts: null,
    });
    expect(state.resources[1]!.instances[0]!.sensitive_attributes).toEqual([[{ type: 'get_attr', value: 'secret' }]]);
  });

  it('stores dynamic attributes with their type, and terraform_data output as its input', () => {
    const attrs = state.resources[0]!.instances[0]!.attributes;
    const typed = { value: { list: ['x'], n: 1 }, type: ['object', { list: ['tuple', ['string']], n: 'number' }] };
    expect(attrs.input).toEqual(typed);
    expect(attrs.output).toEqual(typed);
    expect(attrs.triggers_replace).toBeNull();
    expect(attrs.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('keeps known outputs with their type and leaves unknown ones for a later round', () => {
    expect(state.outputs).toEqual({ known: { value: 'x', type: 'string' } });
  });

  it('keeps the previous round\'s values where the plan is still unknown', () => {
    const prior = structuredClone(state);
    prior.resources[1]!.instances[0]!.attributes.arn = 'arn:aws:thing:::kept';
    const next = synthesizeState({ plan, schemas, prior, serial: 2 });
    expect(next.resources[1]!.instances[0]!.attributes.arn).toBe('arn:aws:thing:::kept');
    expect(next.lineage).toBe('L');
    expect(next.serial).toBe(2);
  });

  it('refuses a resource type no schema describes', () => {
    const bad = structuredClone(plan);
    bad.planned_values!.root_module.resources![0]!.type = 'aws_unknown';
    expect(() => synthesizeState({ plan: bad, schemas })).toThrow(/no schema for aws_unknown/);
  });
});

describe('set-nested blocks', () => {
  // aws_instance's ebs_block_device is a set whose element hash covers snapshot_id: an unset
  // optional+computed id stored as a made-up snap-… made the oracle plan a replacement.
  it('stores "" for an unset optional id inside a set element, but not in a list element', () => {
    const block = (mode: 'set' | 'list') => ({ nesting_mode: mode, block: { attributes: { device_name: { type: 'string', required: true }, snapshot_id: { type: 'string', optional: true, computed: true } } } });
    const withSchema: ProviderSchemasJson = {
      format_version: '1.0',
      provider_schemas: { [AWS]: { resource_schemas: { aws_box: { version: 0, block: { attributes: { id: { type: 'string', computed: true } }, block_types: { disk: block('set'), slot: block('list') } } } } } },
    };
    const values = { disk: [{ device_name: '/dev/sdf' }], slot: [{ device_name: '/dev/sdg' }] };
    const p: PlanJson = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'aws_box.b', mode: 'managed', type: 'aws_box', name: 'b', provider_name: AWS, schema_version: 0, values }] } },
      resource_changes: [
        {
          address: 'aws_box.b',
          mode: 'managed',
          type: 'aws_box',
          name: 'b',
          provider_name: AWS,
          change: { actions: ['create'], before: null, after: values, after_unknown: { id: true, disk: [{ snapshot_id: true }], slot: [{ snapshot_id: true }] }, after_sensitive: {} },
        },
      ],
      configuration: { root_module: {} },
    } as PlanJson;
    const attrs = synthesizeState({ plan: p, schemas: withSchema, lineage: 'L' }).resources[0]!.instances[0]!.attributes as Record<string, { snapshot_id: string }[]>;
    expect(attrs.disk![0]!.snapshot_id).toBe('');
    expect(attrs.slot![0]!.snapshot_id).not.toBe('');
  });
});

describe('helpers', () => {
  it('impliedType reads literals the way terraform types them', () => {
    expect(impliedType(['a', 1])).toEqual(['tuple', ['string', 'number']]);
    expect(impliedType({ a: true })).toEqual(['object', { a: 'bool' }]);
  });

  it('moduleCallPath drops instance keys', () => {
    expect(moduleCallPath('module.a["x.y"].module.b[0]')).toEqual(['a', 'b']);
    expect(moduleCallPath(undefined)).toEqual([]);
  });

  it('providerAddress puts explicitly configured module providers under the module', () => {
    const p: PlanJson = {
      format_version: '1.2',
      configuration: {
        provider_config: { 'module.c:aws': { name: 'aws', full_name: AWS, module_address: 'module.c', expressions: { region: { constant_value: 'x' } } } },
        root_module: { module_calls: { c: { source: './c', module: { resources: [{ address: 'aws_thing.t', mode: 'managed', type: 'aws_thing', name: 't', provider_config_key: 'module.c:aws' }] } } } },
      },
    };
    const r = { address: 'module.c.aws_thing.t', mode: 'managed' as const, type: 'aws_thing', name: 't', provider_name: AWS, schema_version: 0 };
    expect(providerAddress(p, 'module.c', r)).toBe(`module.c.provider["${AWS}"]`);
  });
});

describe('reference guesses', () => {
  const thing = (address: string, name: string, values: Record<string, unknown>, module?: string) => ({
    address,
    mode: 'managed' as const,
    type: 'aws_thing',
    name,
    provider_name: AWS,
    schema_version: 2,
    values: values as never,
    ...(module ? { module_address: module } : {}),
  });
  const change = (address: string, name: string, unknown: Record<string, unknown>, module?: string) => ({
    address,
    mode: 'managed' as const,
    type: 'aws_thing',
    name,
    provider_name: AWS,
    ...(module ? { module_address: module } : {}),
    change: { actions: ['create' as const], before: null, after: {}, after_unknown: unknown as never, after_sensitive: {} },
  });
  const p: PlanJson = {
    format_version: '1.2',
    planned_values: {
      outputs: { arn: { sensitive: false }, templated: { sensitive: false } },
      root_module: {
        child_modules: [
          {
            address: 'module.m',
            resources: [
              thing('module.m.aws_thing.a', 'a', { name: 'bucket-a' }),
              // name = aws_thing.a.id: unknown in a plan against empty state.
              thing('module.m.aws_thing.b', 'b', {}),
            ],
          },
        ],
      },
    },
    resource_changes: [
      change('module.m.aws_thing.a', 'a', { id: true, arn: true }, 'module.m'),
      change('module.m.aws_thing.b', 'b', { id: true, arn: true, name: true, rule: [{ prefix: true }] }, 'module.m'),
    ],
    configuration: {
      root_module: {
        outputs: {
          arn: { expression: { references: ['module.m.arn', 'module.m'] } },
          templated: { expression: { references: ['var.prefix'] } },
        },
        module_calls: {
          m: {
            source: './m',
            module: {
              outputs: { arn: { expression: { references: ['aws_thing.b.arn', 'aws_thing.b'] } } },
              resources: [
                { address: 'aws_thing.a', mode: 'managed', type: 'aws_thing', name: 'a', provider_config_key: 'aws', expressions: { name: { constant_value: 'bucket-a' } } },
                {
                  address: 'aws_thing.b',
                  mode: 'managed',
                  type: 'aws_thing',
                  name: 'b',
                  provider_config_key: 'aws',
                  expressions: { name: { references: ['aws_thing.a.id', 'aws_thing.a'] }, rule: [{ prefix: { references: ['aws_thing.a.arn'] } }] },
                },
              ],
            },
          },
        },
      },
    },
  };

  const { state, unresolved } = synthesize({ plan: p, schemas });
  const attrs = (name: string) => state.resources.find((r) => r.name === name)!.instances[0]!.attributes;

  it('reads an argument that is one reference from the referenced synthesized value', () => {
    expect(attrs('a').id).toBe('bucket-a');
    expect(attrs('b').name).toBe('bucket-a');
  });

  it('follows a root output through a module output to a resource attribute', () => {
    expect(state.outputs.arn).toEqual({ value: attrs('b').arn, type: 'string' });
  });

  it('reports what it could not guess, so the caller knows another round is coming', () => {
    expect(unresolved.sort()).toEqual(['module.m.aws_thing.b.rule.prefix', 'output.templated']);
  });
});
