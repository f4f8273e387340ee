import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
});
