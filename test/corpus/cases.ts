// The corpus as data: fixtures/corpus/<case>/case.json plus its input/, pre/ and expected/ folders.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(REPO, 'fixtures', 'corpus');

/** One corpus case, as its case.json declares it. */
export interface CorpusCase {
  /** Folder name under fixtures/corpus. */
  id: string;
  dir: string;
  /** The module call to inline (`module "<call>"`). */
  call: string;
  /** terraform_data: real apply + plan; aws: offline equivalence with the real provider. */
  kind: 'terraform_data' | 'aws';
  /** Which public-module idiom the case models. */
  idiom: string;
  /** `--name` for the inline. */
  name?: string;
  /** pre/modules/<m>/ replaces input/modules/<m>/ for the first apply (old addresses in state). */
  pre?: boolean;
  /** A refusal case: the error message must match this (case-insensitive, dot matches newline). */
  refusal?: string;
  /** A refusal case: the message must name this file:line (regex). */
  at?: string;
}

/** Every case folder with a case.json, sorted by name. */
export function loadCases(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((d) => existsSync(join(CORPUS_DIR, d, 'case.json')))
    .sort()
    .map((id) => {
      const dir = join(CORPUS_DIR, id);
      const json = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Omit<CorpusCase, 'id' | 'dir'>;
      if (!json.call || !json.idiom || (json.kind !== 'terraform_data' && json.kind !== 'aws')) {
        throw new Error(`${id}/case.json needs "call", "idiom" and "kind": "terraform_data" | "aws"`);
      }
      if (json.pre && !existsSync(join(dir, 'pre', 'modules'))) throw new Error(`${id}/case.json says "pre" but ${id}/pre/modules/ is missing`);
      return { ...json, id, dir };
    });
}

/** Copies the case's input/ to dest. */
export function copyInput(c: CorpusCase, dest: string): void {
  cpSync(join(c.dir, 'input'), dest, { recursive: true });
}

/** Module folder names that pre/ replaces. */
function preModules(c: CorpusCase): string[] {
  return readdirSync(join(c.dir, 'pre', 'modules'));
}

/** Puts the old module versions from pre/ in place (whole folders, so no new file lingers). */
export function usePreModules(c: CorpusCase, service: string): void {
  for (const m of preModules(c)) {
    rmSync(join(service, 'modules', m), { recursive: true, force: true });
    cpSync(join(c.dir, 'pre', 'modules', m), join(service, 'modules', m), { recursive: true });
  }
}

/** Puts the input's module versions back after the pre apply. */
export function useInputModules(c: CorpusCase, service: string): void {
  for (const m of preModules(c)) {
    rmSync(join(service, 'modules', m), { recursive: true, force: true });
    cpSync(join(c.dir, 'input', 'modules', m), join(service, 'modules', m), { recursive: true });
  }
}

/** Files terraform itself writes into a service dir; they are not part of what unmodule wrote. */
export function isTerraformArtifact(path: string): boolean {
  return /(^|\/)terraform\.tfstate(\.backup)?$/.test(path) || path === '.terraform.lock.hcl' || /(^|\/)\.terraform\.tfstate\.lock\.info$/.test(path);
}

/** Paths whose hash differs between two snapshots (new or changed); deleted paths are listed too. */
export function changedPaths(before: Record<string, string>, after: Record<string, string>): { changed: string[]; deleted: string[] } {
  const changed = Object.keys(after).filter((p) => !isTerraformArtifact(p) && before[p] !== after[p]);
  const deleted = Object.keys(before).filter((p) => !isTerraformArtifact(p) && !(p in after));
  return { changed: changed.sort(), deleted: deleted.sort() };
}

/** The expected/ folder as path → text (undefined when the case has none). */
export function readExpected(c: CorpusCase): Record<string, string> | undefined {
  const root = join(c.dir, 'expected');
  if (!existsSync(root)) return undefined;
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** Replaces expected/ with the files the inline wrote (UNMODULE_UPDATE_EXPECTED=1). */
export function writeExpected(c: CorpusCase, files: Record<string, string>): void {
  const root = join(c.dir, 'expected');
  rmSync(root, { recursive: true, force: true });
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}
