// Words and command lines for a POSIX shell, for every command unmodule prints for a person to
// paste (next steps, advice, failed terraform runs) and for state-mv.sh. Single quotes keep every
// byte literal (`$(...)`, backticks, `\`, `"`, newlines, UTF-8) except `'` itself, which closes
// the quote, is escaped, and reopens it.

/** Always quoted: for generated scripts, where uniform quoting reads best. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Quoted only when the shell would read it differently: `services/alpha` stays as it is. */
export function shellWord(s: string): string {
  return /^[\w./:=@%+,-]+$/.test(s) ? s : shQuote(s);
}

/** A command line from argv, each word quoted as needed. */
export function shellCommand(argv: string[]): string {
  return argv.map(shellWord).join(' ');
}
