// `npm start` runs this before building the SPA: a configuration error stops it at once, with
// the message the server itself would print (and without npm's error lines, since the root
// script runs it directly rather than through a workspace).
import { ConfigError, loadConfig, loadDotEnv } from '../src/env.ts';

try {
  loadDotEnv();
  loadConfig();
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `Tasklane cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
