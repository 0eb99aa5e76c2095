// The round-robin proxy of ./proxy.ts in a process of its own (the cast benchmark measures its CPU
// apart from the load generator's): `node proxy-main.ts <upstream URL>…` prints "proxy at <URL>"
// and runs until SIGTERM.
import { startRoundRobinProxy } from './proxy.ts';

const upstreams = process.argv.slice(2);
if (upstreams.length === 0) {
  console.error('usage: proxy-main.ts <upstream URL>…');
  process.exit(2);
}
const proxy = await startRoundRobinProxy(upstreams);
console.log(`proxy at ${proxy.url}`);
process.once('SIGTERM', () => {
  proxy.close().then(() => process.exit(0));
});
