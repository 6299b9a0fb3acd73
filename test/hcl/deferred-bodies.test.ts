// A big root is mostly resources the engine reads only by address. Their bodies are checked by the
// file's parse but built (copied out of tree-sitter, modelled) only when first read: see
// deferredBody in src/hcl/cst.ts. Built late, a body must be the very one built at once.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HclSyntaxError, parseHcl, type Block, type HclFile } from '../../src/hcl/cst.js';
import { planInline } from '../../src/inline/plan.js';
import { loadModule } from '../../src/config/load.js';
import { tfFiles } from '../helpers/files.js';

const REPO = join(import.meta.dirname, '..', '..');

/** Whether the block's body is still to be built (an accessor not yet read). */
const unbuilt = (b: Block) => typeof Object.getOwnPropertyDescriptor(b, 'body')?.get === 'function';

const topBlocks = (f: HclFile) => f.body.items.filter((i): i is Block => i.kind === 'block');

describe('bodies of top-level resource and data blocks', () => {
  it('are built when first read, and then are a plain property', async () => {
    const f = await parseHcl('main.tf', 'resource "a" "b" {\n  x = 1\n}\n\ndata "c" "d" {}\n\nlocals {\n  y = 2\n}\n');
    const [r, d, l] = topBlocks(f);
    expect([unbuilt(r!), unbuilt(d!), unbuilt(l!)]).toEqual([true, false, false]); // an empty block has no body to put off
    expect(r!.body.items.map((i) => i.kind === 'attribute' && i.name)).toEqual(['x']);
    expect(unbuilt(r!)).toBe(false);
    expect(r!.body).toBe(r!.body);
  });

  it('built late equal the same blocks built at once, in every fixture file', async () => {
    let compared = 0;
    for (const path of tfFiles(join(REPO, 'fixtures'))) {
      const text = readFileSync(path, 'utf8');
      const late = await parseHcl(path, text);
      const deferred = topBlocks(late).filter(unbuilt);
      if (!deferred.length) continue;
      // The same text with each deferred block's type renamed to a word of the same length, which
      // is built at once: every offset, line and comment stays where it was.
      let other = text;
      for (const b of deferred) other = other.slice(0, b.span.start) + (b.type === 'data' ? 'dat_' : 'resourc_') + other.slice(b.span.start + b.type.length);
      const now = await parseHcl(path, other);
      const byStart = new Map(topBlocks(now).map((b) => [b.span.start, b]));
      for (const b of deferred) {
        expect(unbuilt(byStart.get(b.span.start)!), path).toBe(false);
        expect(b.body, `${path}:${b.span.line}`).toEqual(byStart.get(b.span.start)!.body);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('a construct the builder refuses is refused when the body is read, naming its line', async () => {
    const f = await parseHcl('main.tf', 'locals {\n  a = 1\n}\n\nresource "a" "b" {\n  x = "split\nover lines"\n}\n');
    const r = topBlocks(f)[1]!;
    expect(() => r.body).toThrow(HclSyntaxError);
    expect(() => r.body).toThrow(/main\.tf:6:\d+: .*invalid multi-line string/);
  });
});

describe('the inline engine on a root of many resources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unmodule-deferred-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds only the bodies that may reference the call or set both count and for_each', async () => {
    mkdirSync(join(dir, 'modules', 'app'), { recursive: true });
    writeFileSync(join(dir, 'modules', 'app', 'main.tf'), 'variable "name" {\n  type = string\n}\n\nresource "terraform_data" "this" {\n  input = var.name\n}\n\noutput "id" {\n  value = terraform_data.this.id\n}\n');
    writeFileSync(join(dir, 'main.tf'), 'module "app" {\n  source = "./modules/app"\n  name   = "svc"\n}\n');
    // Every 50th resource has the words count and for_each: its body is read (does it set both?
    // does its count read the call?).
    const many = Array.from({ length: 200 }, (_, i) => `resource "terraform_data" "r${i}" {\n${i % 50 === 0 ? '  count = 1\n' : ''}  input = { name = "r${i}"${i % 50 === 0 ? ', note = "no for_each"' : ''} }\n}\n`).join('\n');
    writeFileSync(join(dir, 'big.tf'), `${many}\nresource "terraform_data" "uses" {\n  input = module.app.id\n}\n`);
    const root = await loadModule(dir);
    const refactor = planInline(root, 'app', await loadModule(join(dir, 'modules', 'app')));
    expect(refactor.edits.find((e) => e.path === 'big.tf')?.edits.map((e) => e.text)).toEqual(['terraform_data.app.id']);
    const big = root.files.find((f) => f.path.endsWith('big.tf'))!;
    const built = topBlocks(big).filter((b) => !unbuilt(b)).map((b) => b.labels[1]);
    expect(built).toEqual(['r0', 'r50', 'r100', 'r150', 'uses']);
  });
});
