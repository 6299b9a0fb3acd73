/** One object that keeps its identity under a new address: instance-level `from` → `to`, as Terraform prints them. */
export interface Move { from: string; to: string }
