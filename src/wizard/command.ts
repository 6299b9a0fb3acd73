// The oclif command behind `unmodule` with no command (started by root-hook.ts, not discovered
// under src/commands: see there why). Parses flags, runs the wizard, maps its ending to an exit code.
import { UnmoduleCommand, type ErrorReport } from '../cli/command.js';
import { terraformBin, terraformBinFlag } from '../cli/common.js';
import { nonInteractiveAdvice, runTerminalWizard, type WizardResult } from './index.js';

/** `unmodule` (no command): the interactive wizard. */
export default class Wizard extends UnmoduleCommand {
  static override summary = 'The escape plan as a guided conversation (run `unmodule` with no command).';

  static override description = `Walks through the escape plan for one service: pick the directory and the module call, see
floating refs (and pin them), the instances the call manages, edit the new resource names, preview
the diff and the move table, confirm, write, and verify with terraform plan. Nothing is written
until you confirm; Ctrl-C or "no" leaves every file as it was. Without a terminal (or with --json)
it prints the equivalent \`unmodule inline\` command lines and exits 1.`;

  static override examples = ['<%= config.bin %>'];

  static override enableJsonFlag = true;

  static override flags = {
    'terraform-bin': terraformBinFlag,
  };

  static override id = '';

  // Exit codes are set on process.exitCode rather than thrown with this.exit(): under --json oclif
  // would print a second JSON document for the thrown exit.
  async run(): Promise<WizardResult | { error: ErrorReport; commands: string[] }> {
    const { flags } = await this.parse(Wizard);
    // The advice only prints command lines (to run where that binary is); the wizard itself runs it.
    const bin = flags['terraform-bin'];
    const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
    if (!tty || this.jsonEnabled()) {
      const advice = await nonInteractiveAdvice(process.cwd(), this.jsonEnabled() ? '--json was given' : 'stdin or stdout is not a TTY', bin);
      if (!this.jsonEnabled()) this.logToStderr(`${advice.message}\n${advice.commands.map((c) => `  ${c}`).join('\n')}`);
      process.exitCode = 1;
      return { error: { name: 'WizardNeedsTerminal', message: advice.message, location: { dir: process.cwd() }, exitCode: 1 }, commands: advice.commands };
    }
    const result = await runTerminalWizard({ cwd: process.cwd(), terraformBin: terraformBin(bin), out: (t) => this.log(t) });
    process.exitCode = result.exitCode;
    return result;
  }
}
