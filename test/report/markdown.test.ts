import { describe, expect, it } from 'vitest';
import { RESULTS_SCHEMA, type BatchResults, type ServiceReport } from '../../src/batch/types.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { collectSecrets, redactDeep, REDACTED } from '../../src/report/redact.js';
import { loadReportTemplates } from '../../src/report/template.js';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';

const base: Omit<ServiceReport, 'path' | 'status'> = {
  calls: [{ name: 'app_config', source: './modules/config-record' }],
  steps: { pin: 'ok', inline: 'ok', verify: 'ok' },
  refs: [{ call: 'app_config', source: 'git::https://example.com/m.git?ref=main', ref: 'main', status: 'floating', pinTo: 'v1.0.0', notes: [] }],
  inline: { calls: ['app_config'], files: [{ path: 'app_config.tf', kind: 'new' }], moves: [{ from: 'module.app_config.terraform_data.this[0]', to: 'terraform_data.app_config_this' }], notes: [] },
  diff: '--- a/main.tf\n+++ b/main.tf\n@@ -1 +1 @@\n-module "app_config" {}\n+# ``` fenced\n',
  written: false,
  durationMs: 5,
};

const results: BatchResults = {
  schema: RESULTS_SCHEMA,
  settings: { module: 'app_config', steps: ['pin', 'inline', 'verify'], mode: 'moved', write: false, offline: false },
  planned: ['svc/a', 'svc/b', 'svc/c'],
  services: [
    { ...base, path: 'svc/a', status: 'pass' },
    { ...base, path: 'svc/b', status: 'fail', reason: 'verify: Not zero change', steps: { pin: 'ok', inline: 'ok', verify: 'failed' } },
  ],
  totals: { pass: 1, fail: 1, skip: 0, pending: 1 },
};

describe('markdown report', () => {
  it('puts the summary table first, then a section per service with the diff folded and fenced safely', async () => {
    const md = renderMarkdown(results, await loadReportTemplates());
    expect(md.startsWith('<!-- unmodule:report -->\n## unmodule: dry run of `app_config`')).toBe(true);
    const table = md.indexOf('|  | Service |');
    expect(table).toBeGreaterThan(0);
    expect(md.indexOf('### ✅ `svc/a`')).toBeGreaterThan(table);
    expect(md).toContain('### ❌ `svc/b`');
    expect(md).toContain('| ⏳ | `svc/c` |');
    expect(md).toContain('<details><summary>Diff (1 file(s))</summary>');
    expect(md).toContain('````diff\n');
    expect(md).toContain('floating (main) → v1.0.0');
    expect(md).not.toMatch(/\{\{\w+\}\}/);
    expect(md).not.toMatch(/\n\n\n/);
  });

  it('gives the same bytes for the same results (nothing time-dependent)', async () => {
    const t = await loadReportTemplates();
    const again = { ...results, services: results.services.map((s) => ({ ...s, durationMs: 999 })) };
    expect(renderMarkdown(again, t)).toBe(renderMarkdown(results, t));
  });
});

describe('redaction', () => {
  it('collects literals given to sensitive module variables, sensitive root variables, tfvars and sensitive outputs', async () => {
    const root = buildModule('/r', [
      await parseHcl('/r/main.tf', `variable "db" {\n  sensitive = true\n  default = "root-default-secret"\n}\nmodule "m" {\n  source = "./m"\n  token = "call-secret-value"\n  name = "visible"\n}\noutput "o" {\n  sensitive = true\n  value = { k = "output-secret" }\n}\n`),
    ]);
    const mod = buildModule('/r/m', [await parseHcl('/r/m/v.tf', `variable "token" {\n  sensitive = true\n}\nvariable "name" {}\n`)]);
    const tfvars = await parseHcl('/r/terraform.tfvars', `db = "tfvars-secret"\nother = "public"\n`);
    const secrets = collectSecrets(root, [{ call: root.moduleCalls[0]!, module: mod }], [tfvars]);
    expect(secrets.sort()).toEqual(['call-secret-value', 'output-secret', 'root-default-secret', 'tfvars-secret']);
    const scrubbed = redactDeep({ diff: '+  token = sensitive("call-secret-value")\n  name = "visible"', list: ['x tfvars-secret y'] }, secrets);
    expect(scrubbed.diff).toBe(`+  token = sensitive("${REDACTED}")\n  name = "visible"`);
    expect(scrubbed.list[0]).toBe(`x ${REDACTED} y`);
  });
});
