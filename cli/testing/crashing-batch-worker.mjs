// A batch worker that stops as soon as it is given a chunk, as a worker killed by a bug or by lack of memory
// would: cli/batch.test.ts checks that the command then ends with code 70 and says where its output stops.
import { parentPort } from 'node:worker_threads';

parentPort.once('message', () => process.exit(3));
