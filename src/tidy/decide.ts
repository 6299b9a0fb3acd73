// When moved blocks may go. Pure: the moved blocks of a directory and the addresses of every state
// it is applied to in, a decision out. A moved block is obsolete once no state holds its `from`;
// while any state still does, nothing is removed (that state has not been applied yet, and the
// block is what carries its objects to the new addresses).

/** One moved block as written. */
export interface MovedRef {
  from: string;
  to: string;
  file: string;
  line: number;
}

/** The addresses in one state: a workspace of the directory, or a state file given by path. */
export interface StateView {
  /** `workspace "staging"` or the state file's path. */
  name: string;
  addresses: string[];
}

/** A state that still holds old addresses, and which. */
export interface PendingState {
  name: string;
  held: { from: string; to: string; addresses: string[] }[];
}

/** What tidy may do in one directory. */
export interface TidyDecision {
  /** Moved blocks to remove (all of them, or none while anything is pending). */
  remove: MovedRef[];
  /** States still holding a `from` address: they need `terraform apply` first. */
  pending: PendingState[];
  /** Moved blocks checked. */
  checked: number;
}

/**
 * True when address is `from` or lies under it: the instances of a resource written without a
 * key, or the resources of a module (`module.a` holds `module.a.x.y` and `module.a[0].x.y`).
 */
export function holds(address: string, from: string): boolean {
  return address === from || address.startsWith(`${from}.`) || address.startsWith(`${from}[`);
}

/** Decides which moved blocks are obsolete given every state the directory is applied to. */
export function decideTidy(moved: MovedRef[], states: StateView[]): TidyDecision {
  const pending: PendingState[] = [];
  for (const s of states) {
    const held = moved
      .map((m) => ({ from: m.from, to: m.to, addresses: s.addresses.filter((a) => holds(a, m.from)) }))
      .filter((h) => h.addresses.length > 0);
    if (held.length) pending.push({ name: s.name, held });
  }
  return { remove: pending.length ? [] : moved, pending, checked: moved.length };
}
