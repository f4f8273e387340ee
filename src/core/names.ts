/** Item names: 1–64 chars of a-z, 0-9 and '-', no leading, trailing or doubled hyphen. */
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const NAME_MAX = 64;

/** Why a name is invalid, or undefined when it is valid. */
export function checkName(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "is empty";
  if (name.length > NAME_MAX) return `is ${name.length} characters long (at most ${NAME_MAX})`;
  if (/[\\/]/.test(name) || name.includes("..")) return "contains a path separator or '..'";
  if (!/^[a-z0-9-]+$/.test(name)) return "may only contain lowercase a-z, 0-9 and '-'";
  if (name.startsWith("-") || name.endsWith("-")) return "starts or ends with '-'";
  if (name.includes("--")) return "contains '--'";
  return undefined;
}

/** True when a relative path is safe to join under a root: no absolute, no '..', no drive letters. */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0) return false;
  const s = p.replace(/\\/g, "/");
  if (s.startsWith("/") || /^[a-zA-Z]:/.test(s)) return false;
  return !s.split("/").some((seg) => seg === "..");
}

export function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}
