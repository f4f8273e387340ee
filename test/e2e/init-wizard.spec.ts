import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "./helpers.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const session = `cadre-wizard-${process.pid}`;
const base = mkdtempSync(join(tmpdir(), "cadre-wizard-"));

afterAll(() => {
  spawnSync("tmux", ["kill-session", "-t", session]);
  rmSync(base, { recursive: true, force: true });
});

const tmux = (...args: string[]) => spawnSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", session).stdout ?? "";

async function waitFor(text: string, ms = 15_000): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const s = screen();
    if (s.includes(text)) {
      await new Promise((r) => setTimeout(r, 300)); // let the prompt take keys
      return s;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for "${text}"; screen:\n${screen()}`);
}

describe("cadre init (interactive, driven under tmux)", () => {
  it("tmux is installed (.ci/run installs it)", () => expect(hasTmux).toBe(true));

  it("pre-selects detected hosts and core, previews, and writes after confirmation", async () => {
    const dir = join(base, "web-app");
    cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
    cpSync(join(ROOT, "examples", "web-app", "README.md"), join(dir, ".cursor", "keep.md"), {
      recursive: true,
    });
    const cmd = `cd '${dir}' && env -u CI HOME='${join(base, "home")}' NO_COLOR=1 '${process.execPath}' '${BIN}' init; echo "EXIT=$?"; sleep 60`;
    expect(tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "45", cmd).status).toBe(0);
    const hosts = await waitFor("Install into which hosts?");
    expect(hosts).toMatch(/◼ Cursor \(detected\)/);
    tmux("send-keys", "-t", session, "Space"); // the cursor starts on Claude Code: select it too
    await waitFor("◼ Claude Code");
    tmux("send-keys", "-t", session, "Enter");
    expect(await waitFor("Which profiles?")).toMatch(/◼ core/);
    tmux("send-keys", "-t", session, "Enter");
    const preview = await waitFor("files now?");
    expect(preview).toMatch(/claude-code: \d+ files/);
    expect(preview).toMatch(/cursor: \d+ files/);
    tmux("send-keys", "-t", session, "Enter");
    await waitFor("EXIT=0");
    const hostsLine = /^hosts: \[(.*)\]$/m
      .exec(readFileSync(join(dir, "cadre.yaml"), "utf8"))?.[1]
      ?.split(", ");
    expect(hostsLine?.sort()).toEqual(["claude-code", "cursor"]);
    expect(existsSync(join(dir, ".claude", "agents", "code-reviewer.md"))).toBe(true);
    expect(existsSync(join(dir, "cadre.lock"))).toBe(true);
  });
});

/** A cadre run in its own tmux session: send keys, wait for text, read the screen. */
function terminal(name: string, dir: string, home: string, args: string) {
  const s = `${session}-${name}`;
  const cmd = `cd '${dir}' && env -u CI HOME='${home}' NO_COLOR=1 '${process.execPath}' '${BIN}' ${args}; echo "EXIT=$?"; sleep 60`;
  expect(tmux("new-session", "-d", "-s", s, "-x", "120", "-y", "45", cmd).status).toBe(0);
  const shot = () => tmux("capture-pane", "-p", "-t", s).stdout ?? "";
  return {
    shot,
    keys: (...k: string[]) => tmux("send-keys", "-t", s, ...k),
    until: async (text: string) => {
      const end = Date.now() + 15_000;
      while (!shot().includes(text)) {
        if (Date.now() > end) throw new Error(`timed out waiting for "${text}":\n${shot()}`);
        await new Promise((r) => setTimeout(r, 150));
      }
      await new Promise((r) => setTimeout(r, 300));
      return shot();
    },
    close: () => tmux("kill-session", "-t", s),
  };
}

describe("cadre init where cadre.yaml exists, and Ctrl-C (driven under tmux)", () => {
  const home = join(base, "home3");
  const configured = () => {
    const dir = mkdtempSync(join(base, "configured-"));
    cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
    const r = spawnSync(
      process.execPath,
      [BIN, "init", "--yes", "--hosts", "claude-code", "--no-sync", "-q"],
      {
        cwd: dir,
        env: { ...process.env, HOME: home },
      },
    );
    expect(r.status, String(r.stderr)).toBe(0);
    return dir;
  };

  it("says it exists before asking anything; Stop changes nothing and exits 0", async () => {
    const dir = configured();
    const before = readFileSync(join(dir, "cadre.yaml"), "utf8");
    const t = terminal("stop", dir, home, "init");
    try {
      const first = await t.until("already exists");
      expect(first).toContain(join(dir, "cadre.yaml"));
      expect(first).toMatch(/Edit it/);
      expect(first).toMatch(/Re-sync/);
      expect(first).not.toMatch(/Install into which hosts/);
      t.keys("Down", "Down", "Enter");
      expect(await t.until("EXIT=")).toMatch(/EXIT=0/);
      expect(readFileSync(join(dir, "cadre.yaml"), "utf8")).toBe(before);
      expect(existsSync(join(dir, "cadre.lock"))).toBe(false);
    } finally {
      t.close();
    }
  });

  it("Re-sync installs what cadre.yaml selects, from a subfolder too", async () => {
    const dir = configured();
    mkdirSync(join(dir, "src", "deep"), { recursive: true });
    const t = terminal("resync", join(dir, "src", "deep"), home, "init");
    try {
      expect(await t.until("already exists")).toContain(join(dir, "cadre.yaml"));
      t.keys("Down", "Enter");
      expect(await t.until("EXIT=")).toMatch(/EXIT=0/);
      expect(existsSync(join(dir, ".claude", "agents", "code-reviewer.md"))).toBe(true);
      expect(existsSync(join(dir, "src", "deep", "cadre.yaml"))).toBe(false);
    } finally {
      t.close();
    }
  });

  it("Edit starts from the current hosts and profiles and keeps the rest of the file", async () => {
    const dir = configured();
    const before = readFileSync(join(dir, "cadre.yaml"), "utf8");
    const t = terminal("edit", dir, home, "init");
    try {
      await t.until("already exists");
      t.keys("Enter");
      expect(await t.until("Install into which hosts?")).toMatch(/◼ Claude Code/);
      t.keys("Down", "Down", "Space", "Enter"); // Claude Code, Codex, Cursor: add Cursor
      expect(await t.until("Which profiles?")).toMatch(/◼ core/);
      t.keys("Enter");
      await t.until("files now?");
      t.keys("Enter");
      expect(await t.until("EXIT=")).toMatch(/EXIT=0/);
      const after = readFileSync(join(dir, "cadre.yaml"), "utf8");
      expect(/^hosts: \[(.*)\]$/m.exec(after)?.[1]?.trim()).toBe("claude-code, cursor");
      expect(after.replace(/^hosts: .*$/m, "")).toBe(before.replace(/^hosts: .*$/m, ""));
    } finally {
      t.close();
    }
  });

  it.each([
    ["the first question of a fresh init", false, "Install into which hosts?"],
    ["the question about an existing cadre.yaml", true, "already exists"],
  ])("Ctrl-C at %s exits 130 and writes nothing", async (_what, withConfig, prompt) => {
    const dir = withConfig ? configured() : mkdtempSync(join(base, "fresh-"));
    const before = withConfig ? readFileSync(join(dir, "cadre.yaml"), "utf8") : undefined;
    const t = terminal(`ctrl-c-${withConfig}`, dir, home, "init");
    try {
      await t.until(prompt);
      t.keys("C-c");
      expect(await t.until("EXIT=")).toMatch(/EXIT=130/);
      if (before === undefined) expect(existsSync(join(dir, "cadre.yaml"))).toBe(false);
      else expect(readFileSync(join(dir, "cadre.yaml"), "utf8")).toBe(before);
      expect(existsSync(join(dir, ".cadre"))).toBe(false);
    } finally {
      t.close();
    }
  });
});

describe("cadre menu (driven under tmux)", () => {
  it("`cadre` with no arguments in a terminal opens the menu; it lists the selection and exits", async () => {
    const dir = join(base, "menu-app");
    cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
    const home = join(base, "home2");
    const init = spawnSync(process.execPath, [BIN, "init", "--yes", "--hosts", "cursor", "-q"], {
      cwd: dir,
      env: { ...process.env, HOME: home },
    });
    expect(init.status).toBe(0);
    const s = `${session}-menu`;
    const cmd = `cd '${dir}' && env -u CI HOME='${home}' NO_COLOR=1 '${process.execPath}' '${BIN}'; echo "EXIT=$?"; sleep 60`;
    expect(tmux("new-session", "-d", "-s", s, "-x", "120", "-y", "45", cmd).status).toBe(0);
    const shot = () => tmux("capture-pane", "-p", "-t", s).stdout ?? "";
    const until = async (text: string) => {
      const end = Date.now() + 15_000;
      while (!shot().includes(text)) {
        if (Date.now() > end) throw new Error(`timed out waiting for "${text}":\n${shot()}`);
        await new Promise((r) => setTimeout(r, 150));
      }
      await new Promise((r) => setTimeout(r, 300));
    };
    try {
      await until("What do you want to do?");
      tmux("send-keys", "-t", s, "Down", "Down", "Enter");
      await until("● skill:test-driven-development");
      tmux("send-keys", "-t", s, "Up", "Enter");
      await until("EXIT=0");
      expect(shot()).toContain("Bye.");
    } finally {
      tmux("kill-session", "-t", s);
    }
  });

  it("Ctrl-C in a menu prompt exits 130", async () => {
    const dir = join(base, "menu-app");
    const t = terminal("menu-ctrl-c", dir, join(base, "home2"), "menu");
    try {
      await t.until("What do you want to do?");
      t.keys("Enter"); // Add items or a profile
      await t.until("Item, profile, or words");
      t.keys("C-c");
      expect(await t.until("EXIT=")).toMatch(/EXIT=130/);
    } finally {
      t.close();
    }
  });
});
