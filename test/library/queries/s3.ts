import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  [
    "set up react navigation tabs and stack with deep link config",
    "skill:structuring-react-native-navigation",
  ],
  ["expo router typed routes", "skill:structuring-react-native-navigation"],
  ["react native flatlist scrolling janky", "skill:speeding-up-react-native-apps"],
  ["flutter riverpod or bloc which one", "skill:managing-state-in-flutter"],
  ["jetpack compose screen viewmodel state hoisting", "skill:building-android-screens-with-compose"],
  ["swiftui @Observable navigationstack", "skill:building-ios-screens-with-swiftui"],
  ["send push notifications fcm apns device token", "skill:adding-push-notifications"],
  ["apple-app-site-association assetlinks.json", "skill:handling-deep-links-and-universal-links"],
  ["universal links open browser instead of app", "skill:handling-deep-links-and-universal-links"],
  ["submit app to testflight and google play staged rollout", "skill:releasing-mobile-apps-to-the-stores"],
  ["app store review rejection", "skill:releasing-mobile-apps-to-the-stores"],
  ["offline first mobile sync conflict resolution", "skill:syncing-mobile-data-offline"],
  ["pick a type scale and web fonts without layout shift", "skill:choosing-a-type-scale-and-fonts"],
  ["swift 6 strict concurrency sendable errors", ["agent:swift-ios-expert", "expertise:swift-practices"]],
  ["flutter dart code review", ["agent:flutter-dart-expert", "expertise:flutter-practices"]],
  ["react native expo best practices new architecture", "expertise:react-native-practices"],
  ["android targetsdk gradle hilt room practices", "expertise:android-practices"],
  ["ios privacy manifest keychain entitlements", "expertise:ios-practices"],
  ["kotlin coroutines flow structured concurrency", "expertise:kotlin-practices"],
  ["line height line length readability font pairing", "expertise:typography"],
  ["wcag contrast ratio palette color blindness", "expertise:color-and-contrast"],
  ["add dark mode theme switching", "expertise:theming-and-dark-mode"],
  ["turborepo nx remote cache affected builds", "expertise:monorepo-build-tooling"],
  ["testing library msw component tests", "expertise:frontend-testing"],
  ["mobile release train phased rollout forced update", "expertise:mobile-release-engineering"],
];
