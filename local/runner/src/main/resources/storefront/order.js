// The return page: the wallet sends the customer back with ?checkoutId=…&outcome=…; this page
// follows GET /checkouts/{id} until the checkout reaches a final state.
import { loadConfig, api, money, problem, el, consentKey, TERMINAL, STATUS_TEXT } from '/shop.js'

const params = new URLSearchParams(location.search)
const id = params.get('checkoutId') || params.get('checkout')
const status = document.getElementById('status')
const message = document.getElementById('message')
const POLL_MS = 1000

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

function render(c) {
  showConsentLink(c)
  status.dataset.state = c.status
  status.textContent = STATUS_TEXT[c.status] || c.status
  const facts = document.getElementById('facts')
  facts.replaceChildren()
  const rows = [
    ['Order', c.orderId], ['Checkout', c.id], ['Item', c.description], ['Amount', money(c.amount)],
    ['Charged to your wallet', money(c.debitedAmount)], ['From', c.customerWalletAddress],
    ['Started', c.createdAt && new Date(c.createdAt).toLocaleString()],
    ['Finished', c.finishedAt && new Date(c.finishedAt).toLocaleString()]
  ]
  if (c.failure) rows.push(['Reason', `${c.failure.code}: ${c.failure.message}`])
  for (const [k, v] of rows) if (v) facts.append(el('dt', k), el('dd', v))

  const body = document.querySelector('#payees tbody')
  body.replaceChildren(...(c.payees || []).map((p) => {
    const tr = el('tr')
    tr.append(el('td', p.walletAddress), el('td', p.status + (p.failure ? ` (${p.failure.message})` : '')),
      el('td', money(p.amount), { class: 'num' }), el('td', money(p.receivedAmount), { class: 'num' }))
    return tr
  }))
  document.getElementById('events').replaceChildren(...(c.history || []).map((e) =>
    el('li', `${new Date(e.at).toLocaleTimeString()} — ${e.type}${e.detail ? ': ' + e.detail : ''} (${e.status})`)))
}

async function follow(config) {
  for (;;) {
    const result = await api(config, 'GET', `/checkouts/${encodeURIComponent(id)}`)
    if (!result.ok) {
      status.dataset.state = 'failed'
      status.textContent = 'Cannot show this order'
      message.className = 'message error'
      message.textContent = problem(result)
      return
    }
    render(result.body)
    if (TERMINAL.includes(result.body.status)) return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
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
