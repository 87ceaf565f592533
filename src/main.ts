/**
 * Process entry (`npm start`): ROLE=web|worker|all on one Redis; see src/server/run-process.ts.
 * A `.env` file in the working directory fills in variables the environment does not set.
 */
import { existsSync } from 'node:fs';
import { runProcess } from './server/run-process.js';

if (existsSync('.env')) process.loadEnvFile('.env');
process.exit(await runProcess(process.env));
