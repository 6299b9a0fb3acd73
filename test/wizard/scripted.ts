// Scripted answers for the wizard's Prompts: each question must match the next expected message;
// an input answer may be a list, tried in order against the prompt's validate (like a person
// retyping after an error). Everything asked and every validation message is recorded.
import { expect } from 'vitest';
import { WizardAborted, type Choice, type Prompts } from '../../src/wizard/prompts.js';

/** One expected question and its answer; ABORT stands for Ctrl-C; DEFAULT for pressing Enter. */
export type Answer = [RegExp, string | string[] | boolean | typeof ABORT | typeof DEFAULT];

/** Ctrl-C at this question. */
export const ABORT = Symbol('ctrl-c');
/** Enter: accept the question's default. */
export const DEFAULT = Symbol('enter');

/** What a scripted run saw. */
export interface Transcript {
  asked: string[];
  rejected: string[];
  choices: Record<string, Choice<unknown>[]>;
}

/** Prompts that answer from the script and fail the test on an unexpected question. */
export function scripted(script: Answer[]): { prompts: Prompts; transcript: Transcript } {
  const queue = [...script];
  const transcript: Transcript = { asked: [], rejected: [], choices: {} };
  const next = (message: string) => {
    transcript.asked.push(message);
    const step = queue.shift();
    if (!step) throw new Error(`unexpected question (script exhausted): ${message}`);
    expect(message).toMatch(step[0]);
    if (step[1] === ABORT) throw new WizardAborted();
    return step[1];
  };
  const prompts: Prompts = {
    async input(q) {
      const a = next(q.message);
      const tries = a === DEFAULT ? [q.default ?? ''] : Array.isArray(a) ? a : [a as string];
      for (const t of tries) {
        const ok = q.validate ? await q.validate(t) : true;
        if (ok === true) return t;
        transcript.rejected.push(ok);
      }
      throw new Error(`every scripted answer to "${q.message}" was rejected: ${transcript.rejected.join(' | ')}`);
    },
    async select<T>(q: { message: string; choices: Choice<T>[]; default?: T }) {
      const a = next(q.message);
      transcript.choices[q.message] = q.choices as Choice<unknown>[];
      const enabled = q.choices.filter((c) => !c.disabled);
      if (a === DEFAULT) return (q.default ?? enabled[0]!.value) as T;
      const c = q.choices.find((x) => x.value === a);
      if (!c || c.disabled) throw new Error(`"${String(a)}" is not a selectable choice of "${q.message}"`);
      return c.value;
    },
    async confirm(q) {
      const a = next(q.message);
      return a === DEFAULT ? (q.default ?? false) : (a as boolean);
    },
  };
  return { prompts, transcript };
}
