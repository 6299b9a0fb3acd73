// terraform fmt for the HCL a batch writes. The inline engine formats one text at a time; spawning
// terraform for each (4-5 per directory) costs more than the plan on a small service, so the texts
// of a refactor are formatted up front in one `terraform fmt DIR` run and served from memory.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits } from '../hcl/edit.js';
import type { Formatter } from '../inline/files.js';
import type { Refactor } from '../inline/refactor.js';
import { fmt, runTerraform, TerraformNotFoundError, type TerraformOptions } from '../terraform/index.js';

/** A formatter with a memory, and a way to fill it for many texts with one terraform run. */
export interface BatchFormatter {
  format: Formatter;
  /** Formats every text a refactor will ask for, in one terraform process. */
  prefetch: (r: Refactor) => Promise<void>;
}

/** The run's formatter, or undefined when terraform is not installed (output stays valid, unformatted). */
export async function batchFormatter(tf: Omit<TerraformOptions, 'cwd'>): Promise<BatchFormatter | undefined> {
  const opts = { ...tf, cwd: tmpdir() };
  try {
    await fmt('', opts);
  } catch (err) {
    if (err instanceof TerraformNotFoundError) return undefined;
  }
  const memo = new Map<string, Promise<string>>();
  const format: Formatter = (text) => {
    let p = memo.get(text);
    if (!p) {
      p = fmt(text, opts);
      memo.set(text, p);
      p.catch(() => memo.delete(text));
    }
    return p;
  };
  const prefetch = async (r: Refactor) => {
    const texts = [...new Set([...r.edits.flatMap((e) => [e.original, applyEdits(e.original, e.edits)]), ...r.newFiles.map((f) => f.text)])].filter((t) => !memo.has(t));
    if (texts.length === 0) return;
    const dir = await mkdtemp(join(tmpdir(), 'unmodule-fmt-'));
    try {
      await Promise.all(texts.map((t, i) => writeFile(join(dir, `f${i}.tf`), t)));
      // Exit 2 is a syntax error in some text; those are left to the one-text path, which reports it.
      // (A `fmt` verb over a directory would belong in src/terraform/fmt.ts; the runner is the same door.)
      const res = await runTerraform(['fmt', '-no-color', '-list=false', dir], opts, [0, 2, 3]);
      if (res.exitCode !== 0) return;
      const out = await Promise.all(texts.map((_, i) => readFile(join(dir, `f${i}.tf`), 'utf8')));
      texts.forEach((t, i) => memo.set(t, Promise.resolve(out[i]!)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return { format, prefetch };
}
