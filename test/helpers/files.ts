// The .tf files below a directory (tests that read every fixture or corpus file).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .tf file below dir, depth first, skipping .terraform directories. */
export function tfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === '.terraform' ? [] : tfFiles(p);
    return n.endsWith('.tf') ? [p] : [];
  });
}
