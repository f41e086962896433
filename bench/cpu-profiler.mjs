// Preloaded into the note server (NODE_OPTIONS=--import) when BENCH_PROFILE_OUT is set: the first
// SIGUSR2 starts the V8 CPU profiler, the next one writes the profile to BENCH_PROFILE_OUT.
// Plain JavaScript because NODE_OPTIONS imports load before the command line's `--import tsx`
// (and Node 20 refuses --cpu-prof in NODE_OPTIONS, which is why this exists at all).
import fs from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.BENCH_PROFILE_OUT;
if (out) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => {
        session.post('Profiler.setSamplingInterval', { interval: 250 }, () => {
          session.post('Profiler.start', () => console.log('cpu profile started'));
        });
      });
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) {
        console.error('cpu profile failed:', error.message);
        return;
      }
      fs.writeFileSync(out, JSON.stringify(result.profile));
      console.log('cpu profile written');
    });
  });
}
