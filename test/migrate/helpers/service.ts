// Applied service copies for the migrate tests: terraform run through src/terraform (argv only).
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { apply, init, showState, statePull } from '../../../src/terraform/index.js';
import type { RawStateResource, StateModule } from '../../../src/terraform/types.js';
import { copyFixture, testCliConfig } from '../../helpers/terraform-env.js';

/** Runner options for `dir` with the test CLI config. */
export function tfIn(dir: string) {
  return { cwd: dir, env: testCliConfig() };
}

/** fixtures/<name> copied, initialised and applied for real; returns the copy's path. */
export async function appliedFixture(name: string): Promise<string> {
  const dir = copyFixture(name);
  await init(tfIn(dir));
  await apply(tfIn(dir));
  return dir;
}

/** A second copy of an applied service, state and .terraform included (same objects, same ids). */
export function cloneApplied(dir: string, suffix: string): string {
  const to = `${dir}-${suffix}`;
  cpSync(dir, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

/** The state's resources, sorted, for comparing two states object by object. */
export async function stateResources(dir: string): Promise<RawStateResource[]> {
  return sortResources((await statePull(tfIn(dir))).state.resources);
}

/** Resources sorted by module, type and name (state files list them in write order). */
export function sortResources(rs: RawStateResource[]): RawStateResource[] {
  const key = (r: RawStateResource) => `${r.module ?? ''} ${r.mode} ${r.type} ${r.name}`;
  return [...rs].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Every resource instance's address and values, as `terraform show -json` has them. */
export async function stateValues(dir: string): Promise<Record<string, unknown>> {
  const s = await showState(tfIn(dir));
  const out: Record<string, unknown> = {};
  const walk = (m: StateModule | undefined): void => {
    for (const r of m?.resources ?? []) out[r.address] = r.values;
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(s.values?.root_module);
  return out;
}

/** unmodule backups in dir. */
export function backups(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith('unmodule-backup-'));
}

/** Joins a file name onto the dir. */
export const at = (dir: string, f: string) => join(dir, f);
