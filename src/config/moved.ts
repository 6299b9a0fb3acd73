// The moved blocks a configuration declares, as the address strings Terraform prints.
import { printExpr } from '../hcl/print.js';
import type { Move } from '../migrate/move.js';
import type { ModuleConfig } from './module.js';

/** The moves declared by moved blocks (from/to printed as Terraform prints addresses). */
export function declaredMoves(mod: ModuleConfig): Move[] {
  return mod.moved.map((m) => ({ from: printExpr(m.from), to: printExpr(m.to) }));
}
