import { type ConfigCodec, canonicalJson, setAt } from "./json-keys.js";

/**
 * Edits of one shared config's text, each made twice: on the text, and on the parsed value. Before cadre
 * writes, the edited text must parse, and parse to exactly that value (only cadre's keys changed).
 */
export interface CheckedEditor {
  codec: ConfigCodec;
  edit(key: readonly string[], value: unknown): void;
  text(): string;
  /** The edited text, parsed (`{}` when it does not parse). */
  parsed(): Record<string, unknown>;
  /** Why the edited text must not be written; undefined when it reads back as intended. */
  problem(): string | undefined;
}

export function checkedEditor(codec: ConfigCodec, obj: unknown, text: string): CheckedEditor {
  let out = text;
  let expected = obj;
  let threw = false;
  return {
    codec,
    edit(key, value) {
      expected = setAt(expected, key, value);
      try {
        out = codec.edit(out, key, value);
      } catch {
        threw = true;
      }
    },
    text: () => out,
    parsed: () => codec.parse(out) ?? {},
    problem() {
      const back = threw ? undefined : codec.parse(out);
      if (back !== undefined && canonicalJson(back) === canonicalJson(expected)) return undefined;
      return `cadre's edit would not read back as ${codec.name} with only its keys changed; left untouched. Fix: simplify the formatting around cadre's keys (or remove them), then run cadre sync`;
    },
  };
}
