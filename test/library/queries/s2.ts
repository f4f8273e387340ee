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
  [
    "our landing page looks generic, pick fonts and a color palette",
    "skill:choosing-a-frontend-aesthetic-direction",
  ],
  ["restyle components to match the design brief", "skill:applying-a-visual-direction-to-components"],
  ["add a dark theme toggle without white flash on reload", "skill:adding-dark-mode-and-theming"],
  ["link previews show no image when shared, og tags", "skill:adding-seo-metadata"],
  ["make the app load offline with a service worker", "skill:making-a-web-app-work-offline"],
  ["serve responsive images with srcset and avif", "skill:optimizing-images-for-the-web"],
  ["page transitions and reduced motion animations", "skill:adding-purposeful-motion"],
  ["csp header with nonces blocks inline scripts", "skill:setting-a-content-security-policy"],
  ["why is my javascript bundle so big", "skill:analyzing-javascript-bundle-size"],
  ["test a react component with testing library and user-event", "skill:testing-ui-components"],
];
