// `terraform providers schema -json`: the schemas of every provider the config uses (the
// built-in terraform.io/builtin/terraform included when terraform_data is used). Needs an init
// with a backend: after `init -backend=false` with a remote backend configured it fails.
import { runTerraform, type TerraformOptions } from './runner.js';
import type { ProviderSchemasJson, ResourceSchema } from './types.js';

/** Runs `terraform providers schema -json`. */
export async function providersSchema(opts: TerraformOptions): Promise<ProviderSchemasJson> {
  const res = await runTerraform(['providers', 'schema', '-json'], opts);
  return JSON.parse(res.stdout) as ProviderSchemasJson;
}

/** The schema of a managed resource type from a provider ("registry.terraform.io/hashicorp/aws"). */
export function resourceSchema(schemas: ProviderSchemasJson, provider: string, type: string): ResourceSchema | undefined {
  return schemas.provider_schemas?.[provider]?.resource_schemas?.[type];
}
