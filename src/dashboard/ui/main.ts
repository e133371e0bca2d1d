// The page's entry point: a two-route hash router (#/?filters and #/policy?name=) over the JSON API, and a watch
// for newer snapshots that offers them instead of redrawing under the reader.
import { api, type Summary } from './api-client.js';
import { renderOverview } from './overview.js';
import { renderPolicy } from './policy-view.js';

/** The summary the page shows; a newer snapshot is compared with it. */
let shown: Summary | undefined;

async function route(): Promise<void> {
  const root = document.getElementById('app')!;
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  try {
    if (path === '/policy') await renderPolicy(root, params.get('name') ?? '');
    else await renderOverview(root, params);
    root.dataset.ready = 'true';
  } catch (e) {
    root.textContent = `error: ${(e as Error).message}`;
  }
}

async function header(): Promise<void> {
  shown = await api.summary();
  describeSnapshot(shown);
  document.getElementById('newer')!.hidden = true;
}

function describeSnapshot(s: Summary): void {
  const el = document.getElementById('snapshot')!;
  el.textContent = s.snapshot ? `${s.snapshot.source} · snapshot ${s.snapshot.takenAt}` : 'no snapshot';
}

/** The figures a reader would see change: totals, and each policy's counts, mode and readiness. */
function figures(s: Summary): string {
  return JSON.stringify([s.totals, s.policies, s.notes]);
}

// A newer snapshot with the same figures only moves the header's time; one with other figures is offered.
async function lookForNewer(): Promise<void> {
  const latest = await api.summary().catch(() => undefined);
  if (!latest?.snapshot || !shown || latest.snapshot.id === shown.snapshot?.id) return;
  if (figures(latest) === figures(shown)) {
    shown = latest;
    describeSnapshot(latest);
    return;
  }
  const button = document.getElementById('newer')!;
  button.textContent = `results changed at ${latest.snapshot.takenAt}: show them`;
  button.hidden = false;
}

async function start(): Promise<void> {
  window.addEventListener('hashchange', () => void route());
  document.getElementById('newer')!.addEventListener('click', () => void header().then(route));
  await Promise.all([header(), route()]);
  // Look half as often as the server refreshes, from every 2 s to every minute.
  const every = shown?.refreshSeconds ? Math.min(Math.max(shown.refreshSeconds / 2, 2), 60) : 0;
  if (every) setInterval(() => void lookForNewer(), every * 1000);
}

void start();
