// Types of cluster.mjs for the TypeScript tests that import it.

export interface StartOptions {
  /** The tools (default: $TOLLGATE_E2E_BIN, else scripts/e2e/build-tools.sh builds or finds them). */
  binDir?: string;
  /** Certificates, kubeconfig, etcd data and logs (default: a temp dir that stop() removes). */
  workDir?: string;
  /** Apply deploy/base/crds and wait until Established (default true). */
  installCrds?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface Cluster {
  kubeconfig: string;
  apiServerUrl: string;
  caCertPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  binDir: string;
  workDir: string;
  /** Environment for child processes: KUBECONFIG (and kubectl's cache dir) point at this cluster. */
  env: NodeJS.ProcessEnv;
  /** Run the built kubectl against this cluster; rejects on a non-zero exit (the error's cause has stderr). */
  kubectl(args: string[], input?: string): Promise<{ stdout: string; stderr: string }>;
  /** Milliseconds from startCluster() to a ready cluster. */
  startupMs: number;
  /** Stop every process the cluster started and remove its temp dir; safe to call more than once. */
  stop(): Promise<void>;
}

export function startCluster(opts?: StartOptions): Promise<Cluster>;

export function issueServingCertificate(names?: {
  dnsNames?: string[];
  ips?: string[];
}): Promise<{ caCertPem: string; certPem: string; keyPem: string }>;

/** Free loopback ports, all bound at once so that they differ. */
export function freePorts(n: number): Promise<number[]>;
