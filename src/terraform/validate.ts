// `terraform validate -json`: the configuration as Terraform loads it, after init.
import { runTerraform, type TerraformOptions } from './runner.js';

/** One diagnostic of `terraform validate -json`, with the file and line it names (relative to cwd). */
export interface ValidateDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  file?: string;
  line?: number;
}

interface ValidateJson {
  valid: boolean;
  diagnostics?: { severity: 'error' | 'warning'; summary: string; detail?: string; range?: { filename: string; start: { line: number } } }[];
}

/** Runs `terraform validate -json` in opts.cwd (exit 1 = invalid, which is a result, not an error). */
export async function validate(opts: TerraformOptions): Promise<{ valid: boolean; diagnostics: ValidateDiagnostic[] }> {
  const res = await runTerraform(['validate', '-json', '-no-color'], opts, [0, 1]);
  const json = JSON.parse(res.stdout) as ValidateJson;
  return {
    valid: json.valid,
    diagnostics: (json.diagnostics ?? []).map((d) => ({
      severity: d.severity,
      summary: d.summary,
      detail: d.detail ?? '',
      ...(d.range ? { file: d.range.filename, line: d.range.start.line } : {}),
    })),
  };
}
