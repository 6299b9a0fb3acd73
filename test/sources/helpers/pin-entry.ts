// Runs `unmodule pin` from the TypeScript sources in a real process (real argv, stdout, exit
// code) without a build: oclif's command discovery needs dist/, so the command class is run directly.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flush, handle } from '@oclif/core';
import Pin from '../../../src/commands/pin.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
try {
  await Pin.run(process.argv.slice(2), root);
  await flush();
} catch (err) {
  await handle(err as Error);
}
