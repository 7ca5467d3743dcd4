// How a page learns that a checkout changed, decided here and nowhere else. Pushed when it can be:
// the shop receives the checkout's webhooks and passes each one on as a server-sent event
// (GET /orders/{id}/stream); an event carries less than the page shows, so each one makes the page read
// GET /checkouts/{id} once; a slow safety read every SAFETY_READ_MS covers a webhook that never came (the
// shop's receiver was down while the function's retries wait). Polled only as the fallback: when the shop
// has no webhook secret (its config names no stream), the browser has no EventSource, or the stream is
// refused (an error status or 204, after which an EventSource gives up; a dropped connection it retries
// itself). Polling looks often while the checkout is moving (right after approval the payment completes
// within a second or two) and less often the longer it stays as it is (an installment plan waits weeks
// between payments).

/** [how long since the last change (ms), delay before the next look (ms)]: the first row that fits applies. */
export const POLL_STEPS = [
  [10_000, 250],
  [60_000, 1000],
  [600_000, 5000]
]

/** The delay once a checkout has not changed for longer than every row of {@link POLL_STEPS}. */
export const SLOWEST_POLL = 30_000

/** While pushed, the checkout is still read this often in case an event was lost on the way. */
export const SAFETY_READ_MS = 30_000

/** The delay before the next look, {@code sinceChange} ms after the checkout last changed. */
export function pollDelay(sinceChange) {
  for (const [within, delay] of POLL_STEPS) if (sinceChange < within) return delay
  return SLOWEST_POLL
}

/**
 * Calls {@code show} with each answer of {@code load} (a {ok, status, body} result), first at once and
 * then whenever the checkout may have changed, until {@code show} returns false. With {@code streamUrl},
 * pushed events say when; without it, or when the stream fails for good, {@link pollDelay} does.
 * {@code onMode} hears 'push' once the stream is open and 'poll' when polling starts; {@code safetyReadMs}
 * is the pushed mode's slow safety read ({@link SAFETY_READ_MS}).
 */
export async function followChanges(load, show, { streamUrl, onMode = () => {}, safetyReadMs = SAFETY_READ_MS } = {}) {
  if (streamUrl && typeof EventSource === 'function') {
    if ((await followPushed(load, show, streamUrl, onMode, safetyReadMs)) === 'done') return
  }
  onMode('poll')
  await followPolled(load, show)
}

/**
 * Reads the checkout at once and again after each pushed event, coalescing events that arrive while a
 * read is under way into one more read. Resolves 'done' when {@code show} returns false, 'poll' when the
 * stream closed for good (a 204 or an error status; a dropped connection the EventSource retries itself).
 */
function followPushed(load, show, streamUrl, onMode, safetyReadMs) {
  return new Promise((resolve, reject) => {
    const source = new EventSource(streamUrl)
    let ended = false
    let reading = false
    let again = false
    let safety
    const end = (how, error) => {
      if (ended) return
      ended = true
      clearInterval(safety)
      source.close()
      if (error) reject(error)
      else resolve(how)
    }
    const read = async () => {
      if (reading) {
        again = true
        return
      }
      reading = true
      try {
        do {
          again = false
          if (show(await load()) === false) return end('done')
        } while (again && !ended)
      } catch (e) {
        end(undefined, e)
      } finally {
        reading = false
      }
    }
    source.onopen = () => onMode('push')
    source.onmessage = () => { if (!ended) read() }
    safety = setInterval(() => { if (!ended) read() }, safetyReadMs)
    source.onerror = () => { if (source.readyState === EventSource.CLOSED) end('poll') }
    read()
  })
}

/** Looks at once and then after {@link pollDelay}; a change is a different status or updatedAt. */
async function followPolled(load, show) {
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
