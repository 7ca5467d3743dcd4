// How long a person waits on the demo order page after approving: headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core from local/node) buys the running shoes RUNS times,
// waits on the wallet's consent page until the grant's continue wait has passed (as a person reading
// the page would), clicks Approve and stamps, inside the order page, the moment its status first shows
// a final state. Env: STOREFRONT_URL, NODE_DIR, CHROMIUM, RUNS (default 20), GRANT_WAIT_MS (the
// sandbox's continue wait, default 5000), MODE (one-time or split), FOLLOW (page: the page follows as it
// decides, by the shop's pushed events when the shop has a webhook secret; poll: the shop's config is
// rewritten here to name no order stream, so the page polls, for comparison). Prints one "RUN <json>" line per purchase:
// approvedAt (epoch ms, just before the click), shownAt (epoch ms, the page showing the final state),
// follow (how the page followed when it showed it: push or poll), state and checkoutId.
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(join(process.env.NODE_DIR, 'package.json'))
const { chromium } = require('playwright-core')

const STORE = process.env.STOREFRONT_URL
const RUNS = Number(process.env.RUNS || 20)
const GRANT_WAIT_MS = Number(process.env.GRANT_WAIT_MS || 5000)
const MODE = process.env.MODE || 'one-time'
const FOLLOW = process.env.FOLLOW || 'page'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Runs in every document of the page before its scripts: the order page stamps its first final state. */
function stampFinalState() {
  if (!location.pathname.endsWith('/order.html')) return
  const FINAL = ['completed', 'failed', 'rejected', 'expired', 'cancelled']
  const stamp = () => {
    const s = document.getElementById('status')
    if (!window.__shownAt && s && FINAL.includes(s.dataset.state)) {
      window.__shownAt = Date.now()
      window.__state = s.dataset.state
      window.__follow = document.documentElement.dataset.follow || null
    }
  }
  new MutationObserver(stamp).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] })
}

async function purchase(context, n) {
  const page = await context.newPage()
  await page.addInitScript(stampFinalState)
  if (FOLLOW === 'poll') {
    // A config that names no order stream is what a shop without a webhook secret serves: the page polls.
    await page.route('**/shop/config.json', async (route) => {
      const config = await (await route.fetch()).json()
      delete config.orderStream
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) })
    })
  }
  await page.goto(STORE)
  await page.waitForFunction(() => document.getElementById('wallet').value !== '')
  await page.getByLabel('Running shoes').check()
  await page.locator(`input[name="mode"][value="${MODE}"]`).check()
  const created = page.waitForResponse((r) => r.url().endsWith('/checkouts') && r.request().method() === 'POST')
  await Promise.all([page.waitForURL('**/interact/**', { timeout: 30000 }), page.click('#pay')])
  await created
  const createdAt = Date.now()
  // The person reads the consent page; the wallet takes the approval only after its continue wait anyway.
  const readUntil = createdAt + GRANT_WAIT_MS + 250
  if (Date.now() < readUntil) await page.waitForTimeout(readUntil - Date.now())
  const approvedAt = Date.now()
  await Promise.all([page.waitForURL('**/order.html?**', { timeout: 30000 }), page.click('#approve')])
  const checkoutId = new URL(page.url()).searchParams.get('checkoutId')
  await page.waitForFunction(() => window.__shownAt, null, { timeout: 90000, polling: 100 })
  const shown = await page.evaluate(() => ({ shownAt: window.__shownAt, state: window.__state, follow: window.__follow }))
  await page.close()
  return { n, checkoutId, approvedAt, ...shown }
}

const profile = mkdtempSync(join(tmpdir(), 'order-latency-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS
})
let failed = false
try {
  for (let n = 1; n <= RUNS; n++) {
    try {
      console.log('RUN ' + JSON.stringify(await purchase(context, n)))
    } catch (e) {
      failed = true
      console.log('RUN ' + JSON.stringify({ n, error: String(e && e.stack || e) }))
    }
  }
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
