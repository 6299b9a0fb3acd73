// Types for terraform's machine-readable formats: `show -json` of a plan or of state, the raw
// state v4 file (`state pull`), `providers schema -json` and `version -json`. Only the fields
// unmodule reads are typed precisely; the rest stay `unknown`.

/** Any JSON value as terraform emits it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A cty type in JSON form: "string", ["list","string"], ["object",{...}], "dynamic", ... */
export type CtyType = string | [string, CtyType | Record<string, CtyType> | CtyType[], ...unknown[]];

/** Change actions; a replace is ["delete","create"] or ["create","delete"]. */
export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** `change` of a resource or output in a plan. */
export interface Change {
  actions: ChangeAction[];
  before: JsonValue;
  after: JsonValue;
  /** true, or a structure parallel to `after` with true at unknown leaves. */
  after_unknown?: JsonValue;
  before_sensitive?: JsonValue;
  after_sensitive?: JsonValue;
  replace_paths?: JsonValue[][];
  importing?: { id?: string; identity?: JsonValue };
  generated_config?: string;
}

/** One entry of `resource_changes` (or `resource_drift`). */
export interface ResourceChange {
  address: string;
  /** Set when the object was moved (moved block or refactoring) from this address. */
  previous_address?: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  provider_name: string;
  deposed?: string;
  change: Change;
  action_reason?: string;
}

/** A resource instance in `planned_values`, `prior_state` or state `values`. */
export interface StateResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  provider_name: string;
  schema_version: number;
  values?: Record<string, JsonValue>;
  sensitive_values?: Record<string, JsonValue>;
  depends_on?: string[];
  deposed_key?: string;
}

/** A module in `planned_values` / state `values` (root has no address). */
export interface StateModule {
  address?: string;
  resources?: StateResource[];
  child_modules?: StateModule[];
}

/** An output in `planned_values` / state `values`; unknown values have no `value`. */
export interface StateOutput {
  sensitive: boolean;
  value?: JsonValue;
  type?: CtyType;
}

/** `values` of state or `planned_values` of a plan. */
export interface StateValues {
  outputs?: Record<string, StateOutput>;
  root_module: StateModule;
}

/** A provider configuration in the plan's `configuration.provider_config`. */
export interface ProviderConfigJson {
  name: string;
  full_name?: string;
  alias?: string;
  module_address?: string;
  version_constraint?: string;
  expressions?: Record<string, unknown>;
}

/** An expression in the plan's `configuration`: a constant, or the references it reads. */
export interface ConfigExpression {
  constant_value?: JsonValue;
  /** Most specific first: ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"]. */
  references?: string[];
}

/** A resource in the plan's `configuration` (one per block, not per instance). */
export interface ConfigResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider_config_key: string;
  expressions?: Record<string, unknown>;
  schema_version?: number;
  count_expression?: unknown;
  for_each_expression?: unknown;
  depends_on?: string[];
}

/** A module in the plan's `configuration`. */
export interface ConfigModule {
  outputs?: Record<string, { expression?: ConfigExpression; sensitive?: boolean; description?: string }>;
  resources?: ConfigResource[];
  module_calls?: Record<
    string,
    {
      source: string;
      expressions?: Record<string, unknown>;
      module: ConfigModule;
      version_constraint?: string;
      count_expression?: unknown;
      for_each_expression?: unknown;
    }
  >;
  variables?: Record<string, unknown>;
}

/** `terraform show -json <planfile>`. */
export interface PlanJson {
  format_version: string;
  terraform_version?: string;
  variables?: Record<string, { value: JsonValue }>;
  planned_values?: StateValues;
  resource_drift?: ResourceChange[];
  resource_changes?: ResourceChange[];
  output_changes?: Record<string, Change>;
  prior_state?: StateJson;
  configuration?: { provider_config?: Record<string, ProviderConfigJson>; root_module?: ConfigModule };
  relevant_attributes?: { resource: string; attribute: JsonValue[] }[];
  checks?: unknown[];
  timestamp?: string;
  applyable?: boolean;
  complete?: boolean;
  errored?: boolean;
}

/** `terraform show -json` of the current state (no `values` when the state is empty). */
export interface StateJson {
  format_version: string;
  terraform_version?: string;
  values?: StateValues;
}

/** One step of a path in state v4 `sensitive_attributes`. */
export type StatePathStep =
  | { type: 'get_attr'; value: string }
  | { type: 'index'; value: { value: string | number; type: 'string' | 'number' } };

/** One instance in the raw state file. */
export interface RawStateInstance {
  index_key?: number | string;
  status?: string;
  schema_version: number;
  attributes: Record<string, JsonValue>;
  sensitive_attributes: StatePathStep[][];
  private?: string;
  dependencies?: string[];
  create_before_destroy?: boolean;
  deposed?: string;
}

/** One resource (all instances of one block) in the raw state file. */
export interface RawStateResource {
  /** "module.a.module.b[\"k\"]"; absent in the root module. */
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  each?: 'list' | 'map';
  /** e.g. provider["registry.terraform.io/hashicorp/aws"].west */
  provider: string;
  instances: RawStateInstance[];
}

/** The raw state file, version 4: what `terraform state pull` prints and the local backend stores. */
export interface RawStateV4 {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, { value: JsonValue; type: CtyType; sensitive?: boolean }>;
  resources: RawStateResource[];
  check_results?: unknown;
}

/** An attribute in a provider schema block. */
export interface SchemaAttribute {
  type?: CtyType;
  nested_type?: { attributes: Record<string, SchemaAttribute>; nesting_mode: 'single' | 'list' | 'set' | 'map' };
  optional?: boolean;
  required?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

/** A block in a provider schema. */
export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaNestedBlock>;
}

/** A nested block type with its nesting mode. */
export interface SchemaNestedBlock {
  nesting_mode: 'single' | 'group' | 'list' | 'set' | 'map';
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}

/** The schema of one resource type. */
export interface ResourceSchema {
  version: number;
  block: SchemaBlock;
}

/** `terraform providers schema -json`. */
export interface ProviderSchemasJson {
  format_version: string;
  provider_schemas?: Record<
    string,
    {
      provider?: ResourceSchema;
      resource_schemas?: Record<string, ResourceSchema>;
      data_source_schemas?: Record<string, ResourceSchema>;
    }
  >;
}

/** `terraform version -json`. */
export interface VersionJson {
  terraform_version: string;
  platform: string;
  provider_selections: Record<string, string>;
  terraform_outdated: boolean;
}
