import { agentsStandard } from "./agents-standard.js";
import { aider } from "./aider.js";
import { amp } from "./amp.js";
import { antigravity } from "./antigravity.js";
import { augment } from "./augment.js";
import { claudeCode } from "./claude-code.js";
import { cline } from "./cline.js";
import { codex } from "./codex.js";
import { continueDev } from "./continue.js";
import { copilot } from "./copilot.js";
import { crush } from "./crush.js";
import { cursor } from "./cursor.js";
import type { HostDef } from "./define.js";
import { factory } from "./factory.js";
import { geminiCli } from "./gemini-cli.js";
import { goose } from "./goose.js";
import { junie } from "./junie.js";
import { kiloCode } from "./kilo-code.js";
import { kiro } from "./kiro.js";
import { opencode } from "./opencode.js";
import { qwenCode } from "./qwen-code.js";
import { roo } from "./roo.js";
import { trae } from "./trae.js";
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
  devin: windsurf,
  opencode,
  cline,
  roo,
  kiro,
  amp,
  zed,
  junie,
  aider,
  continue: continueDev,
  goose,
  augment,
  factory,
  trae,
  antigravity,
  "kilo-code": kiloCode,
  "zoo-code": zooCode,
  "qwen-code": qwenCode,
  crush,
  "agents-standard": agentsStandard,
} as const satisfies Record<string, HostDef>;

export type HostId = keyof typeof HOSTS;
export const HOST_IDS = Object.keys(HOSTS) as HostId[];

/**
 * Former host ids that still name a host in cadre.yaml (`hosts`, `overrides`), `--host` and `cadre hosts`:
 * Windsurf is now Devin Desktop (cognition.com, 2026-06-02), so `windsurf` means `devin`.
 */
export const HOST_ALIASES = { windsurf: "devin" } as const satisfies Record<string, HostId>;

/** Every id cadre.yaml may use: the hosts' own and the former ones. */
export const CONFIG_HOST_IDS = [...HOST_IDS, ...Object.keys(HOST_ALIASES)] as string[];

/** The host an id names (its own id or a former one), or undefined. */
export function resolveHostId(id: string): HostId | undefined {
  if ((HOST_IDS as string[]).includes(id)) return id as HostId;
  return (HOST_ALIASES as Record<string, HostId>)[id];
}

export function hostList(): HostDef[] {
  return Object.values(HOSTS);
}
