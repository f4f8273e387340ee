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
  ["review react 19 code useActionState server components", "expertise:react-practices"],
  ["next.js app router caching defaults changed fetch not cached", "expertise:next-practices"],
  ["vue 3 composition api reactivity lost destructuring props", "expertise:vue-practices"],
  ["angular signals standalone zoneless migration", "expertise:angular-practices"],
  ["svelte 5 runes sveltekit load form actions", "expertise:svelte-practices"],
  ["tsconfig strict moduleResolution nodenext best practices", "expertise:typescript-practices"],
  ["node.js event loop blocking unhandled promise rejection esm", "expertise:node-practices"],
  ["electron contextIsolation preload ipc security", "expertise:electron-practices"],
  ["hsts x-frame-options referrer-policy security headers", "expertise:browser-security-headers"],
  [
    "service worker caching strategy and update flow for a pwa",
    ["expertise:pwa-and-offline", "skill:making-a-web-app-work-offline"],
  ],
  [
    "animation easing durations and compositor properties jank",
    ["expertise:motion-and-animation", "skill:adding-purposeful-motion"],
  ],
  ["pages not indexed by google canonical hreflang redirects", "expertise:technical-seo"],
];
