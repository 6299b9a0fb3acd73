// The Markdown templates in templates/ (shipped with the package), and the placeholder filling.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_DIR } from '../templates.js';

/** The page template and the per-service section template. */
export interface ReportTemplates {
  page: string;
  service: string;
}

export { TEMPLATE_DIR };

/** Reads templates/report.md and templates/report.md.service (or a custom page template). */
export async function loadReportTemplates(pageFile = join(TEMPLATE_DIR, 'report.md')): Promise<ReportTemplates> {
  const [page, service] = await Promise.all([readFile(pageFile, 'utf8'), readFile(join(TEMPLATE_DIR, 'report.md.service'), 'utf8')]);
  return { page, service };
}

/**
 * Fills `{{name}}` placeholders. The leading `<!-- ... -->` line documents the template and is
 * dropped unless it is the report marker; a line holding only an empty placeholder vanishes, and
 * runs of blank lines collapse to one, so optional sections leave no gaps.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const body = template.replace(/^<!-- (?!unmodule:report)[^\n]*-->\n/, '').replace(/^(<!-- unmodule:report)[^\n]*-->/, '$1 -->');
  const filled = body.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
  return filled.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
