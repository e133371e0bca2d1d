// The page's entry point: a two-route hash router (#/?filters and #/policy?name=) over the JSON API.
import { api } from './api-client.js';
import { renderOverview } from './overview.js';
import { renderPolicy } from './policy-view.js';

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
  const s = await api.summary();
  const el = document.getElementById('snapshot')!;
  el.textContent = s.snapshot ? `${s.snapshot.source} · snapshot ${s.snapshot.takenAt}` : 'no snapshot';
}

window.addEventListener('hashchange', () => void route());
void header();
void route();
