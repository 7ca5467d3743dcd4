// Shared helpers for the conformance scenarios: configuration from the environment (set by the
// Java test that started the sandbox), the sandbox admin API, the finish-hash check, assertions.
import { createHash } from 'node:crypto'
import { createAuthenticatedClient } from '@interledger/open-payments'

export function env(name) {
  const value = process.env[name]
  if (!value) throw new Error(`missing environment variable ${name}`)
  return value
}

export async function client() {
  return createAuthenticatedClient({
    walletAddressUrl: env('CLIENT_WALLET_ADDRESS'),
    keyId: env('KEY_ID'),
    privateKey: env('PRIVATE_KEY_PATH'),
    validateResponses: true
  })
}

export async function admin(method, path, body) {
  const response = await fetch(env('ADMIN_URL') + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`admin ${method} ${path} answered ${response.status}: ${text}`)
  return text ? JSON.parse(text) : undefined
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits `continue.wait` seconds, as the protocol requires before continuing a grant. */
export async function honourWait(pendingGrant) {
  await sleep((pendingGrant.continue.wait ?? 0) * 1000)
}

/**
 * Approves the consent request through the sandbox admin API (the person's click), then checks the
 * finish redirect: its hash must be SHA-256 of nonce, server nonce, interact_ref and the grant URL.
 */
export async function approveAndVerifyFinish(pendingGrant, clientNonce, grantRequestUrl) {
  const { redirect } = await admin('POST', '/interactions/approve', { interaction: pendingGrant.interact.redirect })
  const finish = new URL(redirect)
  const interactRef = finish.searchParams.get('interact_ref')
  const hash = finish.searchParams.get('hash')
  const expected = createHash('sha256')
    .update(`${clientNonce}\n${pendingGrant.interact.finish}\n${interactRef}\n${grantRequestUrl}`)
    .digest('base64')
  check(hash === expected, `finish hash ${hash} should be ${expected}`)
  return interactRef
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`)
}

/**
 * Polls an outgoing payment until its receiver (the payee's incoming payment, read unauthenticated)
 * shows the payment's receive amount, failing if the outgoing payment fails. `sentAmount` is no
 * completion test: Rafiki (and the sandbox) report it without the sender's fees, below `debitAmount`.
 */
export async function awaitDelivered(opClient, url, accessToken) {
  for (let i = 0; i < 100; i++) {
    const payment = await opClient.outgoingPayment.get({ url, accessToken })
    if (payment.failed) throw new Error(`outgoing payment failed: ${url}`)
    const receiver = await opClient.incomingPayment.getPublic({ url: payment.receiver })
    // Read the payment again once delivered: the copy above may predate the delivery.
    if (BigInt(receiver.receivedAmount?.value ?? '0') >= BigInt(payment.receiveAmount.value)) {
      return opClient.outgoingPayment.get({ url, accessToken })
    }
    await sleep(50)
  }
  throw new Error(`outgoing payment was not delivered: ${url}`)
}

export function report(step, data) {
  process.stdout.write(JSON.stringify({ step, ...data }) + '\n')
}

/** Runs a scenario, printing a closing line and setting the exit code. */
export async function run(name, scenario) {
  try {
    await scenario()
    process.stdout.write(`conformance ${name}: ok\n`)
  } catch (err) {
    process.stderr.write(`conformance ${name}: FAILED\n${err?.stack ?? err}\n`)
    if (err?.description) process.stderr.write(`description: ${err.description} status: ${err.status} code: ${err.code}\n`)
    if (err?.validationErrors) process.stderr.write(`validation: ${JSON.stringify(err.validationErrors)}\n`)
    process.exitCode = 1
  }
}
