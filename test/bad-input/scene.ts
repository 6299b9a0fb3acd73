// A throwaway world for one bad-input case: a temp directory the case fills with services, links
// and broken files, a snapshot of every entry in it (files, links, directories), and a terraform
// that records each run so a case can assert that terraform never started.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testCliConfig } from '../helpers/terraform-env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The directory a case runs in, and how to fill it. */
export class Scene {
  /** Everything the case may touch lives under here; the snapshot covers all of it. */
  readonly root: string;
  /** Outside root: the terraform spy's log, scripts. */
  readonly aside: string;
  /** Processes a case left running (a terraform holding the state lock); ended by remove(). */
  private readonly held: ChildProcess[] = [];

  constructor() {
    const base = mkdtempSync(join(tmpdir(), 'unmodule-bad-'));
    this.root = join(base, 'work');
    this.aside = join(base, 'aside');
    mkdirSync(this.root);
    mkdirSync(this.aside);
  }

  /** Absolute path of a path relative to root. */
  p(rel: string): string {
    return join(this.root, rel);
  }

  /** Copies fixtures/<name> to root/<as> (no .terraform). */
  fixture(name: string, as = name): string {
    const dest = this.p(as);
    cpSync(join(REPO, 'fixtures', name), dest, { recursive: true, filter: (p) => !p.split(/[\\/]/).includes('.terraform') });
    return dest;
  }

  write(rel: string, content: string | Buffer): string {
    const p = this.p(rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  }

  read(rel: string): string {
    return readFileSync(this.p(rel), 'utf8');
  }

  /** Replaces text in a file (the text must be there). */
  edit(rel: string, from: string | RegExp, to: string): void {
    const text = this.read(rel);
    const next = text.replace(from, to);
    if (next === text) throw new Error(`scene: ${rel} has no ${String(from)}`);
    writeFileSync(this.p(rel), next);
  }

  link(rel: string, target: string): void {
    mkdirSync(dirname(this.p(rel)), { recursive: true });
    symlinkSync(target, this.p(rel));
  }

  mkdir(rel: string): string {
    mkdirSync(this.p(rel), { recursive: true });
    return this.p(rel);
  }

  /** `terraform init` in root/rel, offline (terraform_data needs no provider). */
  init(rel: string): void {
    execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: this.p(rel), env: { ...process.env, ...testCliConfig() }, stdio: 'pipe' });
  }

  /** A terraform wrapper that logs every run to aside/terraform.log, then runs the real one. */
  spy(): string {
    const script = join(this.aside, 'terraform-spy');
    if (!existsSync(script)) {
      writeFileSync(script, `#!/bin/sh\necho "$*" >> '${join(this.aside, 'terraform.log')}'\nexec terraform "$@"\n`);
      chmodSync(script, 0o755);
    }
    return script;
  }

  /** An executable sh script outside root (e.g. a misbehaving terraform). */
  script(name: string, body: string): string {
    const p = join(this.aside, name);
    writeFileSync(p, `#!/bin/sh\n${body}\n`);
    chmodSync(p, 0o755);
    return p;
  }

  /** The terraform runs the spy saw. */
  terraformRuns(): string[] {
    const log = join(this.aside, 'terraform.log');
    return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  }

  /** Every entry under root (but .terraform): files by content hash, links by target, directories. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        if (name === '.terraform') continue;
        const p = join(d, name);
        const key = relative(this.root, p);
        const s = lstatSync(p);
        if (s.isSymbolicLink()) out[key] = `link -> ${readlinkSync(p)}`;
        else if (s.isDirectory()) {
          out[key] = 'dir';
          walk(p);
        } else if (!s.isFile()) out[key] = `special ${s.mode.toString(8)}`; // a named pipe: reading it would wait for a writer
        else out[key] = `${s.mode.toString(8)} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
      }
    };
    walk(this.root);
    return out;
  }

  /**
   * A real terraform apply in root/rel (applied already) waiting at its approval prompt, as a
   * colleague's run would: it holds the state lock until remove(). Returns the lock's ID.
   */
  holdStateLock(rel: string): string {
    const cwd = this.p(rel);
    execFileSync('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd, env: { ...process.env, ...testCliConfig() }, stdio: 'pipe' });
    const child = spawn('terraform', ['apply', '-no-color', '-replace=terraform_data.consumer'], { cwd, env: { ...process.env, ...testCliConfig() }, stdio: ['pipe', 'ignore', 'ignore'] });
    this.held.push(child);
    const info = join(cwd, '.terraform.tfstate.lock.info');
    const until = Date.now() + 120_000;
    // The setup is synchronous: sleep in steps until terraform has written its lock info.
    while (!existsSync(info)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`terraform apply in ${cwd} never took the state lock`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
    for (;;) {
      try {
        return (JSON.parse(readFileSync(info, 'utf8')) as { ID: string }).ID;
      } catch {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      }
    }
  }

  remove(): void {
    for (const child of this.held) child.kill('SIGKILL');
    rmSync(dirname(this.root), { recursive: true, force: true });
  }
}
