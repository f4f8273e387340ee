import { hashContent } from "../plan/plan.js";
import type { Action, Lock } from "../plan/types.js";
import { computePlan, type ProjectOptions } from "./project.js";

export type FileState = "up to date" | "edited" | "missing" | "outdated" | "pending" | "orphaned" | "blocked";

export interface FileStatus {
  path: string;
  state: FileState;
  hosts: string[];
  /** Other hosts that read the file too, though it is not written for them (`HostDef.reads`). */
  readers: string[];
  reason: string;
}

/** Classify one planned action as the state of its file. */
export function stateOf(a: Action, locked: { sha256: string } | undefined): FileState {
  switch (a.type) {
    case "skip":
      return /edited/.test(a.reason) ? "edited" : "up to date";
    case "adopt":
      return "up to date";
    case "create":
      return locked ? "missing" : "pending";
    case "update":
    case "merge":
      if (!locked) return "pending";
      return a.before != null && hashContent(a.before) !== locked.sha256 && a.mode === "file"
        ? "edited"
        : "outdated";
    case "delete":
    case "untrack":
      return "orphaned";
    case "conflict":
      return locked ? "edited" : "blocked";
  }
}

/** The state of every planned file, against the lock the plan started from. */
export function fileStatuses(actions: readonly Action[], lock: Lock): FileStatus[] {
  return actions.map((a) => ({
    path: a.path,
    state: stateOf(a, lock.files[a.path]),
    hosts: a.hosts.length ? a.hosts : (lock.files[a.path]?.hosts ?? []),
    readers: a.hosts.length ? (a.readers ?? []) : (lock.files[a.path]?.readers ?? []),
    reason: a.reason,
  }));
}

/** `cadre status`: per host and file, whether it is up to date, edited, missing or orphaned. */
export async function statusCommand(o: ProjectOptions) {
  const c = await computePlan(o);
  const files = fileStatuses(c.plan.actions, c.lock);
  return { files, hosts: c.hosts.map((h) => h.id), items: c.items.length, notes: c.notes };
}
