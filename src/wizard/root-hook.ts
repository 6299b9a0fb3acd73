// oclif wiring for `unmodule` with no command. With the "pattern" command discovery we use,
// oclif 4.14 cannot run a root command from src/commands/index.ts: an empty argv prints the root
// help before any command lookup, and the index file gets the id "Symbol(SINGLE_COMMAND_CLI)",
// which oclif then tries to load as a file of that name (a MODULE_NOT_FOUND warning on every
// run, for every command). So the wizard command lives here and this init hook, which oclif runs
// before help and lookup, starts it; an argv that begins with a command, --help or --version is
// left to oclif.
import type { Hook } from '@oclif/core';
import Wizard from './command.js';

const LEAVE_TO_OCLIF = new Set(['--help', '-h', '--version', '-v', 'help', 'version']);

const hook: Hook<'init'> = async function ({ id, argv, config }) {
  if (id !== undefined && (!id.startsWith('-') || LEAVE_TO_OCLIF.has(id))) return;
  const args = id === undefined ? argv : [id, ...argv];
  if (args.some((a) => LEAVE_TO_OCLIF.has(a))) return;
  // A non-zero exit (ExitError) propagates through oclif as usual. A normal return would fall
  // through to oclif's root help, so end the process here once stdout has drained.
  await Wizard.run(args, config);
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
};

export default hook;
