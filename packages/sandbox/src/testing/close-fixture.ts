// Child process for the "close() releases the event loop" test: leaves settlements, callback retries
// and keep-alive sockets pending, closes the sandbox, and must then exit on its own.
import { callGateway } from '../client/gateway-request.ts';
import { startSandbox } from '../server/start-sandbox.ts';

const sandbox = await startSandbox({ timeFactor: 0.01 });
const creds = { appKey: sandbox.appKey, appSecret: sandbox.appSecret };
sandbox.setNotifyUrl('http://127.0.0.1:9/unreachable');
for (const no of ['a', 'b']) {
  await callGateway(sandbox.gatewayUrl, creds, 'order.direct.add', {
    product_id: '10000013',
    customer_order_no: no,
    charge_account: '13900000000',
  });
}
sandbox.settle(sandbox.orders()[0]!.order_id);
await sandbox.waitForDeliveries(1);
await sandbox.close();
console.log('closed');
