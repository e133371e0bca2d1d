// Tollgate's side: `tollgate apply` (its runApply, in process) on a batch directory, as the same outcome shape
// as Kyverno's. `cli` is the apply command module and `engine` the engine's entry point: the built ones for
// `npm run differential`, the sources for the regression tests.
import { join } from 'node:path';

const clock = { now: () => new Date() };

/** Evaluate `dir`/policies.yaml against `dir`/resources.yaml as `tollgate apply` does. */
export function tollgateApply({ cli, engine }, dir) {
  let run;
  try {
    run = cli.runApply([join(dir, 'policies.yaml')], { resource: [join(dir, 'resources.yaml')] }, clock);
  } catch (e) {
    // An apply that matched nothing is an error for the CLI (a run that evaluated nothing is not a pass) and an
    // empty report for Kyverno: here both are "no rows".
    if (/^nothing was evaluated/.test(e.message)) return { rows: [], mutated: new Map(), generated: [] };
    return { error: e.message.split('\n')[0], rows: [], mutated: new Map(), generated: [] };
  }
  const rows = [];
  const mutated = new Map();
  const generated = [];
  for (const r of run.resources) {
    for (const x of r.results)
      rows.push({
        policy: x.policy,
        rule: x.rule,
        kind: x.resource.kind,
        namespace: x.resource.namespace ?? '',
        name: x.resource.name,
        status: engine.reportedStatus(run.policySet.policy(x.policy), x.status),
        message: x.message,
        ruleType: x.ruleType,
      });
    mutated.set(`${r.original.kind}/${r.original.metadata?.name}`, r.mutated);
    generated.push(...r.generated.map((g) => g.resource));
  }
  return { rows, mutated, generated };
}
