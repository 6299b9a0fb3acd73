// The wizard's public face: run it on a terminal, or explain how to do the same without one.
import { initProblemFor } from '../batch/init.js';
import { loadModule } from '../config/load.js';
import { shellWord } from '../shell.js';
import { defaultCore } from './core.js';
import { runWizard, type WizardResult } from './flow.js';
import { terminalPrompts } from './prompts.js';
import { commandLines } from './render.js';
import { streamSpinner } from './spinner.js';

export { runWizard, STEPS, type WizardDeps, type WizardOptions, type WizardOutcome, type WizardResult } from './flow.js';
export { defaultCore, type WizardCore } from './core.js';
export { WizardAborted, type Choice, type Prompts } from './prompts.js';

/** Runs the wizard on this process's terminal. */
export function runTerminalWizard(opts: { cwd: string; terraformBin?: string; out: (text: string) => void }): Promise<WizardResult> {
  return runWizard(
    { prompts: terminalPrompts(), core: defaultCore({ bin: opts.terraformBin }), out: opts.out, spin: streamSpinner(process.stdout) },
    { cwd: opts.cwd, terraformBin: opts.terraformBin },
  );
}

/** Why the wizard did not start, and the command lines that do the same for each call in cwd. */
export interface NonInteractiveAdvice {
  message: string;
  commands: string[];
}

/** Advice for a run without a terminal (or with --json): one inline command line per call in cwd. */
export async function nonInteractiveAdvice(cwd: string, reason: string, terraformBin?: string): Promise<NonInteractiveAdvice> {
  const root = await loadModule(cwd).catch(() => undefined);
  const calls = root?.moduleCalls.map((c) => c.name) ?? [];
  const commands = calls.length
    ? calls.map((call) => commandLines({ dir: '.', call, terraformBin })[0]!)
    : ['unmodule inline DIR --module NAME --write'];
  commands.push(...commandLines({ dir: calls.length ? '.' : 'DIR', call: 'x', terraformBin }).slice(1));
  // The verify line would stop at "run terraform init": the init comes first.
  const why = root && calls.length ? await initProblemFor(cwd, root).catch(() => undefined) : undefined;
  if (why) commands.unshift(`${shellWord(terraformBin ?? 'terraform')} init`);
  return {
    message:
      `the unmodule wizard asks questions, so it needs an interactive terminal (${reason}); nothing was done.` +
      (why ? ` ${cwd} is not initialised: ${why}.` : '') +
      ' Run the same steps non-interactively (drop --write for a dry run that prints the diff and the moves):',
    commands,
  };
}
