// Preloaded into every campaign worker (`--import`) when regsim runs from its sources (tests,
// `node --import tsx bin/regsim.ts`): lets the worker thread import TypeScript through tsx's
// register() API. (Compiled regsim needs no preload: see typeScriptLoader.ts.) tsx's `--import tsx`
// entry fails in a Node 20 worker on any module with a top-level await (a plugin, say), and a bare
// `tsx` would resolve from the working directory rather than from this package.
import { register } from 'tsx/esm/api';

register();
