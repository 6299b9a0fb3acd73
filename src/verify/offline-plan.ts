// A plan of one configuration without credentials or backend: the same scratch workspace as
// `verify --offline` (local backend, mock-credential providers, a loopback STS), planned once.
import { join } from 'node:path';
import { init, type TerraformOptions } from '../terraform/index.js';
import type { PlanJson } from '../terraform/types.js';
import { offlineEnv, offlineRegion } from './offline.js';
import { prepareOfflineWorkspace } from './offline-workspace.js';
import { planJson } from './online.js';
import { startStsLoopback } from './sts-loopback.js';
import { removeScratch, scratchDir } from '../scratch.js';

/** Plans dir offline (what it would create from an empty state); nothing in dir is touched. */
export async function planOffline(dir: string, tf: Omit<TerraformOptions, 'cwd'> = {}): Promise<PlanJson> {
  const temp = scratchDir('unmodule-offline-plan');
  const sts = await startStsLoopback();
  try {
    const ws = await prepareOfflineWorkspace(dir, join(temp, 'copy'), offlineRegion(), sts.endpoint);
    const opts = { ...tf, env: offlineEnv(tf.env) };
    await init({ ...opts, cwd: ws.dir });
    return await planJson(ws.dir, opts, { refresh: false, lock: false });
  } finally {
    await sts.close();
    await removeScratch(temp);
  }
}
