declare const __CADRE_VERSION__: string;

/** Injected from package.json at build time (tsup/vitest `define`). */
export const VERSION: string = typeof __CADRE_VERSION__ === "string" ? __CADRE_VERSION__ : "0.0.0-dev";
