// Pure choices of a batch: which steps, which directories (shards), which module calls.
import type { ModuleCall } from '../config/module.js';
import { matchesModule } from '../sources/service.js';
import { moduleIdentity, parseModuleSource } from '../sources/source.js';
import { ALL_STEPS, type StepName } from './types.js';
import { UsageError, type ErrorLocation } from '../errors.js';

/** A flag value a person got wrong; the message says what is accepted. */
export class BatchUsageError extends UsageError {
  constructor(message: string, where?: string | ErrorLocation) {
    super(message, where);
    this.name = 'BatchUsageError';
  }
}

/** Parses `--steps pin,inline,verify` (any subset, any order) into run order. */
export function parseSteps(text: string): StepName[] {
  const asked = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = asked.filter((s) => !(ALL_STEPS as readonly string[]).includes(s));
  if (unknown.length || asked.length === 0) {
    throw new BatchUsageError(`--steps ${JSON.stringify(text)}: expected a comma-separated subset of ${ALL_STEPS.join(',')}`);
  }
  return ALL_STEPS.filter((s) => asked.includes(s));
}

/** A CI matrix slot: 1-based index i of n. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n), the way CI matrices count. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new BatchUsageError(`--shard ${JSON.stringify(text)}: expected i/n with 1 ≤ i ≤ n (e.g. 2/4 for the second of four CI jobs)`);
  }
  return { index, count };
}

/**
 * The directories of one shard. Round-robin over the sorted list, so every shard gets a similar
 * mix whatever order the services are named in, and the split depends only on the list itself
 * (every CI job computes the same one without talking to the others).
 */
export function shardOf<T>(sortedDirs: T[], shard: Shard | undefined): T[] {
  if (!shard) return sortedDirs;
  return sortedDirs.filter((_, i) => i % shard.count === shard.index - 1);
}

/**
 * The root's module calls that `--module` names: by call name exactly, or by source (substring,
 * or a glob with `*`, matched against the source and against the source without its ref).
 */
export function matchCalls(calls: ModuleCall[], pattern: string): ModuleCall[] {
  const byName = calls.filter((c) => c.name === pattern);
  if (byName.length) return byName;
  return calls.filter((c) => c.source !== undefined && matchesModule(pattern, c.source, identityOf(c.source)));
}

function identityOf(source: string): string {
  try {
    return moduleIdentity(parseModuleSource(source));
  } catch {
    return source;
  }
}
