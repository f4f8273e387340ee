// Written by cadre sync for the protected-paths hook; cadre owns this file (cadre uninstall removes it).
// OpenCode V1 calls `server`; OpenCode V2 reads `id` and `setup`.
import { spawn } from "node:child_process";

const COMMAND = "cadre hook protected-paths --host opencode";
/** OpenCode tools this hook looks at (null: all). */
const TOOLS = ["edit","multiedit","apply_patch","write","bash","shell"];

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

/** Before a tool: a denial throws, and OpenCode returns the error to the agent. */
async function onBefore(tool, args, sessionID, directory) {
  if (TOOLS && !TOOLS.includes(tool)) return;
  const a = await ask({
    hook_event_name: "tool.execute.before",
    tool_name: tool,
    tool_input: args,
    session_id: sessionID,
    cwd: directory,
  });
  if (a?.decision === "deny") throw new Error(a.reason);
}

/** After a tool: the text to append to its output, if any. */
async function onAfter(tool, args, output, exit, sessionID, directory) {
  if (TOOLS && !TOOLS.includes(tool)) return undefined;
  const a = await ask({
    hook_event_name: "tool.execute.after",
    tool_name: tool,
    tool_input: args,
    tool_response: { output, exit_code: exit },
    session_id: sessionID,
    cwd: directory,
  });
  return a?.decision === "deny" ? a.reason : a?.context;
}

/** V2: the text parts of a tool result (`output.content`, or the result's content or value). */
function v2Text(event) {
  const c = event.output?.content ?? event.result?.content ?? event.result?.value;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.flatMap((p) => (p?.type === "text" ? [p.text] : [])).join("\n");
  return c === undefined ? "" : JSON.stringify(c);
}

function v2Exit(event) {
  const m = event.result?.metadata ?? event.output?.structured;
  return typeof m?.exit === "number" ? m.exit : event.result?.type === "error" ? 1 : undefined;
}

/** V2: add a text part to the result the agent sees. */
function v2Append(event, text) {
  const c = event.output?.content ?? event.result?.content;
  if (Array.isArray(c)) c.push({ type: "text", text });
  else if (event.result && typeof event.result.value === "string") event.result.value += `\n\n${text}`;
}

export default {
  id: "cadre-protected-paths",
  async setup(ctx) {
    const directory = ctx.location?.directory ?? process.cwd();
    await ctx.tool.hook("execute.before", async (event) => {
      await onBefore(event.tool, event.input, event.sessionID, directory);
    });
  },
  server: async ({ directory }) => ({
    "tool.execute.before": async (input, output) => {
      await onBefore(input.tool, output.args, input.sessionID, directory);
    },
  }),
};
