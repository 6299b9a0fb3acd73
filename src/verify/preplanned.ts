// `verify --preplanned FILE`: judge a plan made elsewhere (HCP Terraform, a remote runner, CI) from
// its `terraform show -json` output; no terraform runs here.
import { readFile } from 'node:fs/promises';
import type { Move } from '../migrate/move.js';
import { parsePlanJson } from '../terraform/show.js';
import { judgePlan, type PlanVerdict } from './verdict.js';
import { UserError } from '../errors.js';

/** A plan file that cannot be judged; the message says how to produce one that can. */
export class PreplannedError extends UserError {
  override name = 'PreplannedError';
}

/** Reads plan JSON from `file` and judges it against the expected moves. */
export async function verifyPreplanned(file: string, expectedMoves?: Move[]): Promise<PlanVerdict> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new PreplannedError(`cannot read ${file}: ${err.code ?? err.message}`);
  });
  const how = 'make one with: terraform plan -out tfplan && terraform show -json tfplan > plan.json';
  if (!text.trimStart().startsWith('{')) throw new PreplannedError(`${file} is not plan JSON (a binary plan file?); ${how}`);
  try {
    return judgePlan(parsePlanJson(text), expectedMoves);
  } catch (err) {
    throw new PreplannedError(`${file} is not plan JSON (${(err as Error).message}); ${how}`);
  }
}
