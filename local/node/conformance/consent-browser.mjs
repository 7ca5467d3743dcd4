// The consent page in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) shows two outgoing-payment grant requests made with the official JS client; the
// person approves the first and denies the second. The finish redirects are checked, and the
// approved grant is continued into an access token.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { chromium } from 'playwright-core'
import { isPendingGrant, isFinalizedGrantWithAccessToken } from '@interledger/open-payments'
import { env, client, admin, honourWait, check, report, run, sleep } from './lib.mjs'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'

// The shop's finish endpoint: a real local HTTP server the browser is sent back to.
const shop = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<p>back at the shop</p>') })
await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve))
const FINISH = `http://127.0.0.1:${shop.address().port}/finish`

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

async function requestOutgoingGrant(op, customer, value, label) {
  const nonce = randomUUID()
  const pending = await op.grant.request({ url: customer.authServer }, {
    access_token: {
      access: [{
        identifier: customer.id,
        type: 'outgoing-payment',
        actions: ['create', 'read'],
        limits: { debitAmount: { value, assetCode: 'MXN', assetScale: 2 }, interval: 'R11/2026-01-01T00:00:00Z/P1M' }
      }]
    },
    interact: { start: ['redirect'], finish: { method: 'redirect', uri: `${FINISH}/${label}`, nonce } }
  })
  check(isPendingGrant(pending), `${label} grant needs interaction`)
  return { pending, nonce }
}

/** Opens the consent page, clicks a button, and returns the finish URL the browser was sent to. */
async function answer(context, redirect, buttonId, screenshot) {
  const page = await context.newPage()
  await page.goto(redirect)
  const clientName = await page.textContent('#client-name')
  const limit = await page.textContent('#debit-limit')
  const interval = await page.textContent('#interval')
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true })
  await Promise.all([page.waitForURL(`${FINISH}/**`), page.click(`#${buttonId}`)])
  const finishUrl = page.url()
  await page.close()
  return { finishUrl, clientName, limit, interval }
}

await run('consent-browser', async () => {
  const op = await client()
  const customer = await op.walletAddress.get({ url: env('CUSTOMER_WALLET_ADDRESS') })
  const retailer = await op.walletAddress.get({ url: env('RETAILER_WALLET_ADDRESS') })
  const approved = await requestOutgoingGrant(op, customer, '140000', 'approve')
  const denied = await requestOutgoingGrant(op, customer, '99900', 'deny')

  const profile = mkdtempSync(join(tmpdir(), 'sandbox-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS
  })
  try {
    const yes = await answer(context, approved.pending.interact.redirect, 'approve', process.env.SCREENSHOT_PATH)
    report('approved', yes)
    check(yes.clientName === retailer.publicName, `page names the client: ${yes.clientName}`)
    check(yes.limit === 'MXN 1,400.00', `page shows the amount: ${yes.limit}`)
    check(yes.interval.startsWith('R11/'), `page shows the interval: ${yes.interval}`)
    const finish = new URL(yes.finishUrl)
    const interactRef = finish.searchParams.get('interact_ref')
    const expected = createHash('sha256')
      .update(`${approved.nonce}\n${approved.pending.interact.finish}\n${interactRef}\n${customer.authServer}`)
      .digest('base64')
    check(finish.searchParams.get('hash') === expected, 'finish hash verifies')

    const no = await answer(context, denied.pending.interact.redirect, 'deny')
    report('denied', no)
    check(new URL(no.finishUrl).searchParams.get('result') === 'grant_rejected', 'denial redirects with result=grant_rejected')

    await honourWait(approved.pending)
    const grant = await op.grant.continue(
      { url: approved.pending.continue.uri, accessToken: approved.pending.continue.access_token.value },
      { interact_ref: interactRef })
    check(isFinalizedGrantWithAccessToken(grant), 'approved grant continues into a token')

    const pendingLeft = await admin('GET', '/interactions')
    check(pendingLeft.length === 0, 'no consent request is left pending')
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
    shop.close()
  }
  await sleep(0)
})
