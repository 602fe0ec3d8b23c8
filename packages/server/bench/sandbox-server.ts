// Child process: the card-platform sandbox on its own event loop, so it is never the bottleneck of the
// servers under test (about 19,000 signed goods.info.get per second on one core).
import { startSandbox } from '@junction/sandbox';

const sandbox = await startSandbox({ port: 0, seed: 1 });
process.send?.({
  ready: true,
  url: sandbox.gatewayUrl,
  appKey: sandbox.appKey,
  appSecret: sandbox.appSecret,
});
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') void sandbox.close().then(() => process.exit(0));
});
