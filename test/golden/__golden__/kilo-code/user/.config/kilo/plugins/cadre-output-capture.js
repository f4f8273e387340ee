// Written by cadre sync for the output-capture hook; cadre owns this file (cadre uninstall removes it).
import { spawn } from "node:child_process";

const COMMAND = "cadre hook output-capture --host opencode";
/** OpenCode tools this hook looks at (null: all). */
const TOOLS = ["bash"];

/** Run the hook command with the call on stdin; its JSON answer, or undefined (no opinion). */
function ask(payload) {
  return new Promise((resolve) => {
    const child = spawn(COMMAND, { shell: true, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill(), 30000);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 2) return resolve({ decision: "deny", reason: err.trim() });
      if (code !== 0 || !out.trim()) return resolve(undefined);
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve(undefined);
      }
    });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(payload));
  });
}

export const CadreOutputCapture = async ({ directory }) => ({
  "tool.execute.after": async (input, output) => {
    if (TOOLS && !TOOLS.includes(input.tool)) return;
    const a = await ask({
      hook_event_name: "tool.execute.after",
      tool_name: input.tool,
      tool_input: input.args,
      tool_response: { output: output.output, exit_code: output.metadata?.exit },
      session_id: input.sessionID,
      cwd: directory,
    });
    const text = a?.decision === "deny" ? a.reason : a?.context;
    if (text && typeof output.output === "string") output.output += `\n\n${text}`;
  },
});
