// The fleet view: every module source × service × ref/version × floating/pinned, and the modules
// that different services run at different versions. Pure: service results in, report and text out.
import { relative } from 'node:path';
import type { CallStatus, ServiceResult } from './service.js';

/** One call of one service in the fleet table. */
export interface FleetRow {
  service: string;
  call: string;
  /** `?ref=` or `version` as written ("" when none). */
  ref: string;
  /** Commit or version in use when known. */
  deployed?: string;
  status: CallStatus;
  /** What the pin would write (or wrote). */
  pinTo?: string;
  error?: string;
}

/** All uses of one module across the fleet. */
export interface FleetModule {
  module: string;
  kind: string;
  rows: FleetRow[];
  /** Distinct deployed versions (commits shown short); more than one means the services diverge. */
  versions: string[];
  divergent: boolean;
}

/** The fleet view of a pin run. */
export interface FleetReport {
  modules: FleetModule[];
  services: number;
  floating: number;
  divergent: number;
}

const short = (v: string) => (/^[0-9a-f]{40}$/i.test(v) ? v.slice(0, 12) : v);

/** Groups every call of every service by module; service names are relative to base. */
export function fleetReport(results: ServiceResult[], base: string = process.cwd()): FleetReport {
  const byModule = new Map<string, FleetModule>();
  for (const r of results) {
    const service = relative(base, r.dir) || '.';
    for (const c of r.calls) {
      const id = c.module || c.source || '(no source)';
      const m = byModule.get(id) ?? { module: id, kind: c.kind, rows: [], versions: [], divergent: false };
      m.rows.push({
        service,
        call: c.key,
        ref: c.ref ?? '',
        deployed: c.deployed,
        status: c.status,
        pinTo: c.pin ? (c.pin.version ?? refOf(c.pin.source)) : undefined,
        error: c.error,
      });
      byModule.set(id, m);
    }
  }
  const modules = [...byModule.values()].sort((a, b) => a.module.localeCompare(b.module));
  for (const m of modules) {
    m.rows.sort((a, b) => a.service.localeCompare(b.service) || a.call.localeCompare(b.call));
    if (m.kind === 'local') continue;
    m.versions = [...new Set(m.rows.map((r) => r.deployed).filter((v): v is string => v !== undefined).map(short))].sort();
    m.divergent = m.versions.length > 1;
  }
  return {
    modules,
    services: results.length,
    floating: modules.reduce((n, m) => n + m.rows.filter((r) => r.status === 'floating').length, 0),
    divergent: modules.filter((m) => m.divergent).length,
  };
}

function refOf(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const m = /[?&]ref=([^&]*)/.exec(source);
  return m ? short(decodeURIComponent(m[1]!)) : source;
}

/** The report as a plain-text table, one block per module, divergent modules flagged. */
export function renderFleet(report: FleetReport): string {
  const out: string[] = [];
  for (const m of report.modules) {
    const flag = m.divergent ? `  ⚠ services run ${m.versions.length} different versions: ${m.versions.join(', ')}` : '';
    out.push(`${m.module} (${m.kind})${flag}`);
    const rows = m.rows.map((r) => [r.service, r.call, r.ref || '(none)', r.deployed ? short(r.deployed) : '-', r.status + (r.pinTo ? ` → ${r.pinTo}` : ''), r.error ?? '']);
    const head = ['SERVICE', 'CALL', 'REF/VERSION', 'DEPLOYED', 'STATUS', ''];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const r of [head, ...rows]) out.push(`  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
    out.push('');
  }
  out.push(`${report.services} service(s), ${report.floating} floating call(s), ${report.divergent} module(s) with diverging versions`);
  return out.join('\n');
}
