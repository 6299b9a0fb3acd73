// terraform fmt for the HCL a batch writes. The inline engine formats one text at a time; spawning
// terraform for each (4-5 per directory) costs more than the plan on a small service, so the texts
// of a refactor are formatted up front in one `terraform fmt DIR` run and served from memory.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits } from '../hcl/edit.js';
import type { Formatter } from '../inline/files.js';
import type { Refactor } from '../inline/refactor.js';
import { fmtDir, terraformFormatter, type TerraformOptions } from '../terraform/index.js';

/** A formatter with a memory, and a way to fill it for many texts with one terraform run. */
export interface BatchFormatter {
  format: Formatter;
  /** Formats every text a refactor will ask for, in one terraform process. */
  prefetch: (r: Refactor) => Promise<void>;
}

/** The run's formatter, or undefined when terraform is not installed (output stays valid, unformatted). */
export async function batchFormatter(tf: Omit<TerraformOptions, 'cwd'>): Promise<BatchFormatter | undefined> {
  const opts = { ...tf, cwd: tmpdir() };
  const one = await terraformFormatter(opts);
  if (!one) return undefined;
  const memo = new Map<string, Promise<string>>();
  const format: Formatter = (text) => {
    let p = memo.get(text);
    if (!p) {
      p = one(text);
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
      // A syntax error in some text leaves all of them to the one-text path, which reports it.
      if (!(await fmtDir(dir, opts))) return;
      const out = await Promise.all(texts.map((_, i) => readFile(join(dir, `f${i}.tf`), 'utf8')));
      texts.forEach((t, i) => memo.set(t, Promise.resolve(out[i]!)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return { format, prefetch };
}
