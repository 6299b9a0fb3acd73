// `unmodule inlin .`: oclif's own answer is "command inlin:. not found" (its topic separator
// joins the words) with exit 2, which DESIGN keeps for "the plan shows changes". Say which word
// is not a command, list the ones there are, and exit 1 like every other refusal.
import type { Hook } from '@oclif/core';

const hook: Hook<'command_not_found'> = async function ({ id, argv, config }) {
  const word = id.split(':')[0] ?? id;
  const commands = config.commandIDs.filter((c) => c !== '').sort();
  const message = `unknown command ${JSON.stringify(word)}; the commands are ${commands.join(', ')} (unmodule --help describes them; unmodule with no command starts the wizard)`;
  if ((argv ?? []).includes('--json')) {
    process.stdout.write(`${JSON.stringify({ error: { name: 'UsageError', message, location: { command: word }, exitCode: 1 } }, null, 2)}\n`);
  } else {
    process.stderr.write(`Error: ${message}\n`);
  }
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(1);
};

export default hook;
