// The reference parser gate: hashicorp/hcl compiled to WASM. Every file unmodule writes is parsed
// here first. It loses comments and attribute order, so it is never the basis for rewriting.
// @cdktn/hcl2json is the maintained fork of @cdktf/hcl2json (CDK for Terraform, archived upstream
// in Dec 2025); the API is identical, so this file is the only one that names it.

// Loaded on first use: importing it instantiates a Go WASM module (~0.3 s), which commands that
// never write HCL (verify, inventory, --help) should not pay for.
let parser: Promise<typeof import('@cdktn/hcl2json')> | undefined;
async function parse(path: string, text: string): Promise<unknown> {
  parser ??= import('@cdktn/hcl2json');
  return (await parser).parse(path, text);
}

/** Parses HCL text with hashicorp/hcl; resolves to its JSON form, rejects with the HCL diagnostic. */
export async function parseToJson(path: string, text: string): Promise<Record<string, unknown>> {
  return (await parse(path, text)) as Record<string, unknown>;
}

/** A file that the reference parser rejected, with the diagnostic it gave. */
export interface GateFailure {
  path: string;
  message: string;
}

/** Checks that every file parses with hashicorp/hcl; returns the failures (empty when all pass). */
export async function gateFiles(files: { path: string; text: string }[]): Promise<GateFailure[]> {
  const failures: GateFailure[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.tf')) continue;
    try {
      await parse(f.path, f.text);
    } catch (err) {
      failures.push({ path: f.path, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return failures;
}
