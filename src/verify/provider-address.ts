// The provider configuration address a resource instance is recorded under in state
// (`provider["registry.terraform.io/hashicorp/aws"].west`), worked out from the plan's
// `configuration` section.
import type { ConfigModule, ConfigResource, PlanJson, StateResource } from '../terraform/types.js';
import { IDENTIFIER } from '../hcl/ast.js';

const BUILTIN = 'terraform.io/builtin/terraform';

/** The state `provider` string for a resource in module `module` ("module.a[\"k\"].module.b" or undefined). */
export function providerAddress(plan: PlanJson, module: string | undefined, resource: StateResource): string {
  const fallback = `provider[${JSON.stringify(resource.provider_name)}]`;
  // The built-in provider is never configured; state always records the root's implied one.
  if (resource.provider_name === BUILTIN) return fallback;
  const key = configResource(plan, module, resource)?.provider_config_key;
  if (!key) return fallback;
  const entry = plan.configuration?.provider_config?.[key];
  const full = entry?.full_name ?? resource.provider_name;
  const localName = key.includes(':') ? key.slice(key.lastIndexOf(':') + 1) : key;
  const alias = entry?.alias ?? (localName.includes('.') ? localName.slice(localName.indexOf('.') + 1) : undefined);
  // Keys like "module.c:aws" also appear for providers a module merely requires. Only a real
  // provider block in that module (it has expressions) makes state record it under the module.
  const inModule = key.includes(':') && entry?.module_address && entry.expressions && Object.keys(entry.expressions).length > 0;
  return `${inModule ? `${entry!.module_address}.` : ''}provider[${JSON.stringify(full)}]${alias ? `.${alias}` : ''}`;
}

/** The resource block (in the plan's `configuration`) that a resource instance in `module` comes from. */
export function configResource(
  plan: PlanJson,
  module: string | undefined,
  r: { mode: 'managed' | 'data'; type: string; name: string },
): ConfigResource | undefined {
  const cfg = configModule(plan.configuration?.root_module, moduleCallPath(module));
  const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
  return cfg?.resources?.find((x) => x.address === local);
}

/** Module call names along a module instance address: module.a["k"].module.b → ["a", "b"]. */
export function moduleCallPath(module: string | undefined): string[] {
  if (!module) return [];
  const names: string[] = [];
  const re = new RegExp(`module\\.(${IDENTIFIER})(\\[(?:"(?:[^"\\\\]|\\\\.)*"|\\d+)\\])?\\.?`, 'guy');
  let m: RegExpExecArray | null;
  while ((m = re.exec(module)) !== null) names.push(m[1]!);
  return names;
}

function configModule(root: ConfigModule | undefined, path: string[]): ConfigModule | undefined {
  let mod = root;
  for (const name of path) mod = mod?.module_calls?.[name]?.module;
  return mod;
}
