import { Args } from '@oclif/core';
import { UnmoduleCommand } from '../cli/command.js';
import { UserError } from '../errors.js';
import { survey, type SurveyReport } from '../survey/index.js';
import { renderSurveyMarkdown } from '../survey/render.js';

export default class Survey extends UnmoduleCommand {
  static override summary = 'Rank the fleet\'s modules: which to inline first, which to keep.';

  static override description = `Reads every service directory under DIRS (no terraform run, no credentials) and, for each module source, reports:

- the services and calls that use it, and the refs/versions in use
- inputs the module declares vs inputs any caller sets
- count/for_each/dynamic toggles controlled only by inputs no caller sets (flexibility nobody uses)
- resources it declares (and instances under its calls in local state files), nesting depth
- whether it looks like a foundation (core networking, cluster baseline, security baseline, CI/CD identity)

Each module gets a recommendation with its reasons, following the rule of three: **inline** (one or two services, mostly unused flexibility), **keep** (a slow-moving foundation, or three or more services using it alike) or **review** (three or more services using it differently, or a module that could not be read). The output is a Markdown table fit for an issue or a pull request; --json gives the same as data.

Remote modules are read from where terraform init installed them (.terraform/modules); run init in one service per module first to survey them fully.`;

  static override examples = [
    { description: 'Survey every service under services/', command: '<%= config.bin %> <%= command.id %> services' },
    { description: 'As JSON, for scripts', command: '<%= config.bin %> <%= command.id %> services --json' },
    { description: 'Post the table on an issue', command: '<%= config.bin %> <%= command.id %> services > survey.md' },
  ];

  static override enableJsonFlag = true;
  static override strict = false;

  static override args = {
    dirs: Args.directory({ description: 'Service directories, or folders containing them (default: current directory).' }),
  };

  async run(): Promise<SurveyReport> {
    const { argv } = await this.parse(Survey);
    const dirs = (argv as string[]).length > 0 ? (argv as string[]) : ['.'];
    const report = await survey(dirs);
    if (report.services.length === 0 && report.unreadable.length === 0) {
      throw new UserError(`no .tf files found under ${dirs.join(', ')}; pass the directories that hold your services`);
    }
    if (!this.jsonEnabled()) this.log(renderSurveyMarkdown(report).trimEnd());
    return report;
  }
}
