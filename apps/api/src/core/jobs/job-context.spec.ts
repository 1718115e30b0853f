import { eventLoopStallsWatched } from '../metrics/metrics.service';
import { timeSlice } from './job-context';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('timeSlice', () => {
  it('is due once its budget has run, and starts a new turn after a pause', async () => {
    let pauses = 0;
    const slice = timeSlice(async () => {
      pauses++;
      await new Promise((resolve) => setImmediate(resolve));
    }, 5);
    expect(slice.due()).toBe(false);
    busy(6);
    expect(slice.due()).toBe(true);
    await slice.pause();
    expect(pauses).toBe(1);
    expect(slice.due()).toBe(false);
  });

  it('lets timers run between the turns of a long loop', async () => {
    const slice = timeSlice(undefined, 5);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const end = performance.now() + 60;
    while (performance.now() < end) {
      busy(1);
      if (slice.due()) await slice.pause();
    }
    clearInterval(timer);
    // Each pause lets the timers phase run: the loop paused about every 5 ms.
    expect(ticks).toBeGreaterThan(3);
  });
});

describe('eventLoopStallsWatched', () => {
  it('is on only with BENCH_EVENT_LOOP=1, never in production', () => {
    expect(eventLoopStallsWatched({})).toBe(false);
    expect(eventLoopStallsWatched({ BENCH_EVENT_LOOP: '1' })).toBe(true);
    expect(eventLoopStallsWatched({ BENCH_EVENT_LOOP: '1', NODE_ENV: 'production' })).toBe(false);
  });
});
