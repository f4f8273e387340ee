import { sha256 } from "../core/hash.js";
import { isSafeRelativePath } from "../core/names.js";
import type { Scope } from "../hosts/define.js";
import type { Content, Desired, DesiredBlock, DesiredFile, DesiredKeys } from "../hosts/output.js";
import { type Found, markerInContent, removeBlock, scanBlock, upsertBlock } from "./blocks.js";
import { type CheckedEditor, checkedEditor } from "./checked-edit.js";
import { codecFor, fromPointer, getAt, hashValue, pointer, shapeProblem } from "./json-keys.js";
import { merge3 } from "./merge.js";
import { blockSyntaxProblem } from "./reparse.js";
import { decodeShared, encodeShared, NOT_UTF8 } from "./shared-text.js";
import type { Action, Bases, Lock, LockEntry, NotExecutable, Observed, Plan, PlanOptions } from "./types.js";

export interface PlanInput {
  desired: readonly Desired[];
  lock: Lock;
  observed: Observed;
  bases: Bases;
  /** Qualified item id → content hash, for the next lock. */
  items: Record<string, { hash: string }>;
  scope: Scope;
  rendererVersion: number;
  /** Files cadre wants executable that exist without the exec bit (a lost bit is restored). */
  notExecutable?: NotExecutable;
  /** Paths cadre may not write (a file where a folder should be, a folder or a foreign link in the way) → why. */
  blocked?: ReadonlyMap<string, string>;
}

type Step = { action: Action; entry: LockEntry | undefined };

const decoder = new TextDecoder();

export function hashContent(c: Content): string {
  return sha256(c);
}

function text(c: Content | null | undefined): string | null {
  if (c === null || c === undefined) return null;
  return typeof c === "string" ? c : decoder.decode(c);
}

/** Who a path is for, as the lock records it: `readers` is set (or cleared) from the desired state. */
function owners(d: { hosts: string[]; items: string[]; readers?: string[] }) {
  return {
    hosts: [...d.hosts],
    items: [...d.items],
    readers: d.readers?.length ? [...d.readers] : undefined,
  };
}

/**
 * The planner: desired state × lock × disk → actions, each with a reason. Pure and deterministic;
 * nothing is written here. A user's edit is never overwritten without `force`: it is merged, or kept
 * with a proposal beside it.
 */
export function planSync(input: PlanInput, opts: PlanOptions = {}): Plan {
  const steps: Step[] = [];
  const seen = new Set<string>();
  for (const d of [...input.desired].sort((a, b) => cmp(a.path, b.path))) {
    seen.add(d.path);
    const entry = input.lock.files[d.path];
    const lockEntry = entry && entry.mode === d.type ? entry : undefined;
    const x = input.observed.get(d.path) ?? null;
    if (!isSafeRelativePath(d.path)) throw new Error(`unsafe desired path ${d.path}`);
    const why = input.blocked?.get(d.path);
    if (why) steps.push(blockedStep(d.path, d, entry, why));
    else if (d.type === "file")
      steps.push(planFile(d, lockEntry, x, input.bases, opts, input.notExecutable?.has(d.path) ?? false));
    else if (d.type === "block")
      steps.push(shared(d, lockEntry, x, (t) => planBlock(d, lockEntry, t, input.bases, opts)));
    else steps.push(shared(d, lockEntry, x, (t) => planKeys(d, lockEntry, t, opts)));
  }
  for (const path of Object.keys(input.lock.files).sort(cmp)) {
    if (seen.has(path)) continue;
    const entry = input.lock.files[path] as LockEntry;
    if (!isSafeRelativePath(path)) {
      steps.push({
        action: act("untrack", path, entry, "unsafe path in cadre.lock; dropped from the lock"),
        entry: undefined,
      });
      continue;
    }
    const why = input.blocked?.get(path);
    if (why) steps.push(blockedStep(path, entry, entry, why));
    else steps.push(planRemoval(path, entry, input.observed.get(path) ?? null, opts));
  }
  const files: Record<string, LockEntry> = {};
  for (const s of steps) if (s.entry) files[s.action.path] = s.entry;
  return {
    actions: steps.map((s) => s.action),
    lock: {
      version: 1,
      rendererVersion: input.rendererVersion,
      scope: input.scope,
      items: sortKeys(input.items),
      files,
    },
  };
}

/** A path whose type is not what cadre needs: nothing is written there, and the lock keeps what it had. */
function blockedStep(
  path: string,
  o: { hosts: string[]; items: string[] },
  entry: LockEntry | undefined,
  why: string,
): Step {
  return {
    action: act("conflict", path, o, `${why}; left untouched: move it out of the way, then run cadre sync`),
    entry,
  };
}

function act(
  type: Action["type"],
  path: string,
  o: { hosts: string[]; items: string[] },
  reason: string,
  extra: Partial<Action> = {},
): Action {
  const mode = (o as { mode?: Action["mode"]; type?: string }).mode ?? modeOf((o as { type?: string }).type);
  const readers = (o as { readers?: string[] }).readers;
  return {
    type,
    path,
    mode,
    reason,
    hosts: [...o.hosts],
    items: [...o.items],
    ...(readers?.length ? { readers: [...readers] } : {}),
    ...extra,
  };
}

function modeOf(t: string | undefined): Action["mode"] {
  return t === "block" ? "block" : t === "keys" ? "keys" : "file";
}

/**
 * A step on a shared file (cadre owns a part of it) on its decoded text; what it writes goes back in the
 * file's own bytes (BOM, CRLF). A file that is not UTF-8 is refused, never decoded lossily.
 */
function shared(
  o: { path: string; hosts: string[]; items: string[]; mode?: string; type?: string },
  l: LockEntry | undefined,
  x: Content | null,
  step: (t: string | null) => Step,
): Step {
  if (x === null) return step(null);
  const s = decodeShared(x);
  if (!s) return { action: act("conflict", o.path, o, NOT_UTF8, { before: x }), entry: l };
  const { action: a, entry } = step(s.text);
  const back = <T>(v: T): T => (typeof v === "string" ? (encodeShared(v, s) as T) : v);
  const out: Action = { ...a, before: x };
  if (a.write !== undefined) out.write = back(a.write);
  if (a.proposal !== undefined) out.proposal = back(a.proposal);
  return { action: out, entry };
}

function planFile(
  d: DesiredFile,
  l: LockEntry | undefined,
  x: Content | null,
  bases: Bases,
  opts: PlanOptions,
  /** The file exists without its exec bit. */
  notExec: boolean,
): Step {
  const dh = hashContent(d.content);
  const exec = d.executable ? { executable: true } : {};
  const entry: LockEntry = {
    mode: "file",
    sha256: dh,
    ...owners(d),
    ...(d.link ? { link: true } : {}),
    ...exec,
    ...(l?.adopted ? { adopted: true } : {}),
  };
  const w = { ...(d.link ? { link: d.link } : {}), ...exec };
  // Adopted files stay as they are on disk (a copy); a later run turns them into links.
  const { link: _ignored, ...adopted } = entry;
  const bases1 = typeof d.content === "string" ? [d.content] : [];
  // cadre's content without the exec bit the host needs (a script): rewrite it executable.
  const chmod = (reason: string): Step => ({
    action: act("update", d.path, d, reason, { ...w, write: d.content, before: x, bases: bases1 }),
    entry,
  });
  const lostExec = !!d.executable && notExec;
  if (!l) {
    if (x === null)
      return {
        action: act("create", d.path, d, "new", { ...w, write: d.content, before: null, bases: bases1 }),
        entry,
      };
    if (hashContent(x) === dh) {
      if (lostExec) return chmod("already has the content cadre would write; made executable");
      return {
        action: act("adopt", d.path, d, "already has the content cadre would write", { bases: bases1 }),
        entry: { ...adopted, ...(opts.adopt ? { adopted: true } : {}) },
      };
    }
    if (opts.force)
      return {
        action: act("update", d.path, d, "replaced a file cadre did not write (--force)", {
          ...w,
          write: d.content,
          before: x,
          bases: bases1,
        }),
        entry,
      };
    return {
      action: act(
        "conflict",
        d.path,
        d,
        d.executable
          ? "a script cadre did not write is in the way; left untouched, so cadre's hooks for it do not run"
          : "a file cadre did not write is in the way; left untouched",
        { ...exec, proposal: text(d.content) ?? "", before: x },
      ),
      entry: undefined,
    };
  }
  if (x === null)
    return {
      action: act("create", d.path, d, "missing; restored", {
        ...w,
        write: d.content,
        before: null,
        bases: bases1,
      }),
      entry,
    };
  const xh = hashContent(x);
  if (xh === l.sha256) {
    if (dh === l.sha256 && !!l.link !== !!d.link) {
      const reason = d.link ? "now a symlink (--link)" : "now a copy";
      return {
        action: act("update", d.path, d, reason, { ...w, write: d.content, before: x, bases: bases1 }),
        entry,
      };
    }
    if (dh === l.sha256 && lostExec) return chmod("lost its exec bit; made executable again");
    if (dh === l.sha256) return { action: act("skip", d.path, d, "up to date"), entry };
    return {
      action: act("update", d.path, d, "library changed", {
        ...w,
        write: d.content,
        before: x,
        bases: bases1,
      }),
      entry,
    };
  }
  if (xh === dh) {
    if (lostExec) return chmod("your edit matches the new library version; made executable");
    return {
      action: act("adopt", d.path, d, "your edit matches the new library version", { bases: bases1 }),
      entry: adopted,
    };
  }
  if (dh === l.sha256 && !opts.force)
    return {
      action: act("skip", d.path, d, "edited by you; library unchanged, kept"),
      entry: { ...l, ...owners(d) },
    };
  if (opts.force)
    return {
      action: act("update", d.path, d, "overwrote your edits (--force)", {
        ...w,
        write: d.content,
        before: x,
        bases: bases1,
      }),
      entry,
    };
  const base = bases.get(l.sha256);
  const ours = text(x);
  if (base !== undefined && ours !== null && typeof d.content === "string") {
    const m = merge3(base, ours, d.content);
    if (m.ok)
      return {
        action: act("merge", d.path, d, "merged your edits with the library change", {
          ...exec,
          write: m.text,
          before: x,
          bases: bases1,
        }),
        entry,
      };
  }
  return {
    action: act("conflict", d.path, d, "edited by you and changed in the library; kept yours", {
      proposal: text(d.content) ?? "",
      before: x,
    }),
    entry: { ...l, ...owners(d) },
  };
}

function planBlock(
  d: DesiredBlock,
  l: LockEntry | undefined,
  t: string | null,
  bases: Bases,
  opts: PlanOptions,
): Step {
  const scan = t === null ? {} : scanBlock(t, d.comment);
  const refused = scan.problem ?? markerInContent(d.content, d.comment);
  if (refused) return { action: act("conflict", d.path, d, refused, { before: t }), entry: l };
  const found = scan.found;
  const dh = sha256(d.content);
  const write = (reason: string, type: Action["type"]): Step => {
    const r = upsertBlock(t, d.content, d.comment);
    const bad = blockSyntaxProblem(d.path, t, r.text);
    if (bad) return { action: act("conflict", d.path, d, bad, { before: t }), entry: l };
    const sep = found ? (l?.sep ?? "") : r.sep;
    const created = found ? (l?.created ?? false) : t === null;
    const entry: LockEntry = { mode: "block", sha256: dh, ...owners(d), sep, created, comment: d.comment };
    const size = new TextEncoder().encode(r.text).length;
    if (d.limitBytes !== undefined && size > d.limitBytes) {
      return {
        action: act(
          "conflict",
          d.path,
          d,
          `would grow to ${size} bytes, over the host's ${d.limitBytes}-byte limit; shorten the file or select fewer items`,
        ),
        entry: l,
      };
    }
    return { action: act(type, d.path, d, reason, { write: r.text, before: t, bases: [d.content] }), entry };
  };
  if (!found)
    return write(
      l ? "managed block missing; restored" : t === null ? "new" : "added a managed block",
      t === null ? "create" : "update",
    );
  const xh = sha256(found.inner);
  if (!l) {
    if (found.inner === d.content) return write("already has the block cadre would write", "adopt");
    if (opts.force) return write("replaced an untracked managed block (--force)", "update");
    return {
      action: act(
        "conflict",
        d.path,
        d,
        "has a managed block cadre no longer tracks, with other content; kept it",
        {
          proposal: upsertBlock(t, d.content, d.comment).text,
          before: t,
        },
      ),
      entry: undefined,
    };
  }
  if (xh === l.sha256) {
    if (dh === l.sha256)
      return { action: act("skip", d.path, d, "up to date"), entry: { ...l, ...owners(d) } };
    return write("library changed", "update");
  }
  if (xh === dh)
    return {
      action: act("adopt", d.path, d, "your edit matches the new library version"),
      entry: { ...l, sha256: dh, ...owners(d) },
    };
  if (dh === l.sha256 && !opts.force)
    return {
      action: act("skip", d.path, d, "managed block edited by you; library unchanged, kept"),
      entry: { ...l, ...owners(d) },
    };
  if (opts.force) return write("overwrote your edits in the managed block (--force)", "update");
  const merged = t === null ? undefined : mergeBlock(d, l, t, found, bases.get(l.sha256));
  if (merged) return merged;
  return {
    action: act("conflict", d.path, d, "managed block edited by you and changed in the library; kept yours", {
      proposal: upsertBlock(t, d.content, d.comment).text,
      before: t,
    }),
    entry: { ...l, ...owners(d) },
  };
}

/** The user's edits in the block merged with the library's change, when they merge and the result may be written. */
function mergeBlock(
  d: DesiredBlock,
  l: LockEntry,
  t: string,
  found: Found,
  base: string | undefined,
): Step | undefined {
  if (base === undefined) return undefined;
  const m = merge3(base, found.inner, d.content);
  if (!m.ok) return undefined;
  const merged = t.slice(0, found.start) + upsertBlock("", m.text, d.comment).text + t.slice(found.end);
  const bad = blockSyntaxProblem(d.path, t, merged) ?? markerInContent(m.text, d.comment);
  if (bad) return { action: act("conflict", d.path, d, bad, { before: t }), entry: { ...l, ...owners(d) } };
  return {
    action: act("merge", d.path, d, "merged your edits in the managed block with the library change", {
      write: merged,
      before: t,
      bases: [d.content],
    }),
    entry: { ...l, sha256: sha256(d.content), ...owners(d) },
  };
}

function planKeys(d: DesiredKeys, l: LockEntry | undefined, t: string | null, opts: PlanOptions): Step {
  const codec = codecFor(t, d.syntax);
  const obj = t === null ? {} : codec.parse(t);
  const refuse = (reason: string): Step => ({
    action: act("conflict", d.path, d, reason, { before: t }),
    entry: l,
  });
  if (obj === undefined)
    return refuse(
      `not valid ${codec.name}, or not a ${codec.name} object at the top; fix it and run cadre sync again`,
    );
  const shape = d.entries.map((e) => shapeProblem(obj, e.key)).find((p) => p !== undefined);
  if (shape) return refuse(shape);
  const ed = checkedEditor(codec, obj, t ?? "");
  const { keys, parents, conflicts, changed } = editKeys(d, l, obj, ed, opts);
  const out = ed.text();
  const bad = changed ? ed.problem() : undefined;
  if (bad) return refuse(bad);
  const created = l?.created ?? t === null;
  const empty = Object.keys(keys).length === 0;
  const entry: LockEntry | undefined = empty
    ? undefined
    : {
        mode: "keys",
        sha256: hashValue(keys),
        ...owners(d),
        keys: sortKeys(keys),
        parents: [...parents].sort(),
        created,
        ...(d.syntax === "yaml" ? { syntax: "yaml" as const } : {}),
        // Every key already there with cadre's value when cadre first took the file over: cadre wrote none of it.
        ...(l?.adopted || (opts.adopt && !l && !changed && conflicts.length === 0) ? { adopted: true } : {}),
      };
  const left = ed.parsed();
  const write = !changed
    ? undefined
    : empty && created && left && Object.keys(left).length === 0
      ? null
      : out;
  if (conflicts.length > 0) {
    return {
      action: act(
        "conflict",
        d.path,
        d,
        `keys set by you were kept: ${conflicts.join(", ")}`,
        write === undefined ? { before: t } : { write, before: t },
      ),
      entry,
    };
  }
  if (!changed)
    return {
      action: act(
        l ? "skip" : "adopt",
        d.path,
        d,
        l ? "up to date" : "already has the keys cadre would write",
      ),
      entry,
    };
  return {
    action: act(t === null ? "create" : "merge", d.path, d, t === null ? "new" : "merged keys", {
      write,
      before: t,
    }),
    entry,
  };
}

/** Set the wanted keys, remove the ones no longer wanted, then the parents cadre created that became empty. */
function editKeys(
  d: DesiredKeys,
  l: LockEntry | undefined,
  obj: unknown,
  ed: CheckedEditor,
  opts: PlanOptions,
) {
  const keys: Record<string, string> = {};
  const parents = new Set(l?.parents ?? []);
  const conflicts: string[] = [];
  let changed = false;
  const wanted = new Set<string>();
  for (const e of [...d.entries].sort((a, b) => cmp(pointer(a.key), pointer(b.key)))) {
    const p = pointer(e.key);
    wanted.add(p);
    const cur = getAt(obj, e.key);
    const dv = hashValue(e.value);
    const owned = l?.keys?.[p];
    if (cur !== undefined && hashValue(cur) === dv) {
      // Already there with cadre's value. Adopt it unless it is a bare scalar cadre did not write
      // (`"version": 1`): that proves nothing about who wrote it, so it stays the user's, and is never removed.
      if (owned !== undefined || (typeof cur === "object" && cur !== null)) keys[p] = dv;
      continue;
    }
    if (cur === undefined || (owned !== undefined && hashValue(cur) === owned) || opts.force) {
      const now = ed.value();
      for (let i = 1; i < e.key.length; i++)
        if (getAt(now, e.key.slice(0, i)) === undefined) parents.add(pointer(e.key.slice(0, i)));
      ed.edit(e.key, e.value);
      keys[p] = dv;
      changed = true;
      continue;
    }
    conflicts.push(p);
    if (owned !== undefined) keys[p] = owned;
  }
  // An old key that selects the same array element as a wanted one (a selector cadre changed) is not removed.
  const kept = new Set(d.entries.map((e) => getAt(obj, e.key)).filter((v) => v && typeof v === "object"));
  for (const [p, h] of Object.entries(l?.keys ?? {})) {
    if (wanted.has(p)) continue;
    const key = fromPointer(p);
    const cur = getAt(obj, key);
    if (cur !== undefined && kept.has(cur)) continue;
    if (cur !== undefined && (hashValue(cur) === h || opts.force)) {
      ed.edit(key, undefined);
      changed = true;
    }
  }
  for (const p of [...parents].sort((a, b) => b.length - a.length)) {
    const v = getAt(ed.value(), fromPointer(p));
    // YAML writes an emptied sequence as `key:`, which reads as null.
    const emptied = v === null && ed.codec.name === "YAML";
    if (emptied || (v && typeof v === "object" && Object.keys(v).length === 0)) {
      ed.edit(fromPointer(p), undefined);
      parents.delete(p);
      changed = true;
    } else if (v === undefined) parents.delete(p);
  }
  return { keys, parents, conflicts, changed };
}

function planRemoval(path: string, l: LockEntry, x: Content | null, opts: PlanOptions): Step {
  const gone = (reason: string): Step => ({ action: act("untrack", path, l, reason), entry: undefined });
  if (x === null) return gone("already gone");
  if (l.adopted && !opts.force && l.mode !== "block")
    return gone("adopted: cadre did not create it, so it is kept and no longer managed (--force deletes it)");
  if (l.mode === "file") {
    if (hashContent(x) === l.sha256 || opts.force)
      return {
        action: act("delete", path, l, "no longer selected", { write: null, before: x }),
        entry: undefined,
      };
    return gone("no longer selected, but edited by you; kept and no longer managed");
  }
  return shared({ ...l, path }, l, x, (t0) => planSharedRemoval(path, l, t0 ?? "", opts));
}

function planSharedRemoval(path: string, l: LockEntry, t: string, opts: PlanOptions): Step {
  const gone = (reason: string): Step => ({ action: act("untrack", path, l, reason), entry: undefined });
  if (l.mode === "block") {
    const style = l.comment ?? "html";
    const scan = scanBlock(t, style);
    if (scan.problem) return { action: act("conflict", path, l, scan.problem, { before: t }), entry: l };
    const found = scan.found;
    if (!found) return gone("managed block already removed");
    if (sha256(found.inner) !== l.sha256 && !opts.force)
      return gone("managed block edited by you; kept and no longer managed");
    const rest = removeBlock(t, style, l.sep ?? "");
    const bad = blockSyntaxProblem(path, null, t) ? undefined : blockSyntaxProblem(path, t, rest);
    if (bad) return { action: act("conflict", path, l, bad, { before: t }), entry: l };
    return {
      action: act("delete", path, l, "managed block removed", {
        write: rest === "" && l.created ? null : rest,
        before: t,
      }),
      entry: undefined,
    };
  }
  const step = planKeys(
    {
      type: "keys",
      path,
      entries: [],
      hosts: l.hosts,
      items: l.items,
      ...(l.syntax ? { syntax: l.syntax } : {}),
    },
    l,
    t,
    opts,
  );
  if (step.action.type === "conflict") return { action: step.action, entry: l };
  return {
    action: {
      ...step.action,
      type: step.action.write === undefined ? "untrack" : "delete",
      reason: "owned keys removed",
    },
    entry: undefined,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => cmp(a, b)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
