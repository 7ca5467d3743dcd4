// The recurring payments guide (buy now, pay later) with the official JS client against the
// sandbox: an interval grant of one installment's debit (MXN 500.00 delivered plus the sender's fee)
// per day, a first installment, a refused second one in the same interval, then a day later token
// rotation and the second installment.
import { isPendingGrant, isFinalizedGrantWithAccessToken } from '@interledger/open-payments'
import { env, client, admin, honourWait, awaitDelivered, check, report, run } from './lib.mjs'

const INSTALLMENT = { value: '50000', assetCode: 'MXN', assetScale: 2 }

async function installmentQuote(op, customer, retailer) {
  const incomingGrant = await op.grant.request({ url: retailer.authServer }, {
    access_token: { access: [{ type: 'incoming-payment', actions: ['list', 'read', 'read-all', 'complete', 'create'] }] }
  })
  const incomingPayment = await op.incomingPayment.create(
    { url: retailer.resourceServer, accessToken: incomingGrant.access_token.value },
    { walletAddress: retailer.id, incomingAmount: INSTALLMENT, expiresAt: new Date(Date.now() + 60_000 * 60 * 24 * 20).toISOString() }
  )
  const quoteGrant = await op.grant.request({ url: customer.authServer }, {
    access_token: { access: [{ type: 'quote', actions: ['create', 'read', 'read-all'] }] }
  })
  const quote = await op.quote.create(
    { url: customer.resourceServer, accessToken: quoteGrant.access_token.value },
    { method: 'ilp', walletAddress: customer.id, receiver: incomingPayment.id }
  )
  return { incomingGrant, incomingPayment, quote }
}

async function expectStatus(promise, status, what) {
  try {
    await promise
  } catch (err) {
    check(err.status === status, `${what}: expected ${status}, got ${err.status} ${err.description}`)
    return err
  }
  throw new Error(`${what}: expected ${status}, but it succeeded`)
}

await run('recurring-bnpl', async () => {
  const op = await client()
  const customer = await op.walletAddress.get({ url: env('CUSTOMER_WALLET_ADDRESS') })
  const retailer = await op.walletAddress.get({ url: env('RETAILER_WALLET_ADDRESS') })

  const first = await installmentQuote(op, customer, retailer)

  // An interval grant: the first quote's debit (MXN 500.00 plus fee) per day, R2 (Rafiki counts three days), polled (no finish URI).
  const { now } = await admin('GET', '')
  const start = new Date(Date.parse(now) - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const interval = `R2/${start}/P1D`
  const pending = await op.grant.request({ url: customer.authServer }, {
    access_token: {
      access: [{
        identifier: customer.id,
        type: 'outgoing-payment',
        actions: ['create', 'read', 'list'],
        limits: { debitAmount: first.quote.debitAmount, interval }
      }]
    },
    interact: { start: ['redirect'] }
  })
  check(isPendingGrant(pending), 'interval grant needs interaction')

  // Polling before the person answered returns the continuation again.
  await honourWait(pending)
  const stillPending = await op.grant.continue({ url: pending.continue.uri, accessToken: pending.continue.access_token.value })
  check(!isFinalizedGrantWithAccessToken(stillPending) && stillPending.continue, 'poll before approval is still pending')

  const decision = await admin('POST', '/interactions/approve', { interaction: pending.interact.redirect })
  check(decision.redirect === null, 'a grant without finish URI has no redirect')
  await honourWait(stillPending)
  const grant = await op.grant.continue({ url: pending.continue.uri, accessToken: pending.continue.access_token.value })
  check(isFinalizedGrantWithAccessToken(grant), 'poll after approval issues the token')
  report('grant', { interval, expiresIn: grant.access_token.expires_in })

  // First installment.
  const payment1 = await op.outgoingPayment.create(
    { url: customer.resourceServer, accessToken: grant.access_token.value },
    { walletAddress: customer.id, quoteId: first.quote.id }
  )
  await awaitDelivered(op, payment1.id, grant.access_token.value)
  report('installment', { n: 1, id: payment1.id })

  // A second installment in the same day exceeds the interval's limit: 403.
  const early = await installmentQuote(op, customer, retailer)
  await expectStatus(op.outgoingPayment.create(
    { url: customer.resourceServer, accessToken: grant.access_token.value },
    { walletAddress: customer.id, quoteId: early.quote.id }
  ), 403, 'second installment in the same interval')

  // A day later the token has expired (Rafiki: 403 Inactive Token); rotation gives a new value and manage URL.
  await admin('POST', '/clock/advance', { seconds: 24 * 60 * 60 })
  await expectStatus(op.outgoingPayment.get({ url: payment1.id, accessToken: grant.access_token.value }), 403, 'expired token')
  const rotated = await op.token.rotate({ url: grant.access_token.manage, accessToken: grant.access_token.value })
  check(rotated.access_token.value !== grant.access_token.value, 'rotation gives a new token value')
  check(rotated.access_token.manage !== grant.access_token.manage, 'rotation gives a new manage URL')
  await expectStatus(op.token.rotate({ url: grant.access_token.manage, accessToken: grant.access_token.value }), 401, 'rotating the old token again')

  // Second installment with the rotated token, on a fresh quote.
  const second = await installmentQuote(op, customer, retailer)
  const payment2 = await op.outgoingPayment.create(
    { url: customer.resourceServer, accessToken: rotated.access_token.value },
    { walletAddress: customer.id, quoteId: second.quote.id }
  )
  await awaitDelivered(op, payment2.id, rotated.access_token.value)
  report('installment', { n: 2, id: payment2.id })

  const spent = await op.outgoingPayment.getGrantSpentAmounts({ url: customer.resourceServer, accessToken: rotated.access_token.value })
  check(spent.spentDebitAmount?.value === second.quote.debitAmount.value, `spent this interval: ${JSON.stringify(spent)}`)

  const list = await op.outgoingPayment.list(
    { url: customer.resourceServer, walletAddress: customer.id, accessToken: rotated.access_token.value }, { first: 1 })
  check(list.result.length === 1 && list.pagination.hasNextPage === true, 'first page of one with more behind it')

  const received = await op.incomingPayment.get({ url: second.incomingPayment.id, accessToken: second.incomingGrant.access_token.value })
  check(received.completed === true && received.receivedAmount.value === INSTALLMENT.value, 'second installment arrived')
  // The early incoming payment was never paid; a fresh token (the old one expired) completes it.
  const completedEarly = await op.incomingPayment.complete({ url: early.incomingPayment.id, accessToken: second.incomingGrant.access_token.value })
  check(completedEarly.completed === true, 'the unused incoming payment can be completed')
})
