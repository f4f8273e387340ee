# guardian's shared shell functions (sourced by hooks/check.sh through $CLAUDE_PLUGIN_ROOT).
guardian_say() {
  printf '{"systemMessage":"guardian: %s"}\n' "$1"
}
