/**
 * Calls a running Tasklane API, signed out and then as a demo user (local auth mode).
 *   TASKLANE_URL=http://127.0.0.1:3000 npm start
 */
import assert from 'node:assert/strict';
import type { RouterInputs, RouterOutputs } from '@tasklane/api-types';
import { isTRPCClientError } from '@trpc/client';
import { createTasklaneClient, signInLocally } from './client.js';

type Project = RouterOutputs['projects']['list'][number];

const baseUrl = process.env.TASKLANE_URL ?? 'http://127.0.0.1:3000';

// Signed out: public procedures answer, the others say UNAUTHORIZED.
const guest = createTasklaneClient(baseUrl);
const health = await guest.health.query();
const whoamiSignedOut = await guest.me.whoami.query();
assert.equal(health.status, 'ok');
assert.equal(whoamiSignedOut.signedIn, false);
try {
  await guest.me.session.query();
  assert.fail('me.session answered a signed-out caller');
} catch (error) {
  if (!isTRPCClientError(error)) throw error;
  assert.equal(error.data?.code, 'UNAUTHORIZED');
}
console.log('signed out:', health, whoamiSignedOut);

// Signed in as the first demo user, with a token from local mode's sign-in.
const { users } = (await (await fetch(`${baseUrl}/auth/local/users`)).json()) as {
  users: { id: string; name: string }[];
};
const user = users[0];
assert.ok(user, 'no demo users: is the server in local auth mode?');
const client = createTasklaneClient(baseUrl, await signInLocally(baseUrl, user.id));

const me = await client.me.whoami.query();
assert.equal(me.signedIn, true);
assert.equal(me.userId, user.id);
console.log(`signed in as ${user.name}:`, me);

const projects: Project[] = await client.projects.list.query();
for (const project of projects) {
  const input: RouterInputs['tasks']['list'] = { projectId: project.id, status: 'todo' };
  const { items } = await client.tasks.list.query(input);
  console.log(`${project.name}: ${project.openTaskCount} open, ${items.length} to do`);
}
