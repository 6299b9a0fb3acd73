// A real pseudo-terminal for end-to-end wizard tests: a private tmux server (its own socket, so
// it never touches a person's sessions) running one command; keys go in with send-keys and the
// screen comes back with capture-pane. tmux missing is a test failure with the fix, never a skip.
import { execFileSync } from 'node:child_process';

/** Throws a clear error when tmux is not installed. */
export function requireTmux(): void {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'tmux is not installed, and the wizard end-to-end tests drive the real CLI in a pseudo-terminal through it. ' +
        'Install it (Debian/Ubuntu: apt-get install -y tmux); CI must install it in .ci/run.',
    );
  }
}

let counter = 0;

/** One tmux server with one pane running a command; the pane stays after the command exits. */
export class TmuxSession {
  private readonly socket: string;

  private constructor(socket: string) {
    this.socket = socket;
  }

  /** Starts `argv` in cwd with env added; `[exit N]` is printed when it ends. */
  static start(o: { cwd: string; env: Record<string, string>; argv: string[]; width?: number; height?: number }): TmuxSession {
    const s = new TmuxSession(`unmodule-test-${process.pid}-${++counter}`);
    const quoted = o.argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    // `exec sleep` keeps the pane (and its screen) after the command ends; kill() ends it.
    const script = `${quoted}; echo "[exit $?]"; exec sleep 3600`;
    const envArgs = Object.entries(o.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    s.tmux(['new-session', '-d', '-s', 'wizard', '-x', String(o.width ?? 120), '-y', String(o.height ?? 45), '-c', o.cwd, ...envArgs, script]);
    s.tmux(['set-option', '-t', 'wizard', 'history-limit', '20000']);
    return s;
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Sends keys as tmux names them (`Enter`, `C-c`, `BSpace`) or literal text with literal=true. */
  send(keys: string, literal = false): void {
    this.tmux(['send-keys', '-t', 'wizard', ...(literal ? ['-l'] : []), keys]);
  }

  /** The whole session so far: scrollback plus screen, wrapped lines joined, trailing blanks trimmed. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', 'wizard']).replace(/\s+$/, '\n');
  }

  /** Waits until the session text matches re; fails with the screen if it never does. */
  async waitFor(re: RegExp, what = String(re), ms = 120_000): Promise<string> {
    // A generous ceiling for a slow machine, not a performance assertion: it only turns a hang into a readable failure.
    const deadline = Date.now() + ms;
    for (;;) {
      const text = this.screen();
      if (re.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${what}; it shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops this session's tmux server (only ours: it has its own socket). */
  kill(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}
