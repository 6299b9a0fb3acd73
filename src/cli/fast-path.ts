// `unmodule --version` and `unmodule [COMMAND] --help` answered without loading oclif. Loading
// @oclif/core (some 160 modules) costs more than Node's own start, and these two answers need
// none of it: the version is package.json's, and the help text is what oclif's own Help class
// printed at build time (scripts/manifest.js writes dist/help-text.json). Only Node's own modules
// are imported here. Whenever the answer could differ from oclif's, this steps aside: oclif
// decides colour and width from the terminal and the environment, so the stored text serves only
// output that is not a terminal, with none of the variables that change colour or width.
import { readFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';

/** What scripts/manifest.js stores: oclif's help output per command id ('' = the root), for 80 columns without colour. */
export interface StoredHelp {
  version: string;
  /** Stands for the user agent (`unmodule/0.1.0 linux-x64 node-v20.x`) inside the texts. */
  userAgentMark: string;
  texts: Record<string, string>;
}

/** Where the build stores the help texts, under the package root. */
export const HELP_TEXT_FILE = join('dist', 'help-text.json');

// Variables that make oclif (screen width) or ansis (its colour library) answer differently
// from a plain pipe: with any of them set, oclif renders the help itself.
const STYLE_VARIABLES = ['OCLIF_COLUMNS', 'FORCE_COLOR', 'NO_COLOR', 'COLORTERM', 'TF_BUILD', 'CI', 'PM2_HOME', 'NEXT_RUNTIME'];

/** Prints the answer and returns true when argv is a plain --version or --help; false leaves it to oclif. */
export function answerWithoutOclif(argv: string[], root: string, out: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (argv.length === 1 && argv[0] === '--version') {
    const ua = userAgent(root);
    if (ua === undefined) return false;
    out.write(`${ua}\n`);
    return true;
  }
  if (argv.at(-1) !== '--help' || argv.length > 2) return false;
  if (out.isTTY || STYLE_VARIABLES.some((v) => v in env) || Object.keys(env).some((k) => k.startsWith('TEAMCI'))) return false;
  const stored = storedHelp(root);
  const ua = userAgent(root);
  const text = stored?.texts[argv.length === 2 ? argv[0]! : ''];
  if (!stored || ua === undefined || text === undefined || stored.version !== packageJson(root)?.version) return false;
  out.write(text.split(stored.userAgentMark).join(ua));
  return true;
}

function packageJson(root: string): { name: string; version: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function storedHelp(root: string): StoredHelp | undefined {
  try {
    return JSON.parse(readFileSync(join(root, HELP_TEXT_FILE), 'utf8'));
  } catch {
    return undefined; // not built (bin/dev.js) or unreadable: oclif renders it
  }
}

/** oclif's Config.userAgent; undefined where oclif would name the platform differently (WSL). */
function userAgent(root: string): string | undefined {
  const pjson = packageJson(root);
  if (!pjson?.name || !pjson.version) return undefined;
  if (platform() === 'linux' && mentionsMicrosoft()) return undefined;
  return `${pjson.name}/${pjson.version} ${platform()}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}`;
}

/** Whether the kernel says WSL, where oclif prints the platform "wsl". */
function mentionsMicrosoft(): boolean {
  if (release().toLowerCase().includes('microsoft')) return true;
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft');
  } catch {
    return false;
  }
}
