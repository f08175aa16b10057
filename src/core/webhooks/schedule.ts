// The delivery rules of webhooks (README "Webhooks"): the retry schedule, the answer timeout, how
// much of an answer is kept and how long a rotated-out secret still signs.

/** The waits before attempts 2 to 6: 1 min, 5 min, 30 min, 2 h, 6 h; after the sixth the event has failed. */
export const retryDelaysMs = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const;
export const maxAttempts = retryDelaysMs.length + 1;

/** A 2xx must arrive within this; anything later is a failed attempt. */
export const defaultTimeoutMs = 5_000;
/** How often the queue is read when nothing else wakes it: retries due by real time. */
export const defaultPollMs = 1_000;
/** Attempts in flight at once, over every tenant. */
export const maxInFlight = 16;
/** The head of an answer's body kept with the attempt. */
export const responseHeadBytes = 2_048;
/** After a rotation the old secret keeps signing this long (tenant clock) unless the rotation says otherwise. */
export const defaultOverlapSeconds = 86_400;

/** The wait after the `tries`-th failed attempt of a series, or undefined when that was the last. */
export function retryDelayMs(tries: number): number | undefined {
  return retryDelaysMs[tries - 1];
}
