// Child process for the "close() releases the event loop" test: leaves settlements, callback retries,
// a callback in flight and keep-alive sockets behind, closes the sandbox, and must then exit on its own.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callGateway } from '../client/gateway-request.ts';
import { startSandbox } from '../server/start-sandbox.ts';

// A merchant that answers `fail` slowly, so retries get scheduled and one attempt is in flight at close.
const slow = createServer((_request, response) => {
  setTimeout(() => response.end('fail'), 50);
});
await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));

const sandbox = await startSandbox({ timeFactor: 0.01 });
const creds = { appKey: sandbox.appKey, appSecret: sandbox.appSecret };
sandbox.setNotifyUrl(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/notify`);
for (const no of ['a', 'b', 'c']) {
  await callGateway(sandbox.gatewayUrl, creds, 'order.direct.add', {
    product_id: '10000013',
    customer_order_no: no,
    charge_account: '13900000000',
  });
}
const [first, second, third] = sandbox.orders();
sandbox.settle(first!.order_id);
await sandbox.waitForDeliveries(1);
sandbox.settle(second!.order_id);
await new Promise((resolve) => setTimeout(resolve, 10));
// This callback is still connecting when the sandbox closes; its refusal must not schedule a retry.
sandbox.setNotifyUrl('http://127.0.0.1:9/unreachable');
sandbox.settle(third!.order_id);
await sandbox.close();
slow.close();
slow.closeAllConnections();
console.log('closed');
