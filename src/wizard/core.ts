// The core calls the wizard makes, gathered behind one interface: the same functions the
// `inventory`, `pin`, `inline` and `verify` commands call, so a wizard run and the equivalent
// command lines do the same thing. Tests swap out the terraform-backed members.
import { loadModule } from '../config/load.js';
import type { ModuleConfig } from '../config/module.js';
import { declaredMoves } from '../config/moved.js';
import { hclFormatter, writeChanges, type FileChange } from '../inline/files.js';
import { inlineCall } from '../inline/index.js';
import type { Refactor } from '../inline/refactor.js';
import { readInventory, type Inventory } from '../inventory/index.js';
import { newGitCache } from '../sources/deployed.js';
import { planService, writeService, type ServiceResult } from '../sources/service.js';
import { initProblemFor, needsInit } from '../batch/init.js';
import { detachTerraformDir, openWorkspace, writeToWorkspace } from '../batch/workspace.js';
import { getModules, init } from '../terraform/index.js';
import { verifyWithBaseline } from '../verify/baseline.js';
import { verifyOffline } from '../verify/offline.js';
import { ensureModulesInstalled } from '../verify/modules.js';
import { verifyInPlace } from '../verify/online.js';
import { migrateDir, type MigrateResult } from '../migrate/index.js';
import { renderRefactorChanges, toStateMvRefactor } from '../migrate/mode.js';
import { loadScriptTemplate } from '../migrate/script.js';
import type { PlanVerdict } from '../verify/verdict.js';
import { survey, type SurveyReport } from '../survey/index.js';

/** What the wizard may ask of the engine and of terraform. */
export interface WizardCore {
  /** Parses the service directory (throws ModuleLoadError / HclSyntaxError). */
  loadService(dir: string): Promise<ModuleConfig>;
  /** Freeze: every call's ref and, for floating ones, the planned pin (nothing written). */
  planPins(dir: string): Promise<ServiceResult>;
  /** Writes a planned pin result (all of the service's files or none). */
  writePins(result: ServiceResult): Promise<void>;
  /** Inventory from state, or from a plan when no state can be read. */
  readInventory(dir: string): Promise<Inventory>;
  /** Adopt: the refactor for one call (pure planning; throws InlineError when it cannot be exact). */
  planInline(dir: string, call: string, opts: { inventory?: string[]; names?: Record<string, string> }): Promise<Refactor>;
  /** Final file texts: formatted and gated by the reference parser. */
  renderChanges(refactor: Refactor): Promise<FileChange[]>;
  /** Writes all changes or none; `proven`: a plan already loaded them, so terraform validate is not run again. */
  writeChanges(dir: string, changes: FileChange[], o?: { proven?: boolean }): Promise<string[]>;
  /** `terraform init` (needed after pins change module sources). */
  init(dir: string): Promise<void>;
  /** A real plan in dir, judged against the moved blocks it declares. */
  verify(dir: string): Promise<PlanVerdict>;
  /** Why terraform cannot plan dir until `terraform init` runs there; undefined when it can. */
  initProblem(dir: string, root: ModuleConfig): Promise<string | undefined>;
  /**
   * The change judged before anything is written: applied to a scratch copy of dir and planned
   * there. `offline`: equivalence with the original (no init, no credentials); `deployed` false:
   * nothing is in the state yet, so what the original plans too is set aside (baseline).
   */
  prove(dir: string, changes: FileChange[], o: { offline: boolean; deployed: boolean }): Promise<PlanVerdict>;
  /** The state-mv form of a refactor: a script and a moves file instead of moved blocks. */
  toStateMv(refactor: Refactor, inventory?: string[]): Promise<Refactor>;
  /** The state-mv dry run: moves resolved against the state and verified on a temp copy (nothing real moves). */
  checkStateMv(dir: string): Promise<MigrateResult>;
  /** Whether `state mv` mode is offered; moved blocks always are. */
  stateMvAvailable: boolean;
  /** The fleet survey under dir (configurations only), to suggest where to start. */
  survey?(dir: string): Promise<SurveyReport>;
}

/** The real core, running terraform as `bin` (default: $UNMODULE_TERRAFORM_BIN, then terraform). */
export function defaultCore(tf: { bin?: string } = {}): WizardCore {
  const cache = newGitCache();
  return {
    loadService: (dir) => loadModule(dir),
    survey: (dir) => survey([dir], dir),
    planPins: (dir) => planService(dir, { terraform: tf, base: dir }, cache),
    writePins: (result) => writeService(result),
    readInventory: (dir) => readInventory(dir, tf, { source: 'auto' }),
    planInline: (dir, call, o) => inlineCall(dir, call, o),
    renderChanges: async (refactor) => renderRefactorChanges(refactor, hclFormatter),
    writeChanges: (dir, changes, o) => writeChanges(dir, changes, o?.proven ? {} : { terraform: tf }),
    init: async (dir) => {
      await init({ ...tf, cwd: dir });
    },
    verify: async (dir) => {
      const config = await loadModule(dir);
      await ensureModulesInstalled(dir, tf, config);
      return verifyInPlace(dir, tf, declaredMoves(config));
    },
    initProblem: (dir, root) => initProblemFor(dir, root),
    prove: async (dir, changes, o) => {
      const ws = await openWorkspace(dir);
      try {
        await writeToWorkspace(ws, changes);
        const rewritten = await loadModule(ws.dir);
        const expectedMoves = declaredMoves(rewritten);
        if (o.offline) return await verifyOffline({ originalDir: dir, rewrittenDir: ws.dir, expectedMoves, tf });
        // Module calls the refactor added (nested modules kept as root calls) are installed in
        // the copy's own .terraform; the service's stays as it is.
        if (await needsInit(ws.dir, rewritten)) {
          await detachTerraformDir(ws, { linkProviders: true });
          await getModules({ ...tf, cwd: ws.dir });
        }
        if (!o.deployed) return await verifyWithBaseline({ dir: ws.dir, original: dir, expectedMoves, tf });
        return await verifyInPlace(ws.dir, tf, expectedMoves, {}, ws.scratch);
      } finally {
        await ws.cleanup();
      }
    },
    toStateMv: async (refactor, inventory) => toStateMvRefactor(refactor, await loadScriptTemplate(), inventory),
    checkStateMv: (dir) => migrateDir(dir, { execute: false, tf }),
    stateMvAvailable: true,
  };
}
