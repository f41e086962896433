// Run by `npm start` before the build: an invalid setting or a port already in use is said in one
// sentence at once, not after the build and not as a stack trace.
import { loadConfig } from './config';
import { checkPort } from './startup';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(1);
}
const busy = await checkPort(loaded.value.host, loaded.value.port);
if (busy !== undefined) {
  console.error(busy);
  process.exit(1);
}
