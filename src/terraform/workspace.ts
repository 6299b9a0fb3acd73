// `terraform workspace list`, and state reads of a named workspace. The workspace is chosen with
// TF_WORKSPACE for one run, so the directory's selected workspace is never switched.
import { runTerraform, type TerraformOptions } from './runner.js';
import { stateList } from './state.js';

/** The workspaces of a directory's backend; `current` is the selected one. */
export interface WorkspaceList {
  current: string;
  names: string[];
}

/** Parses `workspace list` output (`* default`, `  staging`). */
export function parseWorkspaceList(stdout: string): WorkspaceList {
  let current = 'default';
  const names: string[] = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const name = line.replace(/^\*\s*/, '');
    if (line.startsWith('*')) current = name;
    names.push(name);
  }
  return { current, names };
}

/** `terraform workspace list`. */
export async function workspaceList(opts: TerraformOptions): Promise<WorkspaceList> {
  const res = await runTerraform(['workspace', 'list'], { ...opts, env: { ...opts.env, TF_WORKSPACE: undefined } });
  return parseWorkspaceList(res.stdout);
}

/** `terraform state list` in workspace `name`. */
export async function workspaceStateList(opts: TerraformOptions, name: string): Promise<string[]> {
  return stateList({ ...opts, env: { ...opts.env, TF_WORKSPACE: name } });
}
