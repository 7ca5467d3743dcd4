// The order page's "What happened" list in a shopper's words. The API's history names each step for
// the people who run the payments (leg-creating, grant-continuing, …); a shopper cannot read those, so
// each gets a sentence here; the technical names stay on the item (its tooltip) and in a details toggle.

// Leg keys read "i<installment>p<payee>" (both from 0); the detail of a payment's step starts with one.
const LEG = /^i(\d+)p(\d+)\b/
// The last payment's part of a completion's detail.
const COMPLETING = /; (i\d+p\d+\b.*)$/

/** Who a payment goes to, as the shopper knows them: the shop and the marketplace by role. */
function payeeName(walletAddress, config) {
  if (walletAddress === config.merchantWalletAddress) return 'the shop'
  if (walletAddress === config.marketplaceWalletAddress) return 'the marketplace'
  return walletAddress || 'the payee'
}

/** The payment (leg) a step is about: whom it pays, and "(installment n)" in a plan. */
function payment(event, checkout, config) {
  const m = LEG.exec(event.detail || '')
  if (!m) return { to: 'the payee', of: '' }
  const leg = (checkout.payees || []).find((p) => p.leg === m[0])
  return {
    to: payeeName(leg && leg.walletAddress, config),
    of: checkout.installments ? ` (installment ${Number(m[1]) + 1})` : ''
  }
}

/** "installment 2" from a plan step's detail ("installment 2: …"). */
function installment(event) {
  const m = /^installment (\d+)/.exec(event.detail || '')
  return m ? `installment ${m[1]}` : 'an installment'
}

// One sentence per event type; a function when the sentence names a payee or an installment.
const SAY = {
  'checkout-created': 'Waiting for your approval',
  'consent-granted': 'Your wallet approved the payment',
  'consent-rejected': 'You declined the payment at your wallet',
  'consent-expired': 'The time to approve ran out',
  'consent-requested-again': 'Your wallet needs your approval once more',
  'grant-continuing': 'Asking your wallet to go ahead',
  'grant-continued': 'Your wallet is ready to pay',
  'grant-continue-failed': 'Your wallet did not answer; trying again',
  'grant-too-fast': 'Your wallet asked us to wait a moment',
  'grant-cancelled': 'The shop gave up its permission to charge your wallet',
  'token-rotated': 'Renewed the permission to charge your wallet',
  'leg-creating': (p) => `Paying ${p.to}${p.of}…`,
  'leg-create-failed': (p) => `Your wallet could not start the payment to ${p.to}${p.of}`,
  'leg-requoted': (p) => `Your wallet priced the payment to ${p.to} again${p.of}`,
  'leg-sent': (p) => `Your wallet sent the payment to ${p.to}${p.of}`,
  'leg-progress': (p) => `Money is arriving at ${p.to}${p.of}`,
  'leg-completed': (p) => `Payment received by ${p.to}${p.of}`,
  'leg-failed': (p) => `The payment to ${p.to} failed${p.of}`,
  'payment-unconfirmed': 'Waiting for your wallet to confirm the payment',
  'recheck-scheduled': 'Checking with your wallet again shortly',
  'sweep-resumed': 'Picked up your order again after a delay',
  'checkout-completed': 'Payment completed',
  'checkout-failed': 'Payment failed',
  'checkout-cancelled': 'Order cancelled',
  'incoming-payments-closed': 'The shop stopped waiting for this payment',
  'installment-preparing': (p, e) => `Preparing ${installment(e)}`,
  'installment-prepared': (p, e) => `Ready to charge ${installment(e)}`,
  'installment-handed-over': (p, e) => `Charging ${installment(e)}`,
  'installment-paid': 'Installment paid',
  'installment-attempt-failed': 'An installment could not be charged; trying again later',
  'installment-past-due': 'An installment is past due',
  'plan-wake-corrected': 'Rescheduled the next installment',
  'plan-completed': 'All installments paid',
  'plan-failed': 'The installment plan failed'
}

/**
 * The list's items: {at, text, technical: ["type: detail (status)", …]}, oldest first. A type this page does not
 * know yet reads "Your order was updated" rather than its name; consecutive repeats of one sentence
 * (a payment's progress reported several times) show once.
 */
export function happened(checkout, config) {
  const items = []
  const add = (at, text, technical) => {
    const last = items[items.length - 1]
    if (last && last.text === text) last.technical.push(technical)
    else items.push({ at, text, technical: [technical] })
  }
  for (const event of checkout.history || []) {
    const technical = `${event.type}${event.detail ? ': ' + event.detail : ''} (${event.status})`
    // A purchase's last payment arriving and the purchase completing are one stored step, whose detail
    // ends with that payment's ("all 2 payments arrived; i0p1: received …"): the shopper sees both.
    const lastPayment = event.type === 'checkout-completed' && COMPLETING.exec(event.detail || '')
    if (lastPayment) add(event.at, SAY['leg-completed'](payment({ detail: lastPayment[1] }, checkout, config)), technical)
    const say = SAY[event.type]
    const text = typeof say === 'function' ? say(payment(event, checkout, config), event)
      : say || 'Your order was updated'
    add(event.at, text, technical)
  }
  return items
}
