// `terraform fmt`: the oracle of the in-process formatter (src/hcl/format.ts) in tests, and a check
// of a directory. unmodule itself formats in process.
import { runTerraform, type TerraformOptions } from './runner.js';

/** Formats HCL text through `terraform fmt -` (stdin). A syntax error (exit 2) throws TerraformError. */
export async function fmt(text: string, opts: TerraformOptions): Promise<string> {
  const res = await runTerraform(['fmt', '-no-color', '-'], { ...opts, input: text });
  return res.stdout;
}

/** Result of `fmt -check`: the files (relative to the checked dir) that are not formatted. */
export interface FmtCheckResult {
  formatted: boolean;
  files: string[];
}

/** `terraform fmt -check -list=true` in dir (exit 3 = some files unformatted; 2 = syntax error, throws). */
export async function fmtCheck(dir: string, opts: Omit<TerraformOptions, 'cwd'> = {}, recursive = false): Promise<FmtCheckResult> {
  const args = ['fmt', '-no-color', '-check', '-list=true'];
  if (recursive) args.push('-recursive');
  const res = await runTerraform(args, { ...opts, cwd: dir }, [0, 3]);
  const files = res.stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return { formatted: res.exitCode === 0, files };
}
