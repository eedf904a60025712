// Preloaded into every campaign worker (`--import`): lets the worker thread import TypeScript the
// way bin/regsim.js lets the main thread, through tsx's register() API. tsx's own `--import tsx`
// entry fails in a Node 20 worker on any module with a top-level await (a plugin, say), and a bare
// `tsx` would resolve from the working directory rather than from this package.
import { register } from 'tsx/esm/api';

register();
