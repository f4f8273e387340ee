import { agentsStandard } from "./agents-standard.js";
import { aider } from "./aider.js";
import { amp } from "./amp.js";
import { antigravity } from "./antigravity.js";
import { claudeCode } from "./claude-code.js";
import { cline } from "./cline.js";
import { codex } from "./codex.js";
import { copilot } from "./copilot.js";
import { crush } from "./crush.js";
import { cursor } from "./cursor.js";
import type { HostDef } from "./define.js";
import { geminiCli } from "./gemini-cli.js";
import { junie } from "./junie.js";
import { kiloCode } from "./kilo-code.js";
import { kiro } from "./kiro.js";
import { opencode } from "./opencode.js";
import { qwenCode } from "./qwen-code.js";
import { roo } from "./roo.js";
import { windsurf } from "./windsurf.js";
import { zed } from "./zed.js";
import { zooCode } from "./zoo-code.js";

/** The only list of hosts. Adding a host: its data module, one line here, its golden files. */
export const HOSTS = {
  "claude-code": claudeCode,
  codex,
  cursor,
  "gemini-cli": geminiCli,
  copilot,
  windsurf,
  opencode,
  cline,
  roo,
  kiro,
  amp,
  zed,
  junie,
  aider,
  antigravity,
  "kilo-code": kiloCode,
  "zoo-code": zooCode,
  "qwen-code": qwenCode,
  crush,
  "agents-standard": agentsStandard,
} as const satisfies Record<string, HostDef>;

export type HostId = keyof typeof HOSTS;
export const HOST_IDS = Object.keys(HOSTS) as HostId[];

export function hostList(): HostDef[] {
  return Object.values(HOSTS);
}
