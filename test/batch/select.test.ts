import { describe, expect, it } from 'vitest';
import { parseDirList } from '../../src/batch/discover.js';
import { mergeResults } from '../../src/batch/results.js';
import { BatchUsageError, parseShard, parseSteps, shardOf } from '../../src/batch/select.js';
import { RESULTS_SCHEMA, type BatchResults, type ServiceReport } from '../../src/batch/types.js';

const svc = (path: string, status: ServiceReport['status'] = 'pass'): ServiceReport => ({
  path,
  status,
  calls: [],
  steps: { pin: 'ok', inline: 'ok', verify: 'ok' },
  refs: [],
  diff: '',
  written: false,
  durationMs: 1,
});

const results = (paths: string[], shard?: string): BatchResults => ({
  schema: RESULTS_SCHEMA,
  settings: { module: 'app_config', steps: ['pin', 'inline', 'verify'], mode: 'moved', write: false, offline: false, ...(shard ? { shard } : {}) },
  planned: paths,
  services: paths.map((p) => svc(p)),
  totals: { pass: paths.length, fail: 0, skip: 0, pending: 0 },
});

describe('batch selection', () => {
  it('runs steps in escape-plan order whatever order they are given in, and names the valid ones on a typo', () => {
    expect(parseSteps('verify,pin')).toEqual(['pin', 'verify']);
    expect(() => parseSteps('pin,inlnie')).toThrow(/subset of pin,inline,verify/);
  });

  it('parses i/n shards 1-based and refuses 0/n and i > n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow(BatchUsageError);
    expect(() => parseShard('5/4')).toThrow(/1 ≤ i ≤ n/);
  });

  it('splits a list into shards that cover it exactly once', () => {
    const dirs = Array.from({ length: 14 }, (_, i) => `svc-${i}`);
    const shards = [1, 2, 3].map((index) => shardOf(dirs, { index, count: 3 }));
    expect(shards.flat().sort()).toEqual([...dirs].sort());
    expect(new Set(shards.flat()).size).toBe(dirs.length);
    expect(shards.map((s) => s.length)).toEqual([5, 5, 4]);
  });

  it('reads a --from-file list with comments and blank lines', () => {
    expect(parseDirList('services/a\n\n# team b\nservices/b  # moved here\n  services/c*\n')).toEqual(['services/a', 'services/b', 'services/c*']);
  });

  it('merges shard results into one sorted run and refuses results made with other settings', () => {
    const merged = mergeResults([
      { file: 'b.json', results: results(['s/b', 's/d'], '2/2') },
      { file: 'a.json', results: results(['s/a', 's/c'], '1/2') },
    ]);
    expect(merged.services.map((s) => s.path)).toEqual(['s/a', 's/b', 's/c', 's/d']);
    expect(merged.settings.shard).toBeUndefined();
    expect(merged.totals).toEqual({ pass: 4, fail: 0, skip: 0, pending: 0 });
    const other = results(['s/e']);
    other.settings.write = true;
    expect(() => mergeResults([{ file: 'a.json', results: results(['s/a']) }, { file: 'w.json', results: other }])).toThrow(/different settings/);
  });
});
