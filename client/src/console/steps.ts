// What officials do next, as keys the console words in its language (`next_<step>` in ./text.ts).
// A module of its own, without imports, so that the server's description of the console's answer
// (server/src/console/routes.ts) names the same steps as the page.
export const NEXT_STEPS = [
  'register-parties',
  'start-ceremony',
  'trustees-deal',
  'close-complaints',
  'close-resolution',
  'open-voting',
  'close-voting',
  'mix',
  'decrypt',
  'verify',
] as const;
