// An entrypoint left out of one browser on purpose (the offscreen document in Firefox) is taken
// off the list, so the build does not warn about it as if it were skipped by mistake.
import { defineWxtModule } from 'wxt/modules';

export default defineWxtModule({
  setup(wxt) {
    wxt.hook('entrypoints:resolved', (_wxt, entrypoints) => {
      entrypoints.splice(0, entrypoints.length, ...entrypoints.filter((entry) => !entry.skipped));
    });
  },
});
