export function health(): { status: "ok" } {
  return { status: "ok" };
}
