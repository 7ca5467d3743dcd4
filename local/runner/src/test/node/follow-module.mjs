// The storefront's follow.js, the one place that decides how the order page learns of changes, run
// under Node's test runner with a stand-in EventSource the tests drive: opened, messages, dropped,
// refused. FOLLOW_JS is the module's path (FollowModuleTest passes it).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pathToFileURL } from 'node:url'

const sources = []
globalThis.EventSource = class {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSED = 2
  constructor(url) {
    this.url = url
    this.readyState = 0
    sources.push(this)
  }

  close() { this.readyState = 2 }
}
const { followChanges } = await import(pathToFileURL(process.env.FOLLOW_JS).href)
const settle = () => new Promise((resolve) => setTimeout(resolve, 30))
const stillGoing = (r) => r.body.status !== 'completed'

test('pushed: one read to show the order, then one per event, none in between, until final', async () => {
  let reads = 0
  const modes = []
  const states = ['processing', 'processing', 'completed']
  const following = followChanges(async () => ({ ok: true, body: { status: states[reads++] } }), stillGoing,
    { streamUrl: '/orders/co-1/stream', onMode: (m) => modes.push(m) })
  const source = sources.at(-1)
  assert.equal(source.url, '/orders/co-1/stream')
  await settle()
  source.readyState = 1
  source.onopen()
  await new Promise((resolve) => setTimeout(resolve, 600))
  assert.equal(reads, 1, 'no poll while the stream is open')
  source.onmessage({ data: '{}' })
  await settle()
  assert.equal(reads, 2)
  source.readyState = 0
  source.onerror()
  await settle()
  assert.equal(reads, 2, 'a dropped connection the EventSource retries is no reason to poll')
  source.onmessage({ data: '{}' })
  await following
  assert.equal(reads, 3)
  assert.deepEqual(modes, ['push'])
  assert.equal(source.readyState, 2, 'the stream is closed once the checkout is final')
})

test('pushed: events arriving during a read make one more read, not one each', async () => {
  let reads = 0
  let release
  const following = followChanges(async () => {
    reads++
    if (reads === 2) await new Promise((resolve) => { release = resolve })
    return { ok: true, body: { status: reads >= 3 ? 'completed' : 'processing' } }
  }, stillGoing, { streamUrl: '/s' })
  const source = sources.at(-1)
  await settle()
  source.onmessage({})
  await settle()
  source.onmessage({})
  source.onmessage({})
  source.onmessage({})
  release()
  await following
  assert.equal(reads, 3)
})

test('a refused stream (an error status, or 204) falls back to polling', async () => {
  let reads = 0
  const modes = []
  const following = followChanges(
    async () => ({ ok: true, body: { status: ++reads >= 3 ? 'completed' : 'processing', updatedAt: 'a' } }),
    stillGoing, { streamUrl: '/s', onMode: (m) => modes.push(m) })
  const source = sources.at(-1)
  await settle()
  source.readyState = 2
  source.onerror()
  await following
  assert.deepEqual(modes, ['poll'])
  assert.equal(reads, 3, 'the polling read again until final')
})

test('without a stream URL (the shop has no webhook secret, so its config names none) the page polls', async () => {
  let reads = 0
  const count = sources.length
  await followChanges(async () => ({ ok: true, body: { status: ++reads >= 2 ? 'completed' : 'x' } }), stillGoing)
  assert.equal(reads, 2)
  assert.equal(sources.length, count, 'no EventSource opened')
})

test('a read that fails ends the following with its error and closes the stream', async () => {
  const following = followChanges(async () => { throw new Error('shop down') }, () => true, { streamUrl: '/s' })
  await assert.rejects(following, /shop down/)
  assert.equal(sources.at(-1).readyState, 2)
})

test('pushed: a slow safety read finds a change whose event never came', async () => {
  let reads = 0
  const following = followChanges(
    async () => ({ ok: true, body: { status: ++reads >= 3 ? 'completed' : 'processing' } }),
    stillGoing, { streamUrl: '/s', safetyReadMs: 100 })
  const source = sources.at(-1)
  source.readyState = 1
  source.onopen()
  await following
  assert.equal(reads, 3, 'read at once, then by the safety reads alone')
  assert.equal(source.readyState, 2)
})
