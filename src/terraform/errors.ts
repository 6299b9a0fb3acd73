// Errors from running terraform. Callers branch on `exitCode` (and on the class), never on the
// message text; the message is for the person reading it.

/** One diagnostic as terraform prints it with -no-color: "Error: <summary>" plus location and detail. */
export interface TerraformDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  /** "main.tf line 2" when terraform named a source range. */
  location?: string;
  /** The resource or data source address of a "with ADDR," line, when terraform named one. */
  address?: string;
  detail: string;
}

/** A terraform run that exited with a code the caller did not accept. */
export class TerraformError extends Error {
  override name = 'TerraformError';
  /** Full argv, binary first. */
  readonly argv: string[];
  readonly cwd: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Error diagnostics parsed from stderr (then stdout), first one first. */
  readonly diagnostics: TerraformDiagnostic[];

  /** `run.diagnostics`, when given, replaces parsing the output (e.g. `-json` runs print them as JSON). */
  constructor(summary: string, run: { argv: string[]; cwd: string; exitCode: number; stdout: string; stderr: string; diagnostics?: TerraformDiagnostic[] }) {
    const diagnostics = run.diagnostics ? run.diagnostics.filter((d) => d.severity === 'error') : parseDiagnostics(run.stderr).filter((d) => d.severity === 'error');
    if (diagnostics.length === 0) diagnostics.push(...parseDiagnostics(run.stdout).filter((d) => d.severity === 'error'));
    const first = primaryDiagnostic(diagnostics);
    const lines = [summary];
    if (first) lines.push(formatDiagnostic(first));
    else if (run.stderr.trim()) lines.push(lastLines(run.stderr, 6));
    lines.push(`  command: ${run.argv.map(quoteArg).join(' ')}`, `  in: ${run.cwd}`);
    super(lines.join('\n'));
    this.argv = run.argv;
    this.cwd = run.cwd;
    this.exitCode = run.exitCode;
    this.stdout = run.stdout;
    this.stderr = run.stderr;
    this.diagnostics = diagnostics;
  }
}

/** The terraform binary could not be started because it is not on PATH (or not at the given path). */
export class TerraformNotFoundError extends Error {
  override name = 'TerraformNotFoundError';
  readonly bin: string;

  constructor(bin: string) {
    super(
      `terraform binary '${bin}' not found on PATH; install terraform or pass --terraform-bin / set UNMODULE_TERRAFORM_BIN (e.g. tofu)`,
    );
    this.bin = bin;
  }
}

// Terraform prints diagnostics either bare (-no-color) or framed with box-drawing characters
// (verbs that have no -no-color flag, e.g. the CLI-config warning). Strip the frame first.
const FRAME = /^[╷╵│]\s?/u;

/** Parses terraform's human diagnostics ("Error: ...", "Warning: ...") out of command output. */
export function parseDiagnostics(text: string): TerraformDiagnostic[] {
  const lines = text.split(/\r?\n/).map((l) => l.replace(FRAME, ''));
  const out: TerraformDiagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(Error|Warning): (.*)$/.exec(lines[i]!);
    if (!m) continue;
    const diag: TerraformDiagnostic = { severity: m[1] === 'Error' ? 'error' : 'warning', summary: m[2]!.trim(), detail: '' };
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (/^(Error|Warning): /.test(lines[j]!)) break;
      body.push(lines[j]!);
    }
    // The summary can wrap onto following lines until the first blank line.
    let k = 0;
    while (k < body.length && body[k]!.trim() !== '') diag.summary += ' ' + body[k++]!.trim();
    const rest = body.slice(k);
    const loc = rest.findIndex((l) => /^\s*on .+ line \d+/.test(l));
    if (loc >= 0) {
      diag.location = /^\s*on (.+? line \d+)/.exec(rest[loc]!)![1];
      const withLine = rest.slice(0, loc).reverse().find((l) => /^\s*with .+,$/.test(l));
      if (withLine) diag.address = /^\s*with (.+),$/.exec(withLine)![1];
      // Skip the quoted source lines ("   2:   input =") that follow the location.
      let d = loc + 1;
      while (d < rest.length && (/^\s+\d+:/.test(rest[d]!) || /^\s+[│├└]/u.test(rest[d]!) || /^\s+\.\.\.$/.test(rest[d]!))) d++;
      diag.detail = collapse(rest.slice(d));
    } else {
      diag.detail = collapse(rest);
    }
    out.push(diag);
    i = j - 1;
  }
  return out;
}

// `init` leads with a generic "Terraform encountered problems during initialisation" error; the
// one that teaches is the first with a source location, so prefer that.
function primaryDiagnostic(diags: TerraformDiagnostic[]): TerraformDiagnostic | undefined {
  return diags.find((d) => d.location) ?? diags[0];
}

function formatDiagnostic(d: TerraformDiagnostic): string {
  const head = `Error: ${d.summary}${d.location ? ` (${d.location})` : ''}`;
  return d.detail ? `${head}\n  ${d.detail.split('\n').join('\n  ')}` : head;
}

function collapse(lines: string[]): string {
  return lines.join('\n').trim().replace(/\n{3,}/g, '\n\n');
}

function lastLines(text: string, n: number): string {
  return text.trim().split(/\r?\n/).slice(-n).join('\n');
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
