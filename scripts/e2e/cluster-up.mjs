#!/usr/bin/env node
// `npm run cluster:up`: a throwaway cluster for hand testing (test/e2e/cluster/cluster.mjs). Prints the
// kubeconfig path and stays up until Ctrl-C or SIGTERM, which stop everything it started.
import { startCluster } from '../../test/e2e/cluster/cluster.mjs';

const log = (line) => console.error(`cluster: ${line}`);
const cluster = await startCluster({ log });
log(`up in ${cluster.startupMs} ms; logs and certificates in ${cluster.workDir}`);
log(`kubectl: ${cluster.binDir}/kubectl (chainsaw beside it); Ctrl-C stops the cluster`);
console.log(cluster.kubeconfig);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    log('stopping');
    await cluster.stop();
    process.exit(0);
  });
}
