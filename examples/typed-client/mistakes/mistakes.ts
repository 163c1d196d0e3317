/**
 * Mistakes the API's types must catch: `npm run check:typed-client` (at the repository's
 * root) asserts that tsc reports an error on the line after each `// mistake:` comment and
 * on no other line. Typecheck it alone with `npx tsc -p tsconfig.mistakes.json`.
 */
import type { RouterInputs, RouterOutputs } from '@tasklane/api-types';
import { createTasklaneClient } from '../src/client.js';

const client = createTasklaneClient('http://127.0.0.1:3000');

// mistake: a procedure that does not exist
await client.projects.listAll.query();

// mistake: a router that does not exist
await client.users.list.query();

// mistake: an input of the wrong type (projectId is a string)
await client.tasks.list.query({ projectId: 42 });

// mistake: a required input left out
await client.tasks.get.query();

// mistake: a required input field left out (create needs a name)
await client.projects.create.mutate({ description: 'No name' });

// mistake: an input field that does not exist
await client.tasks.get.query({ taskId: 'task_1', include: 'comments' });

// mistake: an output field that does not exist
console.log((await client.me.whoami.query()).email);

// mistake: an output field of another type (signedIn is a boolean)
const signedIn: string = (await client.me.whoami.query()).signedIn;

// mistake: a query called as a mutation
await client.health.mutate();

// mistake: an input type's field that does not exist
const input: RouterInputs['projects']['create'] = { title: 'Launch' };

// mistake: an output type's field that does not exist
type Email = RouterOutputs['me']['whoami']['email'];

console.log(signedIn, input, {} as Email);
