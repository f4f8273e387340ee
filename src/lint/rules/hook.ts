import { BUILTIN_HOOKS, builtinEvents } from "../../model/hook-builtins.js";
import { lineOfKey } from "../locate.js";
import type { LintRule } from "../types.js";

type Handler = { builtin?: unknown; command?: unknown };

export const hookRules: LintRule[] = [
  {
    id: "hook/unknown-builtin",
    severity: "error",
    description:
      "A hook's `handler.builtin` names one of cadre's built-in handlers. Consequence: there is no command to run, so the hook is not installed.",
    hint: `use one of: ${Object.keys(BUILTIN_HOOKS).join(", ")}; or a handler with its own command`,
    item: (it) => {
      if (it.kind !== "hook") return [];
      const b = (it.meta.handler as Handler | undefined)?.builtin;
      return typeof b === "string" && !BUILTIN_HOOKS[b]
        ? [
            {
              message: `no built-in hook handler "${b}"; the hook is not installed`,
              line: lineOfKey(it, "handler"),
            },
          ]
        : [];
    },
  },
  {
    id: "hook/builtin-event",
    severity: "error",
    description:
      "A built-in handler is installed on an event it acts on. Consequence: on another event it would do nothing, so the hook is not installed.",
    hint: "use the handler's event (see docs/hooks.md)",
    item: (it) => {
      if (it.kind !== "hook") return [];
      const b = (it.meta.handler as Handler | undefined)?.builtin;
      const ev = it.meta.event;
      if (typeof b !== "string" || !BUILTIN_HOOKS[b] || typeof ev !== "string") return [];
      const events = builtinEvents(b);
      return events.includes(ev as (typeof events)[number])
        ? []
        : [
            {
              message: `${b} acts on ${events.join(" or ")}, not ${ev}; the hook is not installed`,
              line: lineOfKey(it, "event"),
            },
          ];
    },
  },
];
