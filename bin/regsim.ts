#!/usr/bin/env node
// The regsim command. Compiled to dist/bin/regsim.js (`npm run build`, run by `npm install`).
import { main } from '../sim/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
