// `pnpm --filter @junction/sandbox start`: runs a sandbox until Ctrl-C.
import { toErrorInfo } from '@junction/runtime';
import { formatSandboxBanner, parseSandboxCliOptions } from './cli/cli-options.ts';
import { startSandbox } from './server/start-sandbox.ts';

try {
  const handle = await startSandbox(parseSandboxCliOptions(process.argv.slice(2)));
  console.log(formatSandboxBanner(handle));
  const stop = () => {
    void handle.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const info = toErrorInfo(error, 'JX_SANDBOX_START');
  console.error(`${info.code}: ${info.message}`);
  process.exit(1);
}
