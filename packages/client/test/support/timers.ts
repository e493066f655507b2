// Watches the timers the client's own call code (src/core/call.ts) sets, so a test can say that
// none is left pending once a call has settled: a pending one would keep Node alive.
const CALL_CODE = /[\\/]core[\\/]call\.ts/;

export function watchTimers() {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = realSet((...a: unknown[]) => {
      pending.delete(handle);
      fn(...a);
    }, ms, ...args);
    if (CALL_CODE.test(new Error().stack ?? '')) pending.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: ReturnType<typeof setTimeout> | undefined) => {
    if (handle !== undefined) pending.delete(handle);
    realClear(handle);
  }) as typeof clearTimeout;
  return {
    /** How many timers of the call code are set and neither fired nor cleared. */
    pending: () => pending.size,
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
