// The generated fleet for the batch e2e tests (scripts/bench/fleet.js builds it; the benchmark
// uses the same generator), applied for real with the test CLI config.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JS shared with the benchmark; its exports are used as documented there.
import { makeFleet, PLANTED_SECRET, TEST_FLEET } from '../../../scripts/bench/fleet.js';
import { makeTemp } from '../../helpers/terraform-env.js';
import { snapshot } from '../../helpers/cli.js';

export { PLANTED_SECRET, TEST_FLEET };

/** A fresh fleet in a temp dir: root/services/<name> (14 services) and root/repo. */
export function freshFleet(env: Record<string, string>): { root: string; services: string } {
  const root = makeTemp('unmodule-fleet-');
  makeFleet(root, TEST_FLEET, env);
  return { root, services: join(root, 'services') };
}

/** File hashes of every service (skipping .terraform), keyed by service. */
export function fleetSnapshot(services: string): Record<string, Record<string, string>> {
  return Object.fromEntries(readdirSync(services).map((s) => [s, snapshot(join(services, s))]));
}

/** A results file parsed. */
export function readJson<T = any>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
