// A person buys in the demo storefront with headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core from local/node): pick the running shoes, keep the sandbox customer's wallet
// address, choose how to pay, check out, approve on the wallet sandbox's consent page, come back to
// the order page and wait until it shows the payment completed (reading its price, fee, charge and
// "What happened" list); then open the history page. Mode usd-prices shows the shop a USD merchant
// (its configuration rewritten on the way) and reads the prices and the order it would send. Mode
// installments also approves a plan and reads its schedule once the first installment is paid. Mode
// pushed buys once and records, inside the order page, each GET /checkouts/{id} it makes and each event
// the shop pushes to it (the page is expected to read once to show the order, then once per event).
// Env: STOREFRONT_URL, NODE_DIR (local/node, for playwright-core), MODES (comma-separated:
// one-time, split, installments, usd-prices, pushed), CHROMIUM, SCREENSHOT_DIR (optional). Prints one
// "RESULT <json>" line per mode.
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(join(process.env.NODE_DIR, 'package.json'))
const { chromium } = require('playwright-core')

const STORE = process.env.STOREFRONT_URL
const MODES = (process.env.MODES || 'one-time').split(',')
const SHOTS = process.env.SCREENSHOT_DIR
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const TERMINAL = ['completed', 'failed', 'rejected', 'expired', 'cancelled']

async function purchase(context, mode) {
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  // Resource errors are judged by URL below; a browser's own favicon probe of the sandbox does not count.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`) })
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`)
  })

  await page.goto(STORE)
  await page.waitForFunction(() => document.getElementById('wallet').value !== '')
  await page.getByLabel('Running shoes').check()
  await page.locator(`input[name="mode"][value="${mode}"]`).check()
  const wallet = await page.inputValue('#wallet')
  // A prefilled address the field cuts off ("http://localhost:4601/cus") is not shown in full.
  const walletFits = await page.$eval('#wallet', (input) => input.scrollWidth <= input.clientWidth)
  const started = Date.now()
  await Promise.all([page.waitForURL('**/interact/**', { timeout: 30000 }), page.click('#pay')])
  const consent = {
    url: page.url(),
    clientName: await page.textContent('#client-name'),
    debitLimit: await page.textContent('#debit-limit')
  }
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `consent-${mode}.png`), fullPage: true })
  await Promise.all([page.waitForURL('**/order.html?**', { timeout: 30000 }), page.click('#approve')])
  const back = new URL(page.url())
  await page.waitForFunction((terminal) => terminal.includes(document.getElementById('status').dataset.state),
    TERMINAL, { timeout: 90000, polling: 250 })
  const state = await page.getAttribute('#status', 'data-state')
  const statusText = (await page.textContent('#status')).trim()
  const payees = await page.$$eval('#payees tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)))
  const amounts = await page.$$eval('#facts dd[data-fact] data', (all) => Object.fromEntries(all.map((d) =>
    [d.closest('dd').dataset.fact, { text: d.textContent, value: d.value, term: d.closest('dd').previousElementSibling.textContent }])))
  const happened = await page.$$eval('#events li', (items) => items.map((li) => ({
    text: (li.querySelector('span') || li).textContent, title: li.title
  })))
  const technical = await page.$$eval('#events-technical li', (items) => items.map((li) => li.textContent))
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `order-${mode}.png`), fullPage: true })

  await page.goto(new URL('/history.html', STORE).toString())
  const checkoutId = back.searchParams.get('checkoutId')
  await page.waitForSelector(`#mine a[href*="${checkoutId}"]`, { timeout: 15000 })
  const historyStatus = await page.$eval(`#mine a[href*="${checkoutId}"]`, (a) => a.closest('tr').cells[2].textContent)
  await page.close()
  return {
    mode, wallet, walletFits, consent, checkoutId, outcome: back.searchParams.get('outcome'), state, statusText, payees,
    amounts, happened, technical, historyStatus, seconds: (Date.now() - started) / 1000, problems
  }
}

/**
 * Runs in every document before its scripts: on the order page, stamps (epoch ms) each GET of the checkout
 * the page sends and each event its EventSource receives, the listener added before the page's own.
 */
function recordFollowing() {
  if (!location.pathname.endsWith('/order.html')) return
  const log = window.__following = { reads: [], pushes: [] }
  const send = window.fetch
  window.fetch = function (input, init) {
    const url = new URL(String((input && input.url) || input), location.href)
    const method = ((init && init.method) || (input && input.method) || 'GET').toUpperCase()
    if (method === 'GET' && /\/checkouts\/[^/]+$/.test(url.pathname)) log.reads.push(Date.now())
    return send.apply(this, arguments)
  }
  const Source = window.EventSource
  if (Source) {
    window.EventSource = class extends Source {
      constructor(...args) {
        super(...args)
        this.addEventListener('message', () => log.pushes.push(Date.now()))
      }
    }
  }
}

/** A one-time purchase, watched for how the order page learns that the payment completed. */
async function pushed(context) {
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  await page.addInitScript(recordFollowing)
  await page.goto(STORE)
  await page.waitForFunction(() => document.getElementById('wallet').value !== '')
  await page.getByLabel('Running shoes').check()
  await page.locator('input[name="mode"][value="one-time"]').check()
  await Promise.all([page.waitForURL('**/interact/**', { timeout: 30000 }), page.click('#pay')])
  const approvedAt = Date.now()
  await Promise.all([page.waitForURL('**/order.html?**', { timeout: 30000 }), page.click('#approve')])
  const checkoutId = new URL(page.url()).searchParams.get('checkoutId')
  await page.waitForFunction((terminal) => terminal.includes(document.getElementById('status').dataset.state),
    TERMINAL, { timeout: 90000, polling: 250 })
  const seen = await page.evaluate(() => ({
    ...window.__following,
    follow: document.documentElement.dataset.follow || null,
    state: document.getElementById('status').dataset.state,
    statusText: document.getElementById('status').textContent.trim()
  }))
  await page.close()
  return { mode: 'pushed', checkoutId, approvedAt, ...seen, problems }
}

/**
 * Installments: the order goes out with its installment plan; either the wallet asks for consent or the
 * page shows the API's refusal. Consent asked, the plan's order page is read while it waits; then the
 * person approves and the order page is read again once the first installment is paid.
 */
async function installments(context) {
  const page = await context.newPage()
  await page.goto(STORE)
  await page.waitForFunction(() => document.getElementById('wallet').value !== '')
  await page.locator('input[name="mode"][value="installments"]').check()
  await page.selectOption('#count', '4')
  // Capture the API's answer as it passes: a successful checkout navigates away at once, after which
  // the browser no longer has the response body.
  let api = null
  let sent = null
  await page.route('**/shop/api/checkouts', async (route) => {
    sent = JSON.parse(route.request().postData())
    const response = await route.fetch()
    api = { status: response.status(), body: await response.json() }
    await route.fulfill({ response })
  })
  await page.click('#pay')
  await page.waitForURL('**/interact/**', { timeout: 30000 }).catch(() => {})
  let shown = null
  let consentUrl = null
  let focusable = null
  let orderPage = null
  let paidPage = null
  if (page.url().includes('/interact/')) {
    consentUrl = page.url()
    orderPage = await planOrderPage(context, api.body.id)
    await Promise.all([page.waitForURL('**/order.html?**', { timeout: 30000 }), page.click('#approve')])
    await page.waitForSelector('#schedule tbody tr[data-number="1"][data-status="paid"]', { timeout: 60000 })
    paidPage = await readPlan(page)
  } else {
    await page.waitForFunction(() => document.getElementById('message').classList.contains('error'))
    shown = (await page.textContent('#message')).trim()
    focusable = await page.$eval('#pay', (b) => !b.disabled)
  }
  await page.close()
  return { mode: 'installments', checkoutId: api && api.body.id, sent: sent && sent.installments, api, shown, consentUrl, payButtonEnabled: focusable, orderPage, paidPage }
}

/** What a plan's order page shows: state, price, the amounts itemised, the plan's headline and schedule. */
async function readPlan(page) {
  return {
    state: await page.getAttribute('#status', 'data-state'),
    // Read at once, not awaited: the page renders its facts together with its state.
    price: await page.$$eval('#facts dd[data-fact="amount"]', (dd) => dd.length ? dd[0].textContent : null),
    facts: await page.$$eval('#facts dd[data-fact]', (all) => Object.fromEntries(all.map((dd) =>
      [dd.dataset.fact, { term: dd.previousElementSibling.textContent, text: dd.textContent, value: dd.querySelector('data') && dd.querySelector('data').value }]))),
    planShown: await page.isVisible('#plan'),
    headline: await page.textContent('#plan-headline'),
    schedule: await page.$$eval('#schedule tbody tr', (rows) => rows.map((tr) => ({
      number: Number(tr.dataset.number),
      status: tr.dataset.status,
      due: tr.querySelector('[data-col="due"]').textContent,
      dueAt: tr.querySelector('[data-col="due"] time').getAttribute('datetime'),
      statusText: tr.querySelector('[data-col="status"]').textContent,
      amount: tr.querySelector('[data-col="amount"]').textContent,
      fee: tr.querySelector('[data-col="fee"]').textContent
    }))),
    happened: await page.$$eval('#events li span', (all) => all.map((s) => s.textContent)),
    payees: await page.$$eval('#payees tbody tr', (rows) => rows.length)
  }
}

/** The plan's order page while it waits for consent, without script errors. */
async function planOrderPage(context, checkoutId) {
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  await page.goto(new URL(`/order.html?checkoutId=${encodeURIComponent(checkoutId)}`, STORE).toString())
  await page.waitForFunction(() => document.getElementById('status').dataset.state !== 'loading', null, { timeout: 15000 })
  const result = { ...(await readPlan(page)), problems }
  await page.close()
  return result
}

/** A USD merchant: the shop's prices and the amount it would order, without creating a checkout. */
async function usdPrices(context) {
  const page = await context.newPage()
  await page.route('**/shop/config.json', async (route) => {
    const response = await route.fetch()
    const config = await response.json()
    config.asset = { assetCode: 'USD', assetScale: 2 }
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) })
  })
  let sent = null
  await page.route('**/shop/api/checkouts', async (route) => {
    sent = JSON.parse(route.request().postData())
    await route.abort()
  })
  await page.goto(STORE)
  await page.waitForFunction(() => document.querySelector('.price[data-product="shoes"]').textContent !== '')
  const prices = await page.$$eval('.price[data-product]', (all) => Object.fromEntries(all.map((p) => [p.dataset.product, p.textContent])))
  await page.getByLabel('Running shoes').check()
  await page.click('#pay')
  await page.waitForFunction(() => document.getElementById('message').classList.contains('error'))
  await page.close()
  return { mode: 'usd-prices', prices, sent: sent && sent.amount }
}

const profile = mkdtempSync(join(tmpdir(), 'storefront-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
  // Dates on the pages are checked against the API's UTC timestamps.
  timezoneId: 'UTC'
})
let failed = false
try {
  for (const mode of MODES) {
    try {
      const run = { installments, 'usd-prices': usdPrices, pushed }[mode] || ((c) => purchase(c, mode))
      console.log('RESULT ' + JSON.stringify(await run(context)))
    } catch (e) {
      failed = true
      console.log('RESULT ' + JSON.stringify({ mode, error: String(e && e.stack || e) }))
    }
  }
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
