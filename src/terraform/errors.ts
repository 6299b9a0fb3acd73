// Errors from running terraform. Callers branch on `exitCode` (and on the class), never on the
// message text; the message is for the person reading it: which command failed in which
// directory, terraform's diagnostic (from -json where the verb offers it, else its -no-color text,
// cleaned of colour codes and frames), and the state file when the state is the problem.
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { shellCommand, shellWord } from '../shell.js';
import { describeState, isHeldLock, isHeldOsLock, isStateProblem, lockId } from './state-file.js';

/** One diagnostic as terraform prints it with -no-color: "Error: <summary>" plus location and detail. */
export interface TerraformDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  /** "main.tf line 2" when terraform named a source range. */
  location?: string;
  /** The resource or data source address of a "with ADDR," line, when terraform named one. */
  address?: string;
  detail: string;
  /** The source line terraform quoted (`-json` diagnostics carry it), trimmed. */
  snippet?: string;
}

/** A terraform run that exited with a code the caller did not accept. */
export class TerraformError extends UserError {
  override name = 'TerraformError';
  /** Full argv, binary first. */
  readonly argv: string[];
  readonly cwd: string;
  /** Terraform's exit code (-1 when it could not start); the CLI's own is `exit`. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Error diagnostics parsed from stderr (then stdout), first one first. */
  readonly diagnostics: TerraformDiagnostic[];
  /** The state file (or backend) when the state is what failed, in words. */
  readonly state?: string;

  /**
   * `run.diagnostics`, when given, replaces parsing the output (e.g. `-json` runs print them as
   * JSON); `run.env` is the run's environment (it can select the workspace, hence the state file).
   */
  constructor(
    summary: string,
    run: { argv: string[]; cwd: string; exitCode: number; stdout: string; stderr: string; diagnostics?: TerraformDiagnostic[]; env?: Record<string, string | undefined> },
  ) {
    const diagnostics = (run.diagnostics ?? parseDiagnostics(run.stderr)).filter((d) => d.severity === 'error');
    if (diagnostics.length === 0) diagnostics.push(...parseDiagnostics(run.stdout).filter((d) => d.severity === 'error'));
    const first = primaryDiagnostic(diagnostics);
    const output = `${run.stderr}\n${run.stdout}\n${diagnostics.map((d) => `${d.summary}\n${d.detail}`).join('\n')}`;
    const state = isStateProblem(output) ? describeState(run.cwd, run.env) : undefined;
    const command = shellCommand(run.argv);
    const lines = [`${summary} in ${run.cwd}`];
    if (state) lines.push(capitalise(stateAdvice(state.text, output, run.cwd, run.argv[0] ?? 'terraform')));
    if (first) lines.push(formatDiagnostic(first, state !== undefined));
    else if (cleanOutput(run.stderr || run.stdout)) lines.push(indent(lastLines(cleanOutput(run.stderr || run.stdout), 8)));
    lines.push(`  command: ${command}`);
    const where = first?.location ? /^(.+) line (\d+)$/.exec(first.location) : null;
    super(lines.join('\n'), {
      command,
      cwd: run.cwd,
      ...(state?.file ? { file: state.file } : where ? { file: resolve(run.cwd, where[1]!), line: Number(where[2]) } : {}),
      ...(first?.address ? { address: first.address } : {}),
    });
    this.argv = run.argv;
    this.cwd = run.cwd;
    this.exitCode = run.exitCode;
    this.stdout = run.stdout;
    this.stderr = run.stderr;
    this.diagnostics = diagnostics;
    if (state) this.state = state.text;
  }
}

// What to do about a state that failed: a lock another run holds, or a file that cannot be read.
function stateAdvice(state: string, output: string, cwd: string, bin: string): string {
  if (isHeldLock(output)) {
    const id = lockId(output);
    return `${state} is locked by another terraform run. Wait for it to finish; if none is running, unlock it with: cd ${shellWord(cwd)} && ${shellWord(bin)} force-unlock ${id ? shellWord(id) : 'LOCK_ID'}`;
  }
  if (isHeldOsLock(output)) return `${state} is locked by another process (a terraform run still going?). Wait for it to finish, then run again; nothing needs restoring.`;
  return `${state} cannot be read. Fix it, or restore it from a backup (terraform.tfstate.backup next to a local state, or your backend's object versions), then run again.`;
}

/** The terraform binary could not be started because it is not on PATH (or not at the given path). */
export class TerraformNotFoundError extends UserError {
  override name = 'TerraformNotFoundError';
  readonly bin: string;

  constructor(bin: string, why = 'not found on PATH') {
    super(`terraform binary '${bin}' ${why}; install terraform or pass --terraform-bin / set UNMODULE_TERRAFORM_BIN (e.g. tofu)`, { flag: '--terraform-bin', command: bin });
    this.bin = bin;
  }
}

/**
 * A directory terraform cannot plan (or read the state of) until `terraform init` runs there,
 * found before starting terraform. `why` says what is missing; `offline` is the command that
 * proves a change without init, when the caller has one to offer.
 */
export class NotInitialisedError extends UserError {
  override name = 'NotInitialisedError';

  constructor(dir: string, why: string, o: { bin?: string; offline?: string } = {}) {
    const init = `cd ${shellWord(dir)} && ${shellWord(o.bin ?? 'terraform')} init`;
    super(
      `${dir} is not initialised: ${why}, so terraform can neither read its state nor plan it. Run terraform init there first:\n  ${init}` +
        (o.offline ? `\nor, without init or credentials, compare it with a copy of the configuration before the refactor (DIR):\n  ${o.offline}` : ''),
      { dir, command: init },
    );
  }
}

/** One `-json` diagnostic message's `diagnostic` object, as terraform 1.11 prints it. */
export interface JsonDiagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: { line?: number } };
  snippet?: { code?: string; start_line?: number };
}

/** A `-json` diagnostic in the terms of the human ones. */
export function diagnosticFromJson(d: JsonDiagnostic): TerraformDiagnostic {
  const line = d.range?.start?.line;
  const code = d.snippet?.code?.split('\n')[(line ?? 0) - (d.snippet.start_line ?? line ?? 0)]?.trim();
  return {
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: d.summary ?? '',
    ...(d.range?.filename && line !== undefined ? { location: `${d.range.filename} line ${line}` } : {}),
    ...(d.address ? { address: d.address } : {}),
    detail: d.detail ?? '',
    ...(code ? { snippet: code } : {}),
  };
}

/** The diagnostics of a `-json` run's stdout (plan, validate, init): one JSON message per line. */
export function diagnosticsFromJsonLines(stdout: string): TerraformDiagnostic[] {
  const out: TerraformDiagnostic[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const m = JSON.parse(line) as { type?: string; diagnostic?: JsonDiagnostic };
      if (m.type === 'diagnostic' && m.diagnostic) out.push(diagnosticFromJson(m.diagnostic));
    } catch {
      // Not a message line (init prints some plain text even under -json).
    }
  }
  return out;
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
      // Keep the quoted source line of the location ("   2:   input = var.nope"), skip the rest.
      const lineNo = /line (\d+)$/.exec(diag.location!)?.[1];
      const quoted = rest.slice(loc + 1).find((l) => new RegExp(`^\\s+${lineNo}:`).test(l));
      if (quoted) diag.snippet = quoted.replace(/^\s+\d+:/, '').replace(/\s+$/, '').trim();
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

function formatDiagnostic(d: TerraformDiagnostic, stateProblem = false): string {
  const where = d.location ? ` (${d.location.replace(/ line (\d+)$/, ':$1')})` : '';
  let summary = d.summary;
  let detail = cleanOutput(d.detail);
  // A state that cannot be parsed surfaces as a lock error (the local backend reads it to lock it):
  // keep the reason, drop the lock lecture.
  if (stateProblem && /^Error acquiring the state lock$/i.test(summary) && !/Lock Info:/i.test(detail)) {
    summary = 'Cannot read the state';
    detail = detail.replace(/^Error message:\s*/, '').replace(/\n+Terraform acquires a state lock[\s\S]*$/, '');
  }
  const body = [d.snippet ? `  ${d.snippet}` : '', detail ? indent(detail) : ''].filter(Boolean).join('\n');
  return body ? `Error: ${summary}${where}\n${body}` : `Error: ${summary}${where}`;
}

/**
 * Terraform output fit to show a person: no colour codes, no diagnostic frames, and none of the
 * warnings terraform prints before its error (e.g. about a missing CLI configuration file).
 */
export function cleanOutput(text: string): string {
  const plain = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const kept: string[] = [];
  let inWarning = false;
  for (const raw of plain.split('\n')) {
    const framed = FRAME.test(raw) || /^[╷╵]\s*$/u.test(raw);
    const line = raw.replace(FRAME, '').replace(/^[╷╵]\s*$/u, '');
    if (/^Warning: /.test(line)) inWarning = true;
    else if (/^Error: /.test(line) || (!framed && inWarning && line.trim() !== '' && !/^\s/.test(line))) inWarning = false;
    if (inWarning || /^There are some problems with the CLI configuration:$/.test(line)) continue;
    kept.push(line.trimEnd());
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
}

function collapse(lines: string[]): string {
  return lines.join('\n').trim().replace(/\n{3,}/g, '\n\n');
}

function lastLines(text: string, n: number): string {
  return text.trim().split(/\r?\n/).slice(-n).join('\n');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
