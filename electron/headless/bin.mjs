#!/usr/bin/env node
// The `waimai-desk` command. The core is TypeScript run through tsx, so no build step stands
// between `npm install` and `npm run serve`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
