// A one-line spinner for the slow steps (reading state, terraform plan). No dependency: a frame
// every 80 ms on a TTY, a plain "…" line elsewhere, and the final line always printed.

/** Runs work while showing text; prints `done(result)` (or the error's first line) when it ends. */
export type Spin = <T>(text: string, work: () => Promise<T>, done?: (result: T) => string) => Promise<T>;

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner writing to stream (animated only when it is a TTY). */
export function streamSpinner(stream: NodeJS.WriteStream): Spin {
  return async (text, work, done) => {
    let frame = 0;
    const tty = stream.isTTY === true;
    const draw = (s: string) => stream.write(tty ? `\r\x1b[2K${s}` : `${s}\n`);
    draw(`${FRAMES[0]} ${text}`);
    const timer = tty ? setInterval(() => draw(`${FRAMES[++frame % FRAMES.length]} ${text}`), 80) : undefined;
    try {
      const result = await work();
      if (tty) draw(`✔ ${done ? done(result) : text}\n`);
      else if (done) draw(`✔ ${done(result)}`);
      return result;
    } catch (err) {
      if (tty) draw(`✖ ${text}\n`);
      throw err;
    } finally {
      if (timer) clearInterval(timer);
    }
  };
}

/** A spinner that only records the final lines (for tests and non-TTY use). */
export function lineSpinner(out: (line: string) => void): Spin {
  return async (text, work, done) => {
    const result = await work();
    out(`✔ ${done ? done(result) : text}`);
    return result;
  };
}
