// `unmodule survey`: which module to tear down first. Reads configurations only.
import { displayPath } from '../display-path.js';
import { collectSurvey, type SurveyCall } from './collect.js';
import { recommend, type Recommendation } from './recommend.js';

/** One module of the fleet, with the recommendation and its reasons. */
export interface SurveyedModuleReport {
  rank: number;
  module: string;
  kind: string;
  recommendation: Recommendation;
  reasons: string[];
  callers: (Omit<SurveyCall, 'origin'> & { at: string })[];
  services: number;
  /** Refs/versions in use ("" for none, e.g. local paths). */
  refs: string[];
  inputsDeclared?: number;
  inputsSet: string[];
  unusedInputs: string[];
  unusedToggles: { what: string; meta: string; inputs: string[]; at: string }[];
  /** Managed resources the module declares (nested modules included). */
  resources?: number;
  /** Instances under its calls in local state files, when every caller has one. */
  instances?: number;
  depth?: number;
  foundation?: { kind: string; evidence: string[] };
  problem?: string;
}

/** The whole survey. */
export interface SurveyReport {
  services: string[];
  unreadable: { dir: string; error: string }[];
  modules: SurveyedModuleReport[];
}

const ORDER: Record<Recommendation, number> = { inline: 0, review: 1, keep: 2 };

/** Surveys the services under paths; names are relative to base. */
export async function survey(paths: string[], base: string = process.cwd()): Promise<SurveyReport> {
  const input = await collectSurvey(paths);
  const rel = (p: string) => displayPath(base, p);
  const modules = input.modules.map((m) => {
    const callers = m.calls.map((c) => ({ service: c.service, inputs: c.inputs }));
    const v = recommend(callers, m.facts, m.problem);
    const instances = m.calls.every((c) => c.instances !== undefined) ? m.calls.reduce((n, c) => n + (c.instances ?? 0), 0) : undefined;
    return {
      score: v.score,
      report: {
        rank: 0,
        module: m.kind === 'local' ? rel(m.module) : m.module,
        kind: m.kind,
        recommendation: v.recommendation,
        reasons: v.reasons,
        callers: m.calls.map(({ origin, ...c }) => ({ ...c, service: rel(c.service), at: `${rel(origin.file)}:${origin.line}` })),
        services: new Set(m.calls.map((c) => c.service)).size,
        refs: [...new Set(m.calls.map((c) => c.ref))].sort(),
        inputsDeclared: m.facts?.inputs.length,
        inputsSet: [...new Set(m.calls.flatMap((c) => c.inputs))].sort(),
        unusedInputs: v.unusedInputs,
        unusedToggles: v.unusedToggles.map((t) => ({ what: t.what, meta: t.meta, inputs: t.inputs, at: `${rel(t.origin.file)}:${t.origin.line}` })),
        resources: m.facts?.resources.length,
        instances,
        depth: m.facts?.depth,
        foundation: v.foundation,
        problem: m.problem,
      } satisfies SurveyedModuleReport,
    };
  });
  modules.sort((a, b) => ORDER[a.report.recommendation] - ORDER[b.report.recommendation] || b.score - a.score || a.report.module.localeCompare(b.report.module));
  modules.forEach((m, i) => (m.report.rank = i + 1));
  return {
    services: input.services.map(rel),
    unreadable: input.unreadable.map((u) => ({ dir: rel(u.dir), error: u.error })),
    modules: modules.map((m) => m.report),
  };
}
