// The questions the wizard asks, behind an interface so tests can script the answers. This file
// is the only one in the project that imports @inquirer/prompts.
import { confirm, input, select } from '@inquirer/prompts';

/** One entry of a select list; `disabled` with a string shows why it cannot be picked. */
export interface Choice<T> {
  value: T;
  name: string;
  /** Shown after the choice is made (default: name). */
  short?: string;
  description?: string;
  disabled?: boolean | string;
}

/** The three kinds of question the wizard asks. Implementations throw WizardAborted on Ctrl-C. */
export interface Prompts {
  input(q: { message: string; default?: string; validate?: (value: string) => Promise<true | string> }): Promise<string>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

/** The person left the wizard (Ctrl-C / Ctrl-D) while it was asking something. */
export class WizardAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'WizardAborted';
  }
}

// inquirer signals Ctrl-C with ExitPromptError; matching by name keeps @inquirer/core (a transitive
// dependency) out of our imports.
async function mapAbort<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new WizardAborted();
    throw err;
  }
}

/** Real prompts on the terminal (stdin/stdout). */
export function terminalPrompts(): Prompts {
  return {
    input: (q) => mapAbort(input({ message: q.message, default: q.default, validate: q.validate, theme: { validationFailureMode: 'keep' } })),
    select: <T>(q: { message: string; choices: Choice<T>[]; default?: T }) =>
      mapAbort(select<T>({ message: q.message, choices: q.choices, default: q.default, pageSize: 12, loop: false })),
    confirm: (q) => mapAbort(confirm({ message: q.message, default: q.default })),
  };
}
