// templates/ of the installed package. Found by walking up from this file to the package root,
// because this code runs from src/ under vitest, from dist/ after tsc, and from a bundle chunk.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find unmodule's templates/ above ${fileURLToPath(import.meta.url)}; reinstall unmodule`);
    dir = up;
  }
  return dir;
}

/** The templates directory of the package. */
export const TEMPLATE_DIR = join(packageRoot(), 'templates');
