// `terraform plan -json`: the machine-readable UI stream (one JSON message per line). Read from
// Terraform 1.11: a no-op resource has no message at all; a pure move is a `planned_change` with
// action "move" and `previous_resource`; a move with an update is action "update" with
// `previous_resource`; data read at plan time shows as `apply_start` hooks (action "read"), one
// deferred to apply as a `planned_change` with action "read"; every managed instance in the prior
// state (at its post-move address) gets a `refresh_start` hook, but only when refreshing;
// `outputs` gives each root output's action ("noop", "create", ...); errors are `diagnostic`
// messages on stdout, with nothing on stderr.
import { diagnosticFromJson, type JsonDiagnostic, type TerraformDiagnostic } from './errors.js';

/** One `planned_change` message, reduced to what a verdict needs. */
export interface StreamChange {
  address: string;
  /** Set when the object moves (`previous_resource.addr`). */
  previousAddress?: string;
  /** "move", "create", "update", "delete", "replace", "read", "remove", "import", ... as terraform prints it. */
  action: string;
}

/** What a `plan -json` stream says, in terraform's own terms. */
export interface PlanStream {
  changes: StreamChange[];
  /** Root output name → action ("noop", "create", "update", "delete"). */
  outputs: Record<string, string>;
  /** Managed instance addresses refreshed (the prior state, after moves); empty under -refresh=false. */
  refreshed: string[];
  /** `change_summary.changes`, when the stream had one. */
  summary?: { add: number; change: number; import: number; remove: number };
  /** Message types this parser does not know (e.g. deferred changes); a judge should not trust silence then. */
  unknownTypes: string[];
  /** Error and warning diagnostics, in -no-color terms. */
  diagnostics: TerraformDiagnostic[];
}

// Message types whose content never affects a verdict (progress, drift — which judgePlan ignores too).
const IGNORED = new Set(['version', 'log', 'refresh_complete', 'apply_start', 'apply_progress', 'apply_complete', 'resource_drift', 'provision_start', 'provision_progress', 'provision_complete', 'ephemeral_op_start', 'ephemeral_op_progress', 'ephemeral_op_complete', 'test_abstract']);

interface RawResource {
  addr?: string;
}

interface RawMessage {
  type?: string;
  change?: { resource?: RawResource; previous_resource?: RawResource; action?: string };
  hook?: { resource?: RawResource };
  outputs?: Record<string, { action?: string }>;
  changes?: { add?: number; change?: number; import?: number; remove?: number };
  diagnostic?: JsonDiagnostic;
}

/** Parses the stdout of `terraform plan -json`; lines that are not JSON objects are skipped. */
export function parsePlanStream(stdout: string): PlanStream {
  const stream: PlanStream = { changes: [], outputs: {}, refreshed: [], unknownTypes: [], diagnostics: [] };
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let m: RawMessage;
    try {
      m = JSON.parse(line) as RawMessage;
    } catch {
      continue;
    }
    const type = m.type ?? '';
    if (type === 'planned_change' && m.change?.resource?.addr) {
      const prev = m.change.previous_resource?.addr;
      stream.changes.push({ address: m.change.resource.addr, ...(prev ? { previousAddress: prev } : {}), action: m.change.action ?? 'unknown' });
    } else if (type === 'refresh_start' && m.hook?.resource?.addr) {
      stream.refreshed.push(m.hook.resource.addr);
    } else if (type === 'outputs') {
      for (const [name, o] of Object.entries(m.outputs ?? {})) stream.outputs[name] = o.action ?? 'unknown';
    } else if (type === 'change_summary') {
      const c = m.changes ?? {};
      stream.summary = { add: c.add ?? 0, change: c.change ?? 0, import: c.import ?? 0, remove: c.remove ?? 0 };
    } else if (type === 'diagnostic' && m.diagnostic) {
      stream.diagnostics.push(diagnosticFromJson(m.diagnostic));
    } else if (!IGNORED.has(type)) {
      stream.unknownTypes.push(type);
    }
  }
  stream.refreshed = [...new Set(stream.refreshed)];
  return stream;
}
