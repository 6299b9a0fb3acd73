// The wizard as a step machine: each step asks (through the injected prompts), calls the core,
// and prints; the driver runs the steps in order and turns aborts and refusals into endings.
// Nothing here decides anything about Terraform: names, moves, pins and verdicts come from the core.
import { resolve } from 'node:path';
import { isUserError } from '../cli/common.js';
import type { ModuleConfig } from '../config/module.js';
import type { FileChange } from '../inline/files.js';
import { InlineError, type Refactor } from '../inline/refactor.js';
import { instancesOf, type Inventory } from '../inventory/index.js';
import { renderDiff, renderMoves, renderNotes } from '../report/diff.js';
import type { ServiceResult } from '../sources/service.js';
import { renderVerdict } from '../verify/render.js';
import type { PlanVerdict } from '../verify/verdict.js';
import type { WizardCore } from './core.js';
import { WizardAborted, type Prompts } from './prompts.js';
import { callChoiceName, commandLines, nextSteps, proposedNames, renderFreeze, renderInventory, renderRanking } from './render.js';
import { shellWord } from '../shell.js';
import type { Spin } from './spinner.js';

/** Where a wizard run ended. */
export type WizardOutcome = 'verified' | 'changes' | 'declined' | 'aborted' | 'failed';

/** The end of a run: outcome, process exit code, what was written, and the equivalent commands. */
export interface WizardResult {
  outcome: WizardOutcome;
  /** 0 zero change or declined, 1 error (or stopped at a directory not initialised), 2 the plan shows changes, 130 Ctrl-C (like SIGINT). */
  exitCode: number;
  dir?: string;
  call?: string;
  written: string[];
  commands: string[];
}

/** Everything the wizard talks to: questions, the core, and where its text goes. */
export interface WizardDeps {
  prompts: Prompts;
  core: WizardCore;
  out: (text: string) => void;
  spin: Spin;
}

/** Where the wizard starts and which terraform the printed command lines name. */
export interface WizardOptions {
  cwd: string;
  terraformBin?: string;
}

/** What the steps have learned so far. */
interface State {
  dirArg: string;
  dir: string;
  root?: ModuleConfig;
  pins?: ServiceResult;
  inventory?: Inventory;
  inventoryProblem?: string;
  call?: string;
  pin: boolean;
  names: Record<string, string>;
  mode: 'moved' | 'state-mv';
  refactor?: Refactor;
  changes?: FileChange[];
  written: string[];
  pinned: boolean;
  verdict?: PlanVerdict;
  /** Never initialised, and the person chose to prove the change offline instead of running init. */
  offline: boolean;
  /** The call the survey ranks first in the chosen directory, offered as the default. */
  suggestedCall?: string;
}

type Ending = Pick<WizardResult, 'outcome' | 'exitCode'>;
type Step = (s: State, d: WizardDeps) => Promise<Ending | void>;

const chooseDirectory: Step = async (s, { prompts, core, out }) => {
  // The survey's ranking comes first: it says which module to escape, and where it is called.
  const base = s.dir;
  const ranking = core.survey ? await core.survey(base).catch(() => undefined) : undefined;
  const first = ranking?.modules.find((m) => m.recommendation === 'inline');
  if (ranking && ranking.modules.length > 1) out(`\n${renderRanking(ranking)}\n`);
  s.dirArg = await prompts.input({
    message: first && ranking!.modules.length > 1 ? `Service directory (the survey suggests ${first.callers[0]!.service}, module "${first.callers[0]!.call}"):` : 'Service directory (a Terraform root module):',
    default: first && ranking!.modules.length > 1 ? first.callers[0]!.service : '.',
    validate: async (v) => {
      try {
        const root = await core.loadService(resolve(s.dir, v));
        return root.moduleCalls.length > 0 ? true : `${v} calls no modules; there is nothing to inline there`;
      } catch (err) {
        if (isUserError(err)) return err.message;
        throw err;
      }
    },
  });
  s.dir = resolve(s.dir, s.dirArg);
  s.root = await core.loadService(s.dir);
  if (first && resolve(s.dir) === resolve(base, first.callers[0]!.service)) s.suggestedCall = first.callers[0]!.call;
};

// A directory terraform cannot plan yet is said plainly before anything else, and the person
// chooses: init it (only with their consent), prove the change offline, or stop.
const readiness: Step = async (s, { prompts, core, out, spin }) => {
  const why = await core.initProblem(s.dir, s.root!);
  if (!why) return;
  const init = `cd ${shellWord(s.dirArg)} && terraform init`;
  out(`\n${s.dirArg} is not initialised: ${why}. Terraform can neither read its state nor plan it until \`terraform init\` has run there.`);
  const how = await prompts.select<'offline' | 'init' | 'stop'>({
    message: 'How do you want to go on?',
    choices: [
      { value: 'offline', name: 'Prove the change offline: equivalence with the original on scratch copies (nothing is initialised here, no credentials)', short: 'offline' },
      { value: 'init', name: `Run terraform init in ${s.dirArg} now (writes .terraform and .terraform.lock.hcl there; needs the backend's credentials)`, short: 'terraform init' },
      { value: 'stop', name: `Stop here; I will run: ${init}`, short: 'stop' },
    ],
  });
  if (how === 'stop') {
    out(`Nothing was written. Run \`${init}\`, then unmodule again.`);
    return { outcome: 'declined', exitCode: 1 };
  }
  if (how === 'offline') {
    s.offline = true;
    return;
  }
  try {
    await spin(`terraform init in ${s.dirArg}`, () => core.init(s.dir), () => 'Initialised');
  } catch (err) {
    if (!isUserError(err)) throw err;
    out(`terraform init failed, so nothing was written: ${err.message}`);
    return { outcome: 'failed', exitCode: 1 };
  }
  const still = await core.initProblem(s.dir, s.root!);
  if (still) {
    out(`${s.dirArg} is still not ready after terraform init: ${still}. Nothing was written.`);
    return { outcome: 'failed', exitCode: 1 };
  }
};

const survey: Step = async (s, { core, spin }) => {
  s.pins = await spin('Reading module sources and refs', () => core.planPins(s.dir), (p) => `Read ${p.calls.length} module call(s)`);
  if (s.offline) {
    s.inventoryProblem = 'not initialised, so neither the state nor a plan can be read';
    return;
  }
  s.inventory = await spin(
    'Reading the state (terraform state list)',
    () =>
      core.readInventory(s.dir).catch((err: unknown) => {
        if (!isUserError(err)) throw err;
        s.inventoryProblem = `could not read the state or plan a snapshot (${err.message.split('\n')[0]})`;
        return undefined;
      }),
    (inv) => (inv ? `Read ${inv.addresses.length} resource instance(s) from ${inv.source === 'state' ? 'the state' : 'a plan'}` : 'No inventory available'),
  );
};

const chooseCall: Step = async (s, { prompts }) => {
  const calls = s.root!.moduleCalls;
  s.call = await prompts.select({
    message: 'Which module call do you want to inline?',
    ...(s.suggestedCall ? { default: s.suggestedCall } : {}),
    choices: calls.map((c) => ({
      value: c.name,
      short: c.name,
      name: callChoiceName(c, s.pins?.calls.find((f) => f.key === c.name), s.inventory && instancesOf(c, s.inventory.addresses).length),
    })),
  });
};

const freeze: Step = async (s, { prompts, out }) => {
  const pins = s.pins!;
  out(`\n${renderFreeze(pins)}`);
  const floating = pins.calls.filter((c) => c.status === 'floating');
  if (pins.status === 'failed') {
    out('Pinning is not possible until the errors above are fixed; continuing without pins.');
    return;
  }
  if (floating.length === 0) {
    out('Nothing floats: every ref is already pinned (or local).');
    return;
  }
  out(pins.diff.trimEnd());
  s.pin = await prompts.confirm({
    message: `Pin ${floating.length} floating ref(s) to what is deployed? (written only after you confirm the inline)`,
    default: true,
  });
};

const inventory: Step = async (s, { out }) => {
  const instances = s.inventory ? instancesOf({ name: s.call! }, s.inventory.addresses) : undefined;
  const source = s.inventory ? (s.inventory.source === 'state' ? 'terraform state list' : 'a plan of the current configuration') : s.inventoryProblem ?? 'no inventory';
  out(`\n${renderInventory(s.call!, instances, source)}`);
};

const adopt: Step = async (s, { prompts, core, out }) => {
  const opts = () => ({ inventory: s.inventory?.addresses, names: s.names });
  const first = await core.planInline(s.dir, s.call!, opts());
  const proposed = proposedNames(s.call!, first.moves);
  if (proposed.length) out(`\nAdopt: names for the plain resources (Enter keeps the proposal)`);
  for (const p of proposed) {
    const name = await prompts.input({
      message: `New name for ${p.key} (${p.type}.<name>):`,
      default: p.name,
      // The engine is the judge: a name is valid when the refactor plans with it.
      validate: async (v) => {
        try {
          await core.planInline(s.dir, s.call!, { ...opts(), names: { ...s.names, [p.key]: v } });
          return true;
        } catch (err) {
          if (err instanceof InlineError) return err.message;
          throw err;
        }
      },
    });
    if (name !== p.name) s.names[p.key] = name;
  }
};

const chooseMode: Step = async (s, { prompts, core }) => {
  s.mode = await prompts.select<'moved' | 'state-mv'>({
    message: 'How should Terraform learn the new addresses?',
    choices: [
      { value: 'moved', name: 'moved blocks in moved.tf (terraform plan/apply records the moves)', short: 'moved blocks' },
      {
        value: 'state-mv',
        name: 'terraform state mv (a script and a moves file; unmodule migrate runs it verified on a copy first)',
        short: 'terraform state mv',
        disabled: !core.stateMvAvailable ? 'not available in this build' : s.offline ? 'needs terraform init (the moves are checked against the state)' : false,
      },
    ],
  });
};

const preview: Step = async (s, { core, out }) => {
  s.refactor = await core.planInline(s.dir, s.call!, { inventory: s.inventory?.addresses, names: s.names });
  if (s.mode === 'state-mv') s.refactor = await core.toStateMv(s.refactor, s.inventory?.source === 'state' ? s.inventory.addresses : undefined);
  s.changes = await core.renderChanges(s.refactor);
  out(`\nPreview: the files as they would be written\n${renderDiff(s.changes).trimEnd()}`);
  const how = s.mode === 'state-mv' ? 'terraform state mv, in state-mv.sh / state-mv.json' : 'moved blocks in moved.tf';
  out(`\nState moves (${how}):\n${renderMoves(s.refactor.moves)}`);
  if (s.refactor.notes.length) out(`\n${renderNotes(s.refactor.notes)}`);
};

// Proof before the question: the change is written to a scratch copy and planned there (or
// compared offline with the original), so a person is only asked to write what terraform accepts.
// State-mv mode is checked after writing, on a copy of the state (see verifyStateMv).
const prove: Step = async (s, { core, out, spin }) => {
  if (s.mode === 'state-mv') return;
  const deployed = s.inventory?.source === 'state';
  const what = s.offline ? 'offline, against the original (scratch copies)' : deployed ? 'terraform plan on a scratch copy' : 'terraform plan on a scratch copy, against the original (nothing is deployed yet)';
  try {
    s.verdict = await spin(`Proving the change before writing: ${what}`, () => core.prove(s.dir, s.changes!, { offline: s.offline, deployed }), (v) => (v.zeroChange ? 'Proven: zero change' : 'Plan judged: changes found'));
  } catch (err) {
    if (!isUserError(err)) throw err;
    out(`\nThe change could not be proven, so nothing was written: ${err.message}`);
    return { outcome: 'failed', exitCode: 1 };
  }
  out(`\n${renderVerdict(s.verdict)}`);
  if (!s.verdict.zeroChange) {
    out('\nThe change is not zero-change, so nothing was written. Inspect the changes above.');
    return { outcome: 'changes', exitCode: 2 };
  }
};

const confirmWrite: Step = async (s, { prompts, out }) => {
  const what = `${s.changes!.length} file change(s)${s.pin ? ' and the pins' : ''}`;
  const yes = await prompts.confirm({ message: `Write ${what} in ${s.dirArg}?`, default: false });
  if (yes) return;
  out('Nothing was written.');
  return { outcome: 'declined', exitCode: 0 };
};

const write: Step = async (s, { core, out }) => {
  s.written = await core.writeChanges(s.dir, s.changes!, { proven: s.verdict?.zeroChange === true });
  out(`Wrote ${s.written.join(', ')}.`);
  if (!s.pin) return;
  // Pins are planned again on the written files: the inlined call's block is gone, the others'
  // bytes are unchanged, so the pins are those shown above minus the inlined call's.
  const pins = await core.planPins(s.dir);
  if (pins.status === 'changed') {
    try {
      await core.writePins(pins);
    } catch (err) {
      out(`The inline is written, but the pins are not: ${(err as Error).message}\nRun: unmodule pin ${shellWord(s.dirArg)} --write`);
      return { outcome: 'failed', exitCode: 1 };
    }
    s.pinned = true;
    out(`Pinned ${pins.calls.filter((c) => c.pin).length} module ref(s).`);
  }
};

const verify: Step = async (s, deps) => {
  if (s.mode === 'state-mv') return verifyStateMv(s, deps);
  const { core, out, spin } = deps;
  if (s.offline) {
    out(
      [
        '',
        `Next steps (the proof was offline: terraform has not planned ${s.dirArg} against its real state):`,
        `  1. cd ${shellWord(s.dirArg)} && terraform init`,
        `  2. unmodule verify ${shellWord(s.dirArg)}  (a real plan: zero change apart from the moves)`,
        `  3. Review and commit ${s.written.join(', ')}; apply through your usual pipeline.`,
      ].join('\n'),
    );
    return { outcome: 'verified', exitCode: 0 };
  }
  // The plan on the scratch copy was the plan of exactly these files; only pins (new module
  // sources, written after the confirm) need another init and plan here.
  if (s.verdict && !s.pinned) {
    out(`\n${nextSteps({ written: s.written, pinned: false, call: s.call! })}`);
    return { outcome: 'verified', exitCode: 0 };
  }
  try {
    if (s.pinned) await spin('terraform init (module sources were pinned)', () => core.init(s.dir));
    s.verdict = await spin('Verifying: terraform plan', () => core.verify(s.dir), (v) => (v.zeroChange ? 'Plan judged: zero change' : 'Plan judged: changes found'));
  } catch (err) {
    if (!isUserError(err)) throw err;
    out(`Verification could not run: ${err.message}\nThe files are written; fix the cause and run: unmodule verify ${shellWord(s.dirArg)}`);
    return { outcome: 'failed', exitCode: 1 };
  }
  out(`\n${renderVerdict(s.verdict)}`);
  if (!s.verdict.zeroChange) {
    out(`\nThe plan is not zero-change, so do not apply it. Inspect the changes above; to undo, restore ${s.written.join(', ')} from git (new files: delete them).`);
    return { outcome: 'changes', exitCode: 2 };
  }
  out(`\n${nextSteps({ written: s.written, pinned: s.pinned, call: s.call! })}`);
  return { outcome: 'verified', exitCode: 0 };
};

// State-mv mode: the config has no moved blocks, so a plan of the real state would show every
// resource replaced until the moves run. The check is migrate's dry run instead: moves resolved
// against the state, applied on a temp copy, plan there must be zero change. Nothing real moves.
const verifyStateMv: Step = async (s, { core, out, spin }) => {
  try {
    if (s.pinned) await spin('terraform init (module sources were pinned)', () => core.init(s.dir));
    const r = await spin('Verifying the moves on a copy of the state', () => core.checkStateMv(s.dir), () => 'Moves checked on a copy of the state');
    out(`\n${r.steps.map((st) => `${st.ok ? '✔' : '✘'} ${st.step}: ${st.detail}`).join('\n')}`);
    if (r.steps.some((st) => !st.ok) || (r.verdict && !r.verdict.zeroChange)) {
      out(`\nThe moves do not plan clean on the copy, so do not run them. To undo, restore ${s.written.join(', ')} from git (new files: delete them).`);
      return { outcome: 'changes', exitCode: 2 };
    }
  } catch (err) {
    if (!isUserError(err)) throw err;
    out(`The moves could not be checked: ${err.message}\nThe files are written; fix the cause and run: unmodule migrate ${shellWord(s.dirArg)}`);
    return { outcome: 'failed', exitCode: 1 };
  }
  out(
    [
      '',
      'Next steps:',
      `  1. Review and commit ${s.written.join(', ')}.`,
      `  2. Move the real state: unmodule migrate ${shellWord(s.dirArg)} --execute`,
      '     (backup first, verified on a copy, restored on failure), or sh state-mv.sh.',
      '  3. Then terraform plan shows no changes; apply through your usual pipeline.',
    ].join('\n'),
  );
  return { outcome: 'verified', exitCode: 0 };
};

/** The steps in the order the escape plan takes them. */
export const STEPS: readonly Step[] = [chooseDirectory, readiness, survey, chooseCall, freeze, inventory, adopt, chooseMode, preview, prove, confirmWrite, write, verify];

/** Runs the wizard to its end; never exits the process (the caller maps exitCode). */
export async function runWizard(deps: WizardDeps, opts: WizardOptions): Promise<WizardResult> {
  const s: State = { dirArg: '.', dir: opts.cwd, pin: false, names: {}, mode: 'moved', written: [], pinned: false, offline: false };
  let ending: Ending | undefined;
  try {
    for (const step of STEPS) {
      ending = (await step(s, deps)) ?? undefined;
      if (ending) break;
    }
  } catch (err) {
    if (err instanceof WizardAborted) {
      deps.out(`\nAborted: ${s.written.length ? `already written: ${s.written.join(', ')}` : 'nothing was written'}.`);
      ending = { outcome: 'aborted', exitCode: 130 };
    } else if (isUserError(err)) {
      deps.out(`\nError: ${err.message}\n${s.written.length ? `Already written: ${s.written.join(', ')}.` : 'Nothing was written.'}`);
      ending = { outcome: 'failed', exitCode: 1 };
    } else throw err;
  }
  const commands = s.call ? commandLines({ dir: s.dirArg, call: s.call, pin: s.pin, terraformBin: opts.terraformBin, names: s.names, mode: s.mode }) : [];
  if (commands.length && ending?.outcome !== 'aborted') {
    deps.out(`\nThe same refactor without the wizard:\n${commands.map((c) => `  ${c}`).join('\n')}`);
  }
  return { ...(ending ?? { outcome: 'failed', exitCode: 1 }), dir: s.dir, call: s.call, written: s.written, commands };
}
