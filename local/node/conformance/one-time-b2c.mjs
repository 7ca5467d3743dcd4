// The one-time purchase (B2C) guide, step by step, with the official JS client against the sandbox:
// a customer at cloudninebank pays MXN 1,400.00 to a retailer at happylifebank.
import { randomUUID } from 'node:crypto'
import { isPendingGrant, isFinalizedGrantWithAccessToken } from '@interledger/open-payments'
import { env, client, approveAndVerifyFinish, honourWait, awaitDelivered, check, report, run } from './lib.mjs'

await run('one-time-b2c', async () => {
  const op = await client()

  // 1. Wallet address information for both parties.
  const customer = await op.walletAddress.get({ url: env('CUSTOMER_WALLET_ADDRESS') })
  const retailer = await op.walletAddress.get({ url: env('RETAILER_WALLET_ADDRESS') })
  report('wallet-addresses', { customer: customer.id, retailer: retailer.id, retailerName: retailer.publicName })

  // 2. Incoming payment grant on the retailer's auth server (non-interactive).
  const incomingGrant = await op.grant.request({ url: retailer.authServer }, {
    access_token: { access: [{ type: 'incoming-payment', actions: ['read', 'create'] }] }
  })
  check(isFinalizedGrantWithAccessToken(incomingGrant), 'incoming payment grant is issued at once')

  // 3. The incoming payment for MXN 1,400.00.
  const incomingPayment = await op.incomingPayment.create(
    { url: retailer.resourceServer, accessToken: incomingGrant.access_token.value },
    { walletAddress: retailer.id, incomingAmount: { value: '140000', assetCode: 'MXN', assetScale: 2 } }
  )
  report('incoming-payment', { id: incomingPayment.id })

  // 4. Quote grant on the customer's auth server (non-interactive).
  const quoteGrant = await op.grant.request({ url: customer.authServer }, {
    access_token: { access: [{ type: 'quote', actions: ['create', 'read'] }] }
  })
  check(isFinalizedGrantWithAccessToken(quoteGrant), 'quote grant is issued at once')

  // 5. The quote, fixed by the incoming payment's amount.
  const quote = await op.quote.create(
    { url: customer.resourceServer, accessToken: quoteGrant.access_token.value },
    { method: 'ilp', walletAddress: customer.id, receiver: incomingPayment.id }
  )
  check(quote.receiveAmount.value === '140000', `quote receives ${quote.receiveAmount.value}`)
  report('quote', { id: quote.id, debit: quote.debitAmount.value })

  // 6. Interactive outgoing payment grant limited to the quote's debit amount.
  const nonce = randomUUID()
  const pending = await op.grant.request({ url: customer.authServer }, {
    access_token: {
      access: [{
        identifier: customer.id,
        type: 'outgoing-payment',
        actions: ['read', 'create'],
        limits: { debitAmount: quote.debitAmount, receiver: incomingPayment.id }
      }]
    },
    interact: { start: ['redirect'], finish: { method: 'redirect', uri: 'http://127.0.0.1:9/finish/b2c', nonce } }
  })
  check(isPendingGrant(pending), 'outgoing payment grant needs interaction')
  report('pending-grant', { redirect: pending.interact.redirect, wait: pending.continue.wait })

  // 7-8. The customer approves on the consent page; the finish redirect carries hash and interact_ref.
  const interactRef = await approveAndVerifyFinish(pending, nonce, customer.authServer)

  // 9. Continue the grant (after the required wait).
  await honourWait(pending)
  const grant = await op.grant.continue(
    { url: pending.continue.uri, accessToken: pending.continue.access_token.value },
    { interact_ref: interactRef }
  )
  check(isFinalizedGrantWithAccessToken(grant), 'continuation issues the access token')

  // 10. The outgoing payment from the quote.
  const payment = await op.outgoingPayment.create(
    { url: customer.resourceServer, accessToken: grant.access_token.value },
    { walletAddress: customer.id, quoteId: quote.id }
  )
  report('outgoing-payment', { id: payment.id })
  const sent = await awaitDelivered(op, payment.id, grant.access_token.value)

  // The money arrived: the incoming payment is complete.
  const received = await op.incomingPayment.get({ url: incomingPayment.id, accessToken: incomingGrant.access_token.value })
  check(received.completed === true, 'incoming payment completed')
  check(received.receivedAmount.value === '140000', `received ${received.receivedAmount.value}`)
  // The sender's fee is in the debit, not in what was sent: debit = sent + fee, sent = what was delivered here.
  check(BigInt(sent.sentAmount.value) < BigInt(sent.debitAmount.value), `sent ${sent.sentAmount.value} below debit ${sent.debitAmount.value}`)
  check(sent.sentAmount.value === '140000', `sent ${sent.sentAmount.value}`)
  report('settled', { debit: sent.debitAmount.value, sent: sent.sentAmount.value, received: received.receivedAmount.value })
})
