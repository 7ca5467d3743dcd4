// How a page learns that a checkout changed: for now by polling GET /checkouts/{id}, often while the
// checkout is moving (right after approval the payment completes within a second or two) and less
// often the longer it stays as it is (an installment plan waits weeks between payments). Everything
// about how changes arrive is in this module, so pushing them (server-sent events) can replace it.

/** [how long since the last change (ms), delay before the next look (ms)]: the first row that fits applies. */
export const POLL_STEPS = [
  [10_000, 250],
  [60_000, 1000],
  [600_000, 5000]
]

/** The delay once a checkout has not changed for longer than every row of {@link POLL_STEPS}. */
export const SLOWEST_POLL = 30_000

/** The delay before the next look, {@code sinceChange} ms after the checkout last changed. */
export function pollDelay(sinceChange) {
  for (const [within, delay] of POLL_STEPS) if (sinceChange < within) return delay
  return SLOWEST_POLL
}

/**
 * Calls {@code show} with each answer of {@code load} (a {ok, status, body} result), first at once and
 * then after {@link pollDelay}, until {@code show} returns false. A checkout counts as changed when its
 * status or updatedAt differs from the last answer.
 */
export async function followChanges(load, show) {
  let seen
  let changedAt = Date.now()
  for (;;) {
    const result = await load()
    const key = result.ok && result.body ? `${result.body.status} ${result.body.updatedAt}` : null
    if (key !== seen) {
      seen = key
      changedAt = Date.now()
    }
    if (show(result) === false) return
    await new Promise((resolve) => setTimeout(resolve, pollDelay(Date.now() - changedAt)))
  }
}
