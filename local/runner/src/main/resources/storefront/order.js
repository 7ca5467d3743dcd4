// The return page: the wallet sends the customer back with ?checkoutId=…&outcome=…; this page shows
// GET /checkouts/{id} and reads it again whenever the checkout may have changed (follow.js decides how:
// pushed by the shop's webhooks, else polled) until the checkout reaches a final state.
import { loadConfig, api, money, problem, el, consentKey, TERMINAL, STATUS_TEXT } from '/shop.js'
import { happened } from '/happened.js'
import { followChanges } from '/follow.js'
import { showPlan } from '/plan.js'

const params = new URLSearchParams(location.search)
const id = params.get('checkoutId') || params.get('checkout')
const status = document.getElementById('status')
const message = document.getElementById('message')

/**
 * When the wallet cannot send the customer back here (no return URL), the shop page left the wallet's
 * consent link for this page: offered while the checkout waits for consent.
 */
function showConsentLink(c) {
  const url = sessionStorage.getItem(consentKey(c.id))
  const waiting = c.status === 'awaiting_consent' && url && /^https?:\/\//.test(url)
  document.getElementById('consent').hidden = !waiting
  if (waiting) document.getElementById('consent-link').href = url
  else sessionStorage.removeItem(consentKey(c.id))
}

/** An amount as a <data> element: its text for people, its minor units as the machine-readable value. */
function amountData(amount) {
  return el('data', money(amount), { value: amount.value })
}

/** A fact of the order: a term and its description, the description marked for tests and styles. */
function fact(facts, term, content, name) {
  const dd = el('dd', typeof content === 'string' ? content : undefined, name ? { 'data-fact': name } : {})
  if (typeof content !== 'string') dd.append(...content)
  facts.append(el('dt', term), dd)
}

/**
 * Price, fee, charge and what arrived itemised: the API reports the fee once the wallet lets it be
 * derived (each completed payment's debit minus what it sent), and a split pays one fee per payee,
 * which the shopper could otherwise only work out by subtraction. What the customer's wallet was
 * charged and what the shop received stand side by side: the fee is the difference.
 */
function showAmounts(facts, c) {
  fact(facts, 'Price', [amountData(c.amount)], 'amount')
  const paying = (c.payees || []).filter((p) => p.feeAmount)
  if (c.feeAmount) {
    const note = paying.length > 1 ? [el('span', `one fee for each of the ${paying.length} payments`, { class: 'note' })] : []
    fact(facts, 'Fee', [amountData(c.feeAmount), ...note], 'fee')
  } else {
    fact(facts, 'Fee', TERMINAL.includes(c.status) ? 'not reported by your wallet' : 'known once your wallet has paid', 'fee')
  }
  // A plan's quote covers only the installments prepared so far, which next to the plan's price would mislead.
  if (!c.installments && !TERMINAL.includes(c.status) && c.debitAmount && c.debitAmount.value !== '0') {
    fact(facts, 'Your wallet quoted (fees included)', [amountData(c.debitAmount)], 'quoted')
  }
  fact(facts, 'Charged to your wallet', [amountData(c.debitedAmount)], 'charged')
  if (c.receivedAmount) {
    const wallets = new Set((c.payees || []).map((p) => p.walletAddress))
    const who = wallets.size > 1 ? `Received by the ${wallets.size} payees` : 'Received by the shop'
    fact(facts, who, [amountData(c.receivedAmount)], 'received')
  }
}

function render(c, config) {
  showConsentLink(c)
  status.dataset.state = c.status
  status.textContent = STATUS_TEXT[c.status] || c.status
  const facts = document.getElementById('facts')
  facts.replaceChildren()
  for (const [k, v] of [['Order', c.orderId], ['Checkout', c.id], ['Item', c.description]]) if (v) fact(facts, k, v)
  showAmounts(facts, c)
  const rows = [
    ['From', c.customerWalletAddress],
    ['Started', c.createdAt && new Date(c.createdAt).toLocaleString()],
    ['Finished', c.finishedAt && new Date(c.finishedAt).toLocaleString()]
  ]
  if (c.failure) rows.push(['Reason', `${c.failure.code}: ${c.failure.message}`])
  for (const [k, v] of rows) if (v) fact(facts, k, v)
  showPlan(c)

  const body = document.querySelector('#payees tbody')
  body.replaceChildren(...(c.payees || []).map((p) => {
    const tr = el('tr')
    tr.append(el('td', p.walletAddress), el('td', p.status + (p.failure ? ` (${p.failure.message})` : '')),
      el('td', money(p.amount), { class: 'num' }), el('td', money(p.feeAmount), { class: 'num' }),
      el('td', money(p.receivedAmount), { class: 'num' }))
    return tr
  }))
  const steps = happened(c, config)
  document.getElementById('events-technical').replaceChildren(...steps.flatMap((item) => item.technical)
    .map((technical) => el('li', technical)))
  document.getElementById('events').replaceChildren(...steps.map((item) => {
    const li = el('li', undefined, { title: item.technical.join('\n') })
    li.append(el('time', new Date(item.at).toLocaleTimeString(), { datetime: item.at }), el('span', item.text))
    return li
  }))
}

/** Shows each answer until the checkout is final or cannot be shown; false stops following. */
function show(result, config) {
  if (!result.ok) {
    status.dataset.state = 'failed'
    status.textContent = 'Cannot show this order'
    message.className = 'message error'
    message.textContent = problem(result)
    return false
  }
  render(result.body, config)
  return !TERMINAL.includes(result.body.status)
}

async function follow(config) {
  await followChanges(() => api(config, 'GET', `/checkouts/${encodeURIComponent(id)}`), (r) => show(r, config), {
    // Named in the config only when the shop receives webhooks; else follow.js polls.
    streamUrl: config.orderStream && config.orderStream.replace('{checkoutId}', encodeURIComponent(id)),
    // How the page follows ('push' or 'poll'), on <html data-follow> for the browser tests and the benchmark.
    onMode: (mode) => { document.documentElement.dataset.follow = mode }
  })
}

if (!id) {
  status.textContent = 'No order given'
  message.className = 'message error'
  message.textContent = 'This page needs ?checkoutId=… (the wallet adds it when it sends you back).'
} else {
  if (params.get('outcome') === 'rejected') {
    message.className = 'message info'
    message.textContent = 'Your wallet reports that you declined the payment.'
  }
  try {
    await follow(await loadConfig())
  } catch (e) {
    message.className = 'message error'
    message.textContent = `Lost contact with the shop: ${e.message}`
  }
}
