// Moves as Terraform applies them: exact or by prefix (a whole resource or module moves every
// instance under it, keeping the suffix), and chained (`a → b` then `b[0] → c`), so an object
// that is at any address along a chain ends at the chain's last address. Pure: strings in, strings out.
import type { Move } from './move.js';

/** `to` plus what `addr` has after `from` when `from` is `addr` or a whole resource/module above it; else undefined. */
export function applyMove(addr: string, move: Move): string | undefined {
  if (addr === move.from) return move.to;
  const suffix = suffixUnder(addr, move.from);
  return suffix === undefined ? undefined : move.to + suffix;
}

/** The part of `addr` after `prefix` when `prefix` is a whole resource or module containing it. */
export function suffixUnder(addr: string, prefix: string): string | undefined {
  if (!addr.startsWith(prefix) || addr.length === prefix.length) return undefined;
  const suffix = addr.slice(prefix.length);
  return suffix.startsWith('.') || suffix.startsWith('[') ? suffix : undefined;
}

/** True when `addr` is `prefix` or lies under it (a whole-resource or whole-module address). */
export function isCoveredBy(addr: string, prefix: string): boolean {
  return addr === prefix || suffixUnder(addr, prefix) !== undefined;
}

/**
 * Where the object at `addr` ends after every move that applies, one after another. At each step
 * the most specific move wins (Terraform rejects ambiguous overlaps, so this only orders chains);
 * a cycle stops after as many steps as there are moves.
 */
export function resolveAddress(addr: string, moves: Move[]): string {
  let cur = addr;
  const used = new Set<Move>();
  for (let step = 0; step < moves.length; step++) {
    let best: Move | undefined;
    for (const m of moves) {
      if (used.has(m) || applyMove(cur, m) === undefined) continue;
      if (!best || m.from.length > best.from.length) best = m;
    }
    if (!best) break;
    used.add(best);
    cur = applyMove(cur, best)!;
  }
  return cur;
}

/**
 * Every source a chain of moves accepts, each with its final address. A whole-resource move
 * `a.x.old → a.x.this` followed by `a.x.this[0] → x.m` yields `a.x.old[0] → x.m` as well as the
 * two moves themselves, now ending at `x.m`.
 */
export function composeMoves(moves: Move[]): Move[] {
  const sources = new Set(moves.map((m) => m.from));
  // Grow sources backwards through chains: a source under an earlier move's target is also
  // reachable from the earlier move's source with the same suffix. Sources found this way grow
  // too: module.a.module.r → module.r, module.r.x.d → x.r, x.r[0] → x.r gives
  // module.r.x.d[0] and then module.a.module.r.x.d[0].
  for (let round = 0; round < moves.length; round++) {
    const before = sources.size;
    for (const s of [...sources]) {
      for (const m of moves) {
        const suffix = suffixUnder(s, m.to);
        if (suffix !== undefined) sources.add(m.from + suffix);
      }
    }
    if (sources.size === before) break;
  }
  const out: Move[] = [];
  for (const from of sources) {
    const to = resolveAddress(from, moves);
    if (to !== from) out.push({ from, to });
  }
  return out;
}

/**
 * The composed moves whose target is where objects stay: an intermediate target that moves on
 * (`x.this` when `x.this[0]` moves again) is dropped.
 */
export function finalMoves(moves: Move[]): Move[] {
  return composeMoves(moves).filter((m) => !moves.some((n) => n.from === m.to || suffixUnder(n.from, m.to) !== undefined));
}

/** The instance-level moves that take the given state addresses to where the chains put them. */
export function resolveAgainstState(moves: Move[], stateAddresses: string[]): Move[] {
  const out: Move[] = [];
  for (const a of stateAddresses) {
    const to = resolveAddress(a, moves);
    if (to !== a) out.push({ from: a, to });
  }
  return out;
}

/**
 * The chain ends (final addresses) that no state address reaches: their objects are not in state,
 * so a `state mv` for them would fail. Keyed by final address, with every source that would do.
 */
export function unreachedTargets(moves: Move[], stateAddresses: string[]): { to: string; sources: string[] }[] {
  const composed = finalMoves(moves);
  const reached = new Set(resolveAgainstState(moves, stateAddresses).map((m) => m.to));
  const byTarget = new Map<string, string[]>();
  for (const m of composed) byTarget.set(m.to, [...(byTarget.get(m.to) ?? []), m.from]);
  const out: { to: string; sources: string[] }[] = [];
  for (const [to, sources] of byTarget) {
    // A whole-resource target is reached by any instance that lands under it.
    if (![...reached].some((r) => isCoveredBy(r, to))) out.push({ to, sources });
  }
  return out;
}
