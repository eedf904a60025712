import { UrlActor } from './src/actor/UrlActor.ts';
import type { ChangeEvent } from './src/actor/changeStream.ts';
import { createWorker } from './src/domain/worker.ts';
const w = createWorker('A', { url: 'U', models: ['a'] });
const rec = { id: 'id1', url: 'U', worker: w, createRevision: 1, modRevision: 1, version: 1 };
const ev: ChangeEvent = { type: 'replaced', revision: 2, url: 'U', id: 'id1', current: rec, previous: rec };
const a = new UrlActor('U');
a.enqueue(); a.committed({ type: 'registered', revision: 1, url: 'U', id: 'id1', current: rec, previous: null });
const N = 200000;
for (let r = 0; r < 4; r++) {
  let t = performance.now();
  for (let i = 0; i < N; i++) { a.enqueue(); a.committed(ev); }
  const c = (performance.now() - t) * 1000 / N;
  t = performance.now();
  for (let i = 0; i < N; i++) { a.enqueue(); a.done(); }
  const d = (performance.now() - t) * 1000 / N;
  t = performance.now();
  for (let i = 0; i < N; i++) { a.slot; a.forgettable; }
  const s = (performance.now() - t) * 1000 / N;
  t = performance.now();
  for (let i = 0; i < 20000; i++) { const x = new UrlActor('V'); x.stop(); }
  const sp = (performance.now() - t) * 1000 / 20000;
  console.log('enqueue+commit', c.toFixed(2), 'enqueue+done', d.toFixed(2), 'slot+forgettable', s.toFixed(3), 'spawn+stop', sp.toFixed(2));
}
