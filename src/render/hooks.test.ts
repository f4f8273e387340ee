import { describe, expect, it } from "vitest";
import { targetOf } from "../hosts/define.js";
import { HOSTS } from "../hosts/registry.js";
import { hookCommand, hookMatcher, renderHook, shellQuote } from "./hooks.js";

const guard = {
  id: "protected-paths",
  description: "x",
  event: "pre-tool-use",
  matcher: ["edit", "write", "shell"],
  handler: { builtin: "protected-paths" },
  failure: "closed",
  config: { paths: ["cadre.lock", ".git/", "package-lock.json", "pnpm-lock.yaml", "yarn.lock"] },
};
const target = (h: keyof typeof HOSTS) => {
  const t = targetOf(HOSTS[h], "hook");
  if (!t) throw new Error(h);
  return t;
};

describe("hook commands", () => {
  it("carry only the settings that differ from the handler's defaults", () => {
    expect(hookCommand("protected-paths", guard, "cursor")).toBe("cadre hook protected-paths --host cursor");
    expect(
      hookCommand(
        "secrets",
        { ...guard, failure: "open", matcher: ["edit"], config: { paths: [".env"] } },
        "codex",
      ),
    ).toBe(
      `cadre hook secrets --host codex --handler protected-paths --failure open --match edit --config '{"paths":[".env"]}'`,
    );
    expect(hookCommand("protected-paths", guard, "claude-code", "npx --no-install cadre")).toBe(
      "npx --no-install cadre hook protected-paths --host claude-code",
    );
    expect(hookCommand("x", { ...guard, handler: { command: "./x.sh --a" } }, "cursor")).toBe("./x.sh --a");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("maps tool classes (and Claude tool names) to each host's matcher", () => {
    const p = (h: keyof typeof HOSTS) => target(h).hooks as NonNullable<ReturnType<typeof target>["hooks"]>;
    expect(hookMatcher(guard as never, p("claude-code"))).toBe("Edit|MultiEdit|NotebookEdit|Write|Bash");
    expect(hookMatcher({ ...guard, matcher: ["Bash"] } as never, p("gemini-cli"))).toBe(
      "^(run_shell_command)$",
    );
    expect(hookMatcher({ ...guard, matcher: ["read"] } as never, p("codex"))).toBeNull();
    expect(hookMatcher({ ...guard, matcher: ["*"] } as never, p("cursor"))).toBeUndefined();
  });

  it("skips what a host cannot run, and never installs an unknown built-in", () => {
    expect(
      renderHook(
        "x",
        { ...guard, event: "session-start", handler: { builtin: "session-bootstrap" } },
        target("windsurf"),
      ),
    ).toMatchObject({ type: "skip" });
    expect(
      renderHook("x", { ...guard, handler: { builtin: "protect-paths" } }, target("claude-code")),
    ).toMatchObject({
      type: "skip",
      warning: true,
    });
    expect(renderHook("x", { ...guard, event: "session-start" }, target("claude-code"))).toMatchObject({
      type: "skip",
      warning: true,
    });
    expect(
      renderHook(
        "f",
        { ...guard, event: "post-tool-use", handler: { command: "./f.sh" }, matcher: ["Edit"] },
        target("copilot"),
      ),
    ).toMatchObject({ type: "skip" });
  });
});
