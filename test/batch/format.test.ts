// The batch's format stage: many workspaces at once, edited files formatted only when the
// service's copy was, and invalid text refused with the parser's words.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWorkspaces, FormatStage } from '../../src/batch/format.js';
import type { Workspace } from '../../src/batch/workspace.js';
import { makeTemp, removeTemp } from '../helpers/terraform-env.js';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

/** A workspace: `original` holds the service's files, `dir` the steps' output; touched = keys of `after`. */
function workspace(before: Record<string, string>, after: Record<string, string>): Workspace {
  const root = makeTemp('unmodule-fmt-test-');
  temps.push(root);
  const original = join(root, 'svc');
  const dir = join(root, 'ws');
  mkdirSync(original);
  mkdirSync(dir);
  for (const [p, t] of Object.entries(before)) writeFileSync(join(original, p), t);
  for (const [p, t] of Object.entries(after)) writeFileSync(join(dir, p), t);
  return { dir, original, scratch: root, touched: new Set(Object.keys(after)), cleanup: async () => undefined };
}

describe('formatWorkspaces', () => {
  it('formats new files, and edited files only where the service had them formatted', async () => {
    const a = workspace({ 'main.tf': 'a = 1\n' }, { 'main.tf': 'a = 1\nlong_name = 2\nb=3\n', 'new.tf': 'x=1\nyy = 2\n' });
    const b = workspace({ 'main.tf': 'a=1\n' }, { 'main.tf': 'a=1\nb=2\n' });
    const failed = await formatWorkspaces([a, b]);
    expect(failed.size).toBe(0);
    expect(readFileSync(join(a.dir, 'main.tf'), 'utf8')).toBe('a         = 1\nlong_name = 2\nb         = 3\n');
    expect(readFileSync(join(a.dir, 'new.tf'), 'utf8')).toBe('x  = 1\nyy = 2\n');
    // The author never ran fmt on this file: only our edit is there, their layout is kept.
    expect(readFileSync(join(b.dir, 'main.tf'), 'utf8')).toBe('a=1\nb=2\n');
  });

  it('is the parse gate: a workspace with text hashicorp/hcl rejects fails with the diagnostic, the others are still formatted', async () => {
    const good = workspace({}, { 'new.tf': 'x=1\n' });
    const bad = workspace({}, { 'broken.tf': 'resource "a" "b" {\n  x = \n' });
    const failed = await formatWorkspaces([good, bad]);
    expect([...failed.keys()]).toEqual([bad]);
    expect(failed.get(bad)!.message).toContain('hashicorp/hcl rejects');
    expect(failed.get(bad)!.message).toContain('broken.tf');
    expect(readFileSync(join(good.dir, 'new.tf'), 'utf8')).toBe('x = 1\n');
  });
});

describe('FormatStage', () => {
  it('waits until a run is due, then formats everything queued together; flush formats the rest', async () => {
    const heard: string[] = [];
    let due = false;
    const stage = new FormatStage<{ ws: Workspace; name: string }>((i, err) => heard.push(`${i.name}${err ? ' failed' : ''}`), () => due);
    const items = ['one', 'two', 'three'].map((name) => ({ name, ws: workspace({}, { 'new.tf': `${name}=1\n` }) }));
    stage.add(items[0]!);
    stage.add(items[1]!);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([]);
    due = true;
    stage.kick();
    stage.add(items[2]!);
    await stage.flush();
    expect(heard.sort()).toEqual(['one', 'three', 'two']);
    for (const i of items) expect(readFileSync(join(i.ws.dir, 'new.tf'), 'utf8')).toBe(`${i.name} = 1\n`);
  });
});
