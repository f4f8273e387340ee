/**
 * `.cadre/.gitignore`: cadre's folder is scratch (state, runs, captures, the index), kept out of git, except
 * the project outputs `cadre sync` installs there and cadre.lock owns (`.cadre/schemas/`, `.cadre/templates/`),
 * which are committed like every other output so `sync --check` holds on a fresh clone.
 */
export const CADRE_GITIGNORE =
  "# cadre's scratch folder, except what `cadre sync` installs (owned by cadre.lock)\n/*\n!/schemas/\n!/templates/\n";

/** What earlier versions wrote (everything ignored): replaced by CADRE_GITIGNORE when sync finds it. */
export const LEGACY_CADRE_GITIGNORE = "*\n";
