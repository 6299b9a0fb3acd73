// Which modules to tear down first. Pure: the survey's facts in, a recommendation with its
// reasons out. The rules are the essay's: extract a module on the third clear repetition, keep
// slow-moving foundations (core networking, cluster baselines, security agents, CI/CD IAM).
import type { ModuleFacts, ModuleToggle } from './analyze.js';

export type Recommendation = 'inline' | 'keep' | 'review';

/** A module looks like a foundation when it declares one of these. */
const FOUNDATIONS: { kind: string; types: RegExp }[] = [
  { kind: 'core networking', types: /^(aws_vpc|aws_ec2_transit_gateway|aws_dx_gateway|google_compute_network|azurerm_virtual_network|azurerm_virtual_hub)$/ },
  { kind: 'cluster baseline', types: /^(aws_eks_cluster|aws_ecs_cluster|aws_msk_cluster|google_container_cluster|azurerm_kubernetes_cluster)$/ },
  { kind: 'security baseline', types: /^(aws_guardduty_detector|aws_securityhub_account|aws_config_configuration_recorder|aws_organizations_policy|google_organization_policy_policy)$/ },
  { kind: 'CI/CD identity', types: /^(aws_iam_openid_connect_provider|google_iam_workload_identity_pool|azurerm_federated_identity_credential)$/ },
];

/** What kind of foundation a module is, with the evidence, or undefined. */
export function foundationOf(f: ModuleFacts): { kind: string; evidence: string[] } | undefined {
  for (const { kind, types } of FOUNDATIONS) {
    const evidence = f.resourceTypes.filter((t) => types.test(t));
    if (evidence.length) return { kind, evidence };
  }
  if (f.mentionsGithubOidc && f.resourceTypes.includes('aws_iam_role')) return { kind: 'CI/CD identity', evidence: ['aws_iam_role trusting token.actions.githubusercontent.com'] };
  return undefined;
}

/** One caller as the recommendation sees it. */
export interface CallerUse {
  service: string;
  inputs: string[];
}

/** The decision for one module, with every reason that led to it. */
export interface ModuleVerdict {
  recommendation: Recommendation;
  reasons: string[];
  /** Inputs the module declares that no caller sets. */
  unusedInputs: string[];
  /** Toggles controlled only by inputs no caller sets (always at their default). */
  unusedToggles: ModuleToggle[];
  foundation?: { kind: string; evidence: string[] };
  /** Higher: a better first candidate for inlining. */
  score: number;
}

/** Mean pairwise Jaccard similarity of the callers' input sets (1 for a single caller). */
export function alikeness(callers: CallerUse[]): number {
  if (callers.length < 2) return 1;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < callers.length; i++) {
    for (let j = i + 1; j < callers.length; j++) {
      const a = new Set(callers[i]!.inputs);
      const b = new Set(callers[j]!.inputs);
      const union = new Set([...a, ...b]);
      const both = [...a].filter((x) => b.has(x)).length;
      sum += union.size === 0 ? 1 : both / union.size;
      n++;
    }
  }
  return sum / n;
}

const RULE_OF_THREE = 3;
const ALIKE = 0.6;

/** Recommends inline / keep / review for a module with these callers and facts. */
export function recommend(callers: CallerUse[], facts: ModuleFacts | undefined, problem?: string): ModuleVerdict {
  const services = new Set(callers.map((c) => c.service)).size;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (!facts) {
    return {
      recommendation: 'review',
      reasons: [problem ?? 'the module source is not on disk; run terraform init in one of its services, then survey again'],
      unusedInputs: [],
      unusedToggles: [],
      score: 0,
    };
  }
  const set = new Set(callers.flatMap((c) => c.inputs));
  const unusedInputs = facts.inputs.filter((i) => !set.has(i.name)).map((i) => i.name);
  const unusedToggles = facts.toggles.filter((t) => t.inputs.length > 0 && t.inputs.every((i) => !set.has(i)));
  const foundation = foundationOf(facts);
  const flex = facts.inputs.length === 0 ? 0 : unusedInputs.length / facts.inputs.length;
  const score = flex + unusedToggles.length / Math.max(1, facts.toggles.length) - services / 10;
  const flexibility: string[] = [];
  if (unusedInputs.length) flexibility.push(`${unusedInputs.length} of ${facts.inputs.length} inputs are set by no caller`);
  if (unusedToggles.length) flexibility.push(`${plural(unusedToggles.length, 'count/for_each/dynamic toggle')} no caller turns on (${unusedToggles.map((t) => t.what).slice(0, 3).join(', ')}${unusedToggles.length > 3 ? ', …' : ''})`);
  const base = { unusedInputs, unusedToggles, foundation, score };

  if (foundation) {
    return {
      ...base,
      recommendation: 'keep',
      reasons: [`a slow-moving foundation (${foundation.kind}: ${foundation.evidence.join(', ')}): modules earn their keep here`, `${plural(services, 'service')} call${services === 1 ? 's' : ''} it`],
    };
  }
  if (services >= RULE_OF_THREE) {
    const alike = alikeness(callers);
    if (alike >= ALIKE) {
      return { ...base, recommendation: 'keep', reasons: [`${services} services use it alike (input overlap ${Math.round(alike * 100)}%): the third clear repetition, a module is justified`, ...flexibility] };
    }
    return {
      ...base,
      recommendation: 'review',
      reasons: [`${services} services call it, but differently (input overlap ${Math.round(alike * 100)}%): each may be better off with its own plain resources`, ...flexibility],
    };
  }
  if (services === 0) return { ...base, recommendation: 'review', reasons: ['no service calls it'] };
  return {
    ...base,
    recommendation: 'inline',
    reasons: [`${plural(services, 'service')} call${services === 1 ? 's' : ''} it: below the rule of three, duplication is cheaper than the abstraction`, ...flexibility],
  };
}
