// Resource instance addresses, formatted exactly as Terraform prints them.
import { quoteLit } from '../hcl/print.js';

/** An instance key: a count index or a for_each key. */
export type InstanceKey = number | string;

/** `[0]` or `["a b"]`, escaped as Terraform prints it (so it works verbatim in moved blocks and argv). */
export function formatKey(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `["${quoteLit(key)}"]`;
}

/** `module.a["x"].module.b` from call names and instance keys. */
export function formatModulePath(path: { name: string; key?: InstanceKey }[]): string {
  return path.map((p) => `module.${p.name}${formatKey(p.key)}`).join('.');
}

/** A resource instance address. */
export interface ResourceAddress {
  module: { name: string; key?: InstanceKey }[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: InstanceKey;
}

/** Formats a resource (instance) address as `terraform state list` does. */
export function formatAddress(a: ResourceAddress): string {
  const mod = formatModulePath(a.module);
  const res = `${a.mode === 'data' ? 'data.' : ''}${a.type}.${a.name}${formatKey(a.key)}`;
  return mod ? `${mod}.${res}` : res;
}
