// oclif wiring for `unmodule` with no command. With the "pattern" command discovery we use,
// oclif 4.14 cannot run a root command from src/commands/index.ts: an empty argv prints the root
// help before any command lookup, and the index file gets the id "Symbol(SINGLE_COMMAND_CLI)",
// which oclif then tries to load as a file of that name (a MODULE_NOT_FOUND warning on every
// run, for every command). So the wizard command lives here and this init hook, which oclif runs
// before help and lookup, starts it; an argv that begins with a command, --help or --version is
// left to oclif.
import { handle, type Hook } from '@oclif/core';

const LEAVE_TO_OCLIF = new Set(['--help', '-h', '--version', '-v', 'help', 'version']);

/** Starts the wizard for `unmodule` with no command (flags only, or nothing). */
const hook: Hook<'init'> = async function ({ id, argv, config }) {
  if (id !== undefined && (!id.startsWith('-') || LEAVE_TO_OCLIF.has(id))) return;
  const args = id === undefined ? argv : [id, ...argv];
  if (args.some((a) => LEAVE_TO_OCLIF.has(a))) return;
  try {
    // Imported here, not at the top: this hook runs before every command, and the wizard's
    // imports (prompts, the whole core) would slow every `unmodule <command>` start.
    const { default: Wizard } = await import('./command.js');
    await Wizard.run(args, config);
  } catch (err) {
    // oclif swallows errors thrown by hooks unless they carry a non-zero exit, so a bug would
    // end in the root help and exit 0; report it (and exit) the way oclif reports a command's.
    await handle(err as Error);
  }
  // A normal return would fall through to oclif's root help: end here once stdout has drained.
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
};

export default hook;
