import { type HostDef, targetOf } from "../../hosts/define.js";
import { HOST_IDS, HOSTS } from "../../hosts/registry.js";
import type { Item, Pack } from "../../model/item.js";
import { expandProfile } from "../../model/profiles.js";
import type { Finding, LintContext, LintRule } from "../types.js";

const claude = HOSTS["claude-code"].limits;
const INSTRUCTIONS_BYTES = HOSTS.codex.limits.instructionsBytes;
const RULE_CHARS = HOSTS.devin.limits.ruleChars;
const AGENT_BODY_CHARS = HOSTS.copilot.limits.agentBodyChars;
const SKILL_LINES = 500;
const SKILL_TOKENS = 5000;

/** The hosts with a skill-listing limit, and the limit. */
const LISTING_HOSTS = HOST_IDS.map((id) => HOSTS[id] as HostDef).flatMap((h) =>
  h.limits?.skillListing ? [{ host: h, listing: h.limits.skillListing }] : [],
);

/**
 * Characters an item costs in a host's skill listing: skills, and the commands and expertise the host takes
 * (it lists them with the skills); its name, its description (+ when_to_use), cut where the host cuts one
 * entry, and the entry's framing.
 */
export function listingChars(host: HostDef, it: Item): number {
  const listing = host.limits?.skillListing;
  if (!listing || (it.kind !== "skill" && it.kind !== "command" && it.kind !== "expertise")) return 0;
  if (!targetOf(host, it.kind)) return 0;
  const when = typeof it.meta.when_to_use === "string" ? it.meta.when_to_use : "";
  const desc = it.description.length + when.length;
  const cut = host.limits?.skillDescriptionChars ?? host.limits?.skillDescriptionMax ?? desc;
  return it.name.length + listing.entryChars + Math.min(desc, cut);
}

/** Selections to budget: each profile, or the whole pack when it has none. */
function selections(pack: Pack, ctx: LintContext): Array<{ label: string; path: string; items: Item[] }> {
  const profiles = pack.items.filter((i) => i.kind === "profile");
  if (profiles.length === 0) return [{ label: `pack ${pack.name}`, path: "", items: pack.items }];
  return profiles.map((p) => ({
    label: `profile ${p.name}`,
    path: p.path,
    items: expandProfile(ctx.catalog, p).items,
  }));
}

const encoder = new TextEncoder();
const utf8Bytes = (s: string) => encoder.encode(s).length;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export const budgetRules: LintRule[] = [
  {
    id: "budget/skill-lines",
    severity: "warning",
    description: `SKILL.md stays under ${SKILL_LINES} lines (Agent Skills guidance). Style: hosts load it whole on activation, so it costs context.`,
    hint: "move detail into references/ files and link them",
    item: (it) => {
      if (it.kind !== "skill") return [];
      const lines = it.text.split("\n").length;
      return lines > SKILL_LINES
        ? [{ message: `SKILL.md has ${lines} lines (at most ${SKILL_LINES})`, line: SKILL_LINES + 1 }]
        : [];
    },
  },
  {
    id: "budget/skill-tokens",
    severity: "warning",
    description: `SKILL.md stays under about ${SKILL_TOKENS} tokens, since it loads whole on activation. Style: hosts still load it.`,
    hint: "move detail into references/ files and link them",
    item: (it) =>
      it.kind === "skill" && it.tokens > SKILL_TOKENS
        ? [{ message: `SKILL.md is ${it.tokens} tokens (about ${SKILL_TOKENS} at most)` }]
        : [],
  },
  {
    id: "budget/claude-skill-description",
    severity: "warning",
    description: `Claude Code cuts each skill's description + when_to_use at ${claude.skillDescriptionChars} characters. Portability: the skill loads; the listing shows only the first part.`,
    hint: "shorten the description; put detail in the body",
    item: (it) => {
      if (it.kind !== "skill") return [];
      const when = typeof it.meta.when_to_use === "string" ? it.meta.when_to_use.length : 0;
      const n = it.description.length + when;
      return n > claude.skillDescriptionChars
        ? [
            {
              message: `description + when_to_use is ${n} characters; Claude Code keeps ${claude.skillDescriptionChars}`,
            },
          ]
        : [];
    },
  },
  {
    id: "budget/skill-listing",
    severity: "warning",
    description: `The descriptions of a selection's skills, commands and expertise fit each host's skill listing (${LISTING_HOSTS.map((l) => `${l.host.displayName} ≈${l.listing.chars.toLocaleString("en-US")} characters, ${l.listing.basis}`).join("; ")}). Portability: past it the host cuts or drops descriptions from the listing, so skills are picked less reliably.`,
    hint: "split the profile, or shorten descriptions",
    pack: (pack, ctx) =>
      selections(pack, ctx).flatMap((s) =>
        LISTING_HOSTS.flatMap(({ host, listing }) => {
          const total = s.items.reduce((a, i) => a + listingChars(host, i), 0);
          return total > listing.chars
            ? [
                {
                  path: s.path,
                  hosts: [host.id],
                  message: `${s.label}: ${host.displayName}'s skill listing needs ${total} characters, over its ≈${listing.chars}-character budget (${listing.basis}); ${host.displayName} cuts descriptions when it overflows`,
                },
              ]
            : [];
        }),
      ),
  },
  {
    id: "budget/instructions-size",
    severity: "warning",
    description: `Always-on rules of a selection fit Codex's ${kib(INSTRUCTIONS_BYTES)} AGENTS.md limit. Portability: a selection, not one item, goes over, so it is a warning; Codex reads no further than the limit.`,
    hint: "make large rules glob- or model-activated, or split the profile",
    pack: (pack, ctx) =>
      selections(pack, ctx).flatMap((s) => {
        const total = s.items
          .filter((i) => i.kind === "rule" && i.meta.activation === "always")
          .reduce((a, i) => a + utf8Bytes(i.body), 0);
        return total > INSTRUCTIONS_BYTES
          ? [
              {
                path: s.path,
                message: `${s.label}: always-on rules total ${kib(total)}, over Codex's ${kib(INSTRUCTIONS_BYTES)} AGENTS.md limit`,
              },
            ]
          : [];
      }),
  },
  {
    id: "budget/windsurf-rule",
    severity: "warning",
    description: `A rule's body stays within Windsurf's ${RULE_CHARS.toLocaleString("en-US")} characters per rule file. Portability: Windsurf reads no further.`,
    hint: "split the rule into smaller rules",
    item: (it): Finding[] =>
      it.kind === "rule" && it.body.length > RULE_CHARS
        ? [{ message: `rule body is ${it.body.length} characters (Windsurf reads at most ${RULE_CHARS})` }]
        : [],
  },
  {
    id: "budget/copilot-agent-body",
    severity: "warning",
    description: `An agent's body stays within Copilot's ${AGENT_BODY_CHARS.toLocaleString("en-US")} characters. Portability: Copilot reads no further.`,
    hint: "shorten the agent prompt; move knowledge into skills or expertise",
    item: (it): Finding[] =>
      it.kind === "agent" && it.body.length > AGENT_BODY_CHARS
        ? [
            {
              message: `agent body is ${it.body.length} characters (Copilot reads at most ${AGENT_BODY_CHARS})`,
            },
          ]
        : [],
  },
];
