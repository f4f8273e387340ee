import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  [
    "open my dev server in headless chrome and capture console errors",
    "skill:checking-a-running-web-app-with-playwright",
  ],
  [
    "screenshot the running app and list failed network requests",
    "skill:checking-a-running-web-app-with-playwright",
  ],
  ["automate logging in and submitting a form in the browser", "skill:scripting-a-user-flow-with-playwright"],
];
