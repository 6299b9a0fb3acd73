// The zero-change verdict from `terraform plan -json` alone, when the stream can prove it; saves
// the `show -json` run (which starts every provider again: ~3 s for aws). The stream names no
// attributes, so any change at all returns undefined and the caller reads the saved plan with
// `show -json` and judgePlan, which stays the one definition of the verdict's meaning.
import type { Move } from '../migrate/move.js';
import type { PlanStream } from '../terraform/plan-stream.js';
import { judgePlan, type PlanVerdict } from './verdict.js';

/**
 * The verdict judgePlan would give, or undefined when the stream cannot prove zero change.
 * `prior` is the managed instance addresses of the prior state after moves (the stream's refresh
 * hooks when the plan refreshed, the synthesized state offline); without it the missing-move
 * check and the unchanged count cannot be made, so the answer is undefined.
 */
export function judgePlanStream(stream: PlanStream, expectedMoves: Move[] | undefined, prior: string[] | undefined): PlanVerdict | undefined {
  if (prior === undefined || stream.unknownTypes.length > 0 || !stream.summary) return undefined;
  if (stream.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const s = stream.summary;
  if (s.add || s.change || s.remove || s.import) return undefined;
  // A pure move is "move"; a data source deferred to apply is "read" (quiet in judgePlan too).
  const quiet = (c: PlanStream['changes'][number]) => c.action === 'move' || c.action === 'noop' || (c.action === 'read' && isData(c.address));
  if (!stream.changes.every(quiet)) return undefined;
  if (Object.values(stream.outputs).some((a) => a !== 'noop')) return undefined;

  // Zero change: every prior instance is a no-op at its (possibly new) address. Rebuild the plan
  // JSON that says exactly that and let judgePlan decide moves, expectations and missing moves.
  const moved = new Map(stream.changes.filter((c) => c.previousAddress).map((c) => [c.address, c.previousAddress!]));
  // show -json orders resource_changes by address string (Go's byte order); keep that order.
  const managed = prior.filter((a) => !isData(a)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return judgePlan(
    {
      format_version: '1.2',
      resource_changes: managed.map((address) => ({
        address,
        ...(moved.has(address) ? { previous_address: moved.get(address)! } : {}),
        mode: 'managed' as const,
        type: typeOf(address),
        name: '',
        provider_name: '',
        change: { actions: ['no-op' as const], before: null, after: null },
      })),
      output_changes: {},
      // Like show -json's prior_state: post-move addresses (checked with Terraform 1.11).
      prior_state: { values: { root_module: { resources: managed.map((address) => ({ address, mode: 'managed' as const })) } } },
    } as unknown as Parameters<typeof judgePlan>[0],
    expectedMoves,
  );
}

function isData(address: string): boolean {
  return /(^|\.)data\./.test(address);
}

// `module.a["k"].aws_s3_bucket.this[0]` → `aws_s3_bucket`; only used in the summaries of changes, which a zero-change verdict has none of.
function typeOf(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  return parts[parts.length - 2] ?? '';
}

/** Prior-state addresses (before moves) as the plan sees them after its moves: what `prior` wants. */
export function afterMoves(stream: PlanStream, addresses: string[]): string[] {
  const to = new Map(stream.changes.filter((c) => c.previousAddress).map((c) => [c.previousAddress!, c.address]));
  return addresses.map((a) => to.get(a) ?? a);
}
