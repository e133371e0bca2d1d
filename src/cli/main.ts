// The `tollgate` command line: parses arguments, runs a command, prints, sets the exit code.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, reportError } from './errors.js';
import { batched } from '../report/serialize/chunks.js';
import { tuneForOneShotRun, tuneForServing } from './v8-settings.js';
import { CHECK_FORMATS, REPORT_FORMATS, ROLLOUT_FORMATS } from './formats.js';

// Each command's module is imported when the command runs: `check` never loads the Kubernetes client, `--help`
// loads no command at all (bench/startup.mjs).

const VERSION = '0.1.0';

const clock = { now: () => new Date() };

// Commands that serve until stopped do not get the one-shot settings; `serve` has its own (v8-settings.ts).
const LONG_RUNNING = new Set(['serve', 'dashboard']);

/** A parser for an integer option in [min, max]: anything else is a usage error naming the option (exit 2). */
function integer(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(
        `expected an integer from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}.`,
      );
    return n;
  };
}

function program(): Command {
  const p = new Command('tollgate')
    .description('Policy-as-code for Kubernetes GitOps: Kyverno policies in the pull request and in the cluster')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .hook('preAction', (_, command) => {
      if (command.name() === 'serve') tuneForServing();
      else if (!LONG_RUNNING.has(command.name())) tuneForOneShotRun();
    });

  p.command('test')
    .description('run kyverno test suites (kyverno-test.yaml files) found below the given paths')
    .argument('[paths...]', 'directories or test files', [])
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-f, --file-name <name>', 'test file name to look for', 'kyverno-test.yaml')
    .option('--fail-only', 'print only failing rows')
    .option('--detailed-results', 'print rule messages of failing rows')
    .action(async (paths: string[], o) => {
      const { renderTestReport, runTests, testExitCode } = await import('./commands/test.js');
      const report = runTests(paths, o, clock);
      process.stdout.write(o.output === 'json' ? JSON.stringify(report) + '\n' : renderTestReport(report, o));
      process.exitCode = testExitCode(report);
    });

  p.command('check')
    .description('evaluate what Argo CD would apply from a GitOps repository; fails for Enforce violations')
    .argument('[path]', 'repository root (or a directory inside it)', '.')
    .option(
      '-p, --policies <paths...>',
      'policy files or directories, in addition to policies found in the repository',
      [],
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices([...CHECK_FORMATS]).default('text'))
    .option('--strict', 'fail on any failing rule, not only Enforce ones')
    .option('--base <ref>', 'report only violations that are new compared with this git revision')
    .option('--show-fixed', 'with --base, also list violations the change fixed')
    .option('--show-mutations', 'show what mutate policies would change and what generate rules would create')
    .option('--no-color', 'never colour the output')
    .action(async (path: string, o) => {
      const { checkCommand } = await import('./commands/check.js');
      const color = o.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const r = checkCommand(path, { ...o, color }, clock, VERSION);
      for (const piece of batched(r.chunks)) process.stdout.write(piece);
      process.exitCode = r.exitCode;
    });

  p.command('serve')
    .description(
      'run the Kubernetes admission webhook (AdmissionReview v1): /validate, /mutate, /healthz, /readyz, /metrics',
    )
    .addOption(
      new Option('--policies <paths...>', 'policy and PolicyException files or directories (reloaded on change)').env(
        'TOLLGATE_POLICIES',
      ),
    )
    .addOption(
      new Option('--cert <file>', 'TLS certificate (PEM), reloaded when it changes')
        .env('TOLLGATE_TLS_CERT')
        .makeOptionMandatory(),
    )
    .addOption(new Option('--key <file>', 'TLS private key (PEM)').env('TOLLGATE_TLS_KEY').makeOptionMandatory())
    .addOption(new Option('--port <n>', 'HTTPS port').env('TOLLGATE_PORT').default(9443).argParser(integer(0, 65535)))
    .addOption(new Option('--host <addr>', 'listen address').env('TOLLGATE_HOST').default('0.0.0.0'))
    .addOption(
      new Option('--max-body-bytes <n>', 'largest accepted review')
        .env('TOLLGATE_MAX_BODY_BYTES')
        .argParser(integer(1)),
    )
    .addOption(
      new Option('--reports-dir <dir>', 'write PolicyReports of admitted requests to this directory').env(
        'TOLLGATE_REPORTS_DIR',
      ),
    )
    .addOption(
      new Option('--report-interval <seconds>', 'seconds between report writes')
        .env('TOLLGATE_REPORT_INTERVAL')
        .default(10)
        .argParser(integer(1)),
    )
    .addOption(
      new Option(
        '--from-cluster',
        'also read ClusterPolicies, Policies and PolicyExceptions (and namespaces, ConfigMaps) from the cluster',
      ).env('TOLLGATE_FROM_CLUSTER'),
    )
    .option('--no-cluster-reports', 'with --from-cluster, do not write PolicyReports to the cluster')
    .addOption(
      new Option(
        '--background-scan-interval <seconds>',
        'with --from-cluster, seconds between scans of existing resources by background policies (0: off)',
      )
        .env('TOLLGATE_BACKGROUND_SCAN_INTERVAL')
        .default(3600)
        .argParser(integer(0)),
    )
    .addOption(
      new Option(
        '--generate-sync-interval <seconds>',
        'with --from-cluster, seconds between rounds that keep generated resources in step (synchronize, generateExisting)',
      )
        .env('TOLLGATE_GENERATE_SYNC_INTERVAL')
        .default(10)
        .argParser(integer(1)),
    )
    .addOption(
      new Option(
        '--webhook-timeout <seconds>',
        'timeoutSeconds of the webhook configurations that call Tollgate (1-30, Kubernetes default 10)',
      )
        .env('TOLLGATE_WEBHOOK_TIMEOUT')
        .default(10)
        .argParser(integer(1, 30)),
    )
    .addOption(
      new Option(
        '--evaluation-timeout <ms>',
        'evaluation budget per review; must stay below --webhook-timeout (default: 80% of it)',
      )
        .env('TOLLGATE_EVALUATION_TIMEOUT_MS')
        .argParser(integer(1)),
    )
    .addOption(
      new Option(
        '--resource-filters <filters>',
        "Kyverno's resourceFilters, e.g. '[Event,*,*][*/*,kube-system,*]' (default: the Kyverno chart's list)",
      ).env('TOLLGATE_RESOURCE_FILTERS'),
    )
    .addOption(
      new Option('--exclude-groups <list>', 'comma-separated groups whose requests are not evaluated')
        .env('TOLLGATE_EXCLUDE_GROUPS')
        .default('system:nodes'),
    )
    .addOption(
      new Option('--exclude-usernames <list>', 'comma-separated usernames whose requests are not evaluated').env(
        'TOLLGATE_EXCLUDE_USERNAMES',
      ),
    )
    .addOption(
      new Option(
        '--workers <n>',
        'processes serving reviews, one per CPU (default: the container CPU limit, rounded up; 1: this process only)',
      )
        .env('TOLLGATE_WORKERS')
        .argParser(integer(1, 1024)),
    )
    .option('--no-watch', 'do not reload policies when files change')
    .action(async (o) => {
      const policies = typeof o.policies === 'string' ? o.policies.split(',') : (o.policies ?? []);
      const { serveCommand } = await import('./commands/serve.js');
      const list = (v: string | undefined) =>
        (v ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
      await serveCommand({
        ...o,
        policies,
        resourceFilters: o.resourceFilters === undefined ? undefined : [o.resourceFilters],
        excludedRequesters: { groups: list(o.excludeGroups), usernames: list(o.excludeUsernames) },
      });
    });

  p.command('report')
    .description('summarise PolicyReports (files, directories or stdin) per policy, rule, namespace and owning team')
    .argument('[inputs...]', 'report files or directories; - or nothing reads stdin', [])
    .option('--failures-only', 'only failing (fail, error) results')
    .option('--policy <name>', 'only this policy (wildcards allowed)')
    .option('--namespace <ns>', 'only this namespace (wildcards allowed)')
    .option('--exit-on-violations', 'exit 1 when any result fails')
    .option('--cluster', 'also read PolicyReports and ClusterPolicyReports from the cluster API server')
    .option('--kubeconfig <file>', 'kubeconfig for --cluster (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context for --cluster (default: the current context)')
    .addOption(new Option('-o, --output <format>', 'output format').choices([...REPORT_FORMATS]).default('table'))
    .action(async (inputs: string[], o) => {
      const needsStdin = (inputs.length === 0 || inputs.includes('-')) && !o.cluster;
      const stdin = needsStdin && !process.stdin.isTTY ? await readStdin() : undefined;
      const { runReport } = await import('./commands/report.js');
      const r = await runReport(inputs, { ...o, stdin });
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
      process.stdout.write(r.output);
      process.exitCode = r.exitCode;
    });

  const rollout = p
    .command('rollout')
    .description('Audit → Enforce: which resources Enforce would block, from Git and the cluster side by side');
  rollout
    .command('status')
    .description('for each policy in Audit, the blast radius of Enforce: blockers in Git and in the cluster')
    .argument('[repo]', 'GitOps repository (its policies and rendered Applications)')
    .option('-p, --policies <paths...>', 'policy files or directories, in addition to those in the repository')
    .option('--policy <names...>', 'only these policies (wildcards allowed)')
    .option(
      '--reports <paths...>',
      'PolicyReport files or directories (live objects among them name teams and Applications)',
    )
    .option('--cluster', 'read PolicyReports and evaluate the live objects of the cluster API server')
    .option('--kubeconfig <file>', 'kubeconfig for --cluster (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context for --cluster (default: the current context)')
    .addOption(new Option('-o, --output <format>', 'output format').choices([...ROLLOUT_FORMATS]).default('text'))
    .action(async (repo: string | undefined, o) => {
      const { runRolloutStatus } = await import('./commands/rollout.js');
      const r = await runRolloutStatus(repo, o, clock);
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
      process.stdout.write(r.output);
      process.exitCode = r.exitCode;
    });

  rollout
    .command('promote')
    .description(
      'switch a policy from Audit to Enforce in its file (comments and formatting kept) once rollout status shows it ready; prints the diff',
    )
    .argument('<policy>', 'the policy name (namespace/name for a namespaced kind)')
    .argument('[repo]', 'GitOps repository holding the policy file', '.')
    .option('--namespace <namespaces...>', 'enforce only in these namespaces (the policy keeps auditing elsewhere)')
    .option('--force', 'promote even though resources would be blocked')
    .option('-p, --policies <paths...>', 'policy files or directories, in addition to those in the repository')
    .option('--reports <paths...>', 'PolicyReport files or directories for the cluster side')
    .option('--cluster', 'read the cluster side from the API server')
    .option('--kubeconfig <file>', 'kubeconfig for --cluster (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context for --cluster (default: the current context)')
    .action(async (policy: string, repo: string, o) => {
      const { runRolloutPromote } = await import('./commands/rollout-promote.js');
      const r = await runRolloutPromote(policy, repo, o, clock);
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
      process.stdout.write(r.output);
      process.exitCode = r.exitCode;
    });

  p.command('dashboard')
    .description(
      'serve a web page of PolicyReports: policies, failures by namespace and team, drill-down, trend, rollout readiness',
    )
    .option('--reports <paths...>', 'PolicyReport files or directories (live objects among them name teams)')
    .option('--cluster', 'read PolicyReports and ClusterPolicyReports from the cluster API server')
    .option('--kubeconfig <file>', 'kubeconfig for --cluster (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context for --cluster (default: the current context)')
    .option('--repo <path>', 'GitOps repository: policy modes, rollout readiness and file:line of failures')
    .addOption(new Option('--port <n>', 'HTTP port (0: any free port)').default(8080).argParser(integer(0, 65535)))
    .option('--host <addr>', 'listen address (the page has no authentication)', '127.0.0.1')
    .option('--db <file>', 'SQLite file keeping the snapshots (the trend survives restarts)', 'tollgate-dashboard.db')
    .addOption(
      new Option('--retention-days <n>', 'drop snapshots older than this many days').default(90).argParser(integer(1)),
    )
    .addOption(
      new Option('--refresh <seconds>', 'read the sources again and record a snapshot this often (0: at start only)')
        .default(300)
        .argParser(integer(0, 604_800)),
    )
    .action(async (o) => {
      const { startDashboard } = await import('./commands/dashboard.js');
      const run = await startDashboard(o, clock, (n) => process.stderr.write(`note: ${n}\n`));
      for (const n of run.notes) process.stderr.write(`note: ${n}\n`);
      process.stdout.write(`tollgate dashboard: ${run.url} (${run.summary})\n`);
      // Serve until interrupted; closing the store flushes SQLite's write-ahead log.
      await new Promise<void>((resolve) => {
        const stop = () => void run.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  p.command('certs')
    .description(
      'write a CA and a serving certificate (ca.crt, tls.crt, tls.key) for the webhook and print the caBundle',
    )
    .requiredOption('--dns <names...>', 'DNS names of the webhook Service, e.g. tollgate.tollgate-system.svc')
    .requiredOption('--out <dir>', 'directory to write the files to')
    .option('--days <n>', 'validity in days', (v) => Number.parseInt(v, 10), 365)
    .action(async (o) => {
      const { certsCommand } = await import('./commands/certs.js');
      process.stdout.write(certsCommand(o, new Date()));
    });

  p.command('webhook-config')
    .description(
      'print the Validating/MutatingWebhookConfigurations that send tollgate serve the requests its policies match',
    )
    .requiredOption('--policies <paths...>', 'policy files or directories, as given to tollgate serve')
    .option(
      '--service <namespace/name[:port]>',
      'the Service in front of tollgate serve, e.g. tollgate-system/tollgate',
    )
    .option('--url <url>', 'or: the https URL the API server calls (paths /validate and /mutate are appended)')
    .option('--ca-bundle <file>', "the CA certificate that signed serve's certificate (ca.crt of tollgate certs)")
    .option('--inject-ca-from <namespace/certificate>', "or: cert-manager's Certificate whose CA it injects")
    .addOption(
      new Option('--failure-policy <policy>', 'what the API server does when Tollgate cannot answer')
        .choices(['Ignore', 'Fail'])
        .default('Ignore'),
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        "timeoutSeconds (1-30; default: 10, or the longest the policies' webhookTimeoutSeconds ask for)",
      ).argParser(integer(1, 30)),
    )
    .option('--crds <paths...>', 'CustomResourceDefinitions of custom kinds the policies match', [])
    .option(
      '--exclude-namespace <names...>',
      "namespaces never sent to Tollgate, besides the Service's namespace and kube-system",
      [],
    )
    .action(async (o) => {
      const { webhookConfigCommand } = await import('./commands/webhook-config.js');
      const r = webhookConfigCommand(o);
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
      process.stdout.write(r.yaml);
    });

  p.command('apply')
    .description('evaluate policies against resource files and print failing rules')
    .argument('<policies...>', 'policy files or directories')
    // Not commander-required: a missing policy argument must be the first complaint (runApply checks -r).
    .option('-r, --resource <paths...>', 'resource files or directories (required)', [])
    .option('-e, --exception <paths...>', 'PolicyException files or directories', [])
    .addOption(
      new Option('-o, --output <format>', 'text (failures), json, yaml (mutated resources) or policyreport')
        .choices(['text', 'json', 'yaml', 'policyreport'])
        .default('text'),
    )
    .option('--diff', 'show what mutate policies changed in each resource')
    .action(async (policies: string[], o) => {
      const { applyExitCode, renderApply, runApply } = await import('./commands/apply.js');
      const run = runApply(policies, o, clock);
      process.stdout.write(renderApply(run, o, clock));
      process.exitCode = applyExitCode(run);
    });
  return p;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportError(e);
  }
}

/** All of standard input as text (a pipe may not be readable synchronously). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
