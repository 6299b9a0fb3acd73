// `terraform console`: evaluates one expression over literals (the evaluator's oracle in tests).
import { runTerraform, type TerraformOptions } from './runner.js';

/**
 * Evaluates a one-line expression with `terraform console` in opts.cwd (which may hold a
 * configuration of locals for it to read) and returns what it prints. Piped input is read line by
 * line and only the last value is printed, so callers that need many values evaluate one tuple
 * of them. An invalid expression throws TerraformError.
 */
export async function consoleEval(expression: string, opts: TerraformOptions): Promise<string> {
  const res = await runTerraform(['console', '-no-color'], { ...opts, input: `${expression}\n` });
  return res.stdout.trim();
}
