#!/usr/bin/env node
// Writes oclif.manifest.json after a build, so `unmodule <command>` imports only that command
// instead of every command file (what `oclif manifest` does, without the oclif CLI dependency).
import { Config } from '@oclif/core';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'oclif.manifest.json');
rmSync(target, { force: true }); // a stale manifest must not describe the new build
const config = await Config.load({ root, devPlugins: false, userPlugins: false });
const plugin = config.plugins.get(config.pjson.name);
const manifest = { ...plugin.manifest, version: config.version };
writeFileSync(target, JSON.stringify(manifest, null, 2) + '\n');
console.log(`wrote ${Object.keys(manifest.commands).length} commands to oclif.manifest.json`);
