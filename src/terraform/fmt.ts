// `terraform fmt`: canonical formatting of text we write, and a check of a directory.
import { TerraformNotFoundError } from './errors.js';
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

/** `terraform fmt DIR` in place; false when some file has a syntax error (exit 2) or was left unformatted. */
export async function fmtDir(dir: string, opts: TerraformOptions): Promise<boolean> {
  const res = await runTerraform(['fmt', '-no-color', '-list=false', dir], opts, [0, 2, 3]);
  return res.exitCode === 0;
}

/**
 * A text formatter backed by `terraform fmt -`, or undefined when terraform is not installed:
 * the output of unmodule is valid HCL either way, only its layout differs.
 */
export async function terraformFormatter(opts: TerraformOptions): Promise<((text: string) => Promise<string>) | undefined> {
  try {
    await fmt('', opts);
  } catch (err) {
    if (err instanceof TerraformNotFoundError) return undefined;
  }
  return (text: string) => fmt(text, opts);
}
