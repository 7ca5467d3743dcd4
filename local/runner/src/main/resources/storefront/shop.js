// Shared helpers of the demo shop's pages: the shop backend, money formatting and small DOM helpers.

/**
 * The runner's storefront configuration: which wallets the shop uses (the sandbox's demo world or real
 * wallets), the asset to price in, and whether the payments API accepts this shop as a return URL.
 */
export async function loadConfig() {
  const response = await fetch('/shop/config.json', { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`cannot load the shop configuration (${response.status})`)
  return response.json()
}

/**
 * Calls the shop's backend (which adds the API key and forwards to the payments API). Resolves to
 * { ok, status, body } where body is the parsed JSON (or null); network failures reject.
 */
export async function api(config, method, path, body) {
  const init = { method, headers: { accept: 'application/json' } }
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  const response = await fetch(config.apiBase + path, init)
  const text = await response.text()
  let parsed = null
  try { parsed = text ? JSON.parse(text) : null } catch { parsed = { error: { code: 'NOT_JSON', message: text } } }
  return { ok: response.ok, status: response.status, body: parsed }
}

/** "MXN 1,400.00" from {value:"140000", assetCode:"MXN", assetScale:2}. */
export function money(amount) {
  if (!amount) return ''
  const scale = Number(amount.assetScale)
  const digits = String(amount.value).padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fraction = scale > 0 ? '.' + digits.slice(digits.length - scale) : ''
  return `${amount.assetCode} ${whole}${fraction}`
}

/**
 * A decimal price ("890.50") in minor units of an asset scale ("89050" at scale 2), or null when the
 * scale cannot express it exactly. Strings only: money never goes through floating point.
 */
export function minorUnits(decimal, scale) {
  const [whole, fraction = ''] = decimal.split('.')
  if (fraction.length > scale && /[^0]/.test(fraction.slice(scale))) return null
  return (whole + fraction.slice(0, scale).padEnd(scale, '0')).replace(/^0+(?=\d)/, '')
}

/** Where the order page finds the wallet's consent link when the wallet cannot send the customer back. */
export function consentKey(checkoutId) {
  return `opfunctions-demo-consent-${checkoutId}`
}

/** A readable message from an API error body. */
export function problem(result) {
  const e = result.body && result.body.error
  if (e) return `${e.code}: ${e.message}`
  if (result.body && result.body.message) return `${result.status} ${result.body.message}`
  return `The payments API answered ${result.status}.`
}

/** Creates an element with text content and attributes. */
export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag)
  if (text !== undefined && text !== null) node.textContent = text
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v)
  return node
}

const RECENT = 'opfunctions-demo-recent-checkouts'

/** Remembers a checkout this browser started (for the history page). */
export function remember(checkout) {
  const list = recent().filter((c) => c.id !== checkout.id)
  list.unshift({ id: checkout.id, orderId: checkout.orderId, at: new Date().toISOString() })
  localStorage.setItem(RECENT, JSON.stringify(list.slice(0, 20)))
}

export function recent() {
  try { return JSON.parse(localStorage.getItem(RECENT) || '[]') } catch { return [] }
}

/** States after which a checkout never changes. */
export const TERMINAL = ['completed', 'failed', 'rejected', 'expired', 'cancelled']

export const STATUS_TEXT = {
  awaiting_consent: 'Waiting for your approval at your wallet',
  consent_granted: 'Approved — sending the payment',
  paying: 'Paying',
  payment_unconfirmed: 'Paying — your wallet has not confirmed the payment yet',
  active: 'Installment plan active',
  past_due: 'An installment is past due',
  needs_review: 'The shop is checking this payment',
  completed: 'Payment completed',
  failed: 'Payment failed',
  rejected: 'You declined the payment at your wallet',
  expired: 'The approval window expired',
  cancelled: 'Cancelled'
}
