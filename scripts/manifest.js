#!/usr/bin/env node
// Writes oclif.manifest.json after a build, so `unmodule <command>` imports only that command
// instead of every command file (what `oclif manifest` does, without the oclif CLI dependency).
// Also writes dist/help-text.json: oclif's own help output for the root and every command, as a
// pipe receives it (80 columns, no colour), for `--help` without loading oclif (src/cli/fast-path.ts).
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// oclif reads the width, and ansis the colour, when they are first imported: fix both first.
process.env.OCLIF_COLUMNS = '80';
process.env.NO_COLOR = '1';
const { Config, loadHelpClass } = await import('@oclif/core');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'oclif.manifest.json');
const helpTarget = join(root, 'dist', 'help-text.json');
rmSync(target, { force: true }); // a stale manifest must not describe the new build
rmSync(helpTarget, { force: true });
const config = await Config.load({ root, devPlugins: false, userPlugins: false });
const plugin = config.plugins.get(config.pjson.name);
const manifest = { ...plugin.manifest, version: config.version };
writeFileSync(target, JSON.stringify(manifest, null, 2) + '\n');
console.log(`wrote ${Object.keys(manifest.commands).length} commands to oclif.manifest.json`);

// What main.run does for `--help` and `<id> --help`, with stdout captured.
const userAgentMark = '\u0000USER-AGENT\u0000';
const realUserAgent = config.userAgent;
config.userAgent = userAgentMark;
const Help = await loadHelpClass(config);
const texts = {};
for (const argv of [['--help'], ...Object.keys(manifest.commands).map((id) => [id, '--help'])]) {
  const help = new Help(config, config.pjson.oclif.helpOptions ?? config.pjson.helpOptions);
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = (chunk) => ((out += String(chunk)), true);
  try {
    await help.showHelp(argv);
  } finally {
    process.stdout.write = write;
  }
  if (out.includes(realUserAgent)) throw new Error(`the help of ${argv.join(' ')} names the user agent other than through config.userAgent`);
  texts[argv.length === 2 ? argv[0] : ''] = out;
}
writeFileSync(helpTarget, JSON.stringify({ version: config.version, userAgentMark, texts }) + '\n');
console.log(`wrote the help of ${Object.keys(texts).length - 1} commands and the root to dist/help-text.json`);
