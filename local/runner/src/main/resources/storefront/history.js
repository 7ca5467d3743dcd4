// The history page: a customer's checkouts (GET /history/payments) and what the shop's wallet
// received (GET /history/received).
import { loadConfig, api, money, problem, el, STATUS_TEXT } from '/shop.js'

function fail(id, result) {
  const box = document.getElementById(id)
  box.className = 'message error'
  box.textContent = problem(result)
}

async function showMine(config, wallet) {
  document.getElementById('mine-message').textContent = ''
  const result = await api(config, 'GET', `/history/payments?customerWalletAddress=${encodeURIComponent(wallet)}`)
  const body = document.querySelector('#mine tbody')
  if (!result.ok) { body.replaceChildren(); fail('mine-message', result); return }
  const rows = result.body.checkouts.map((c) => {
    const tr = el('tr')
    const link = el('a', c.orderId, { href: `/order.html?checkoutId=${encodeURIComponent(c.id)}` })
    const order = el('td')
    order.append(link)
    tr.append(el('td', new Date(c.createdAt).toLocaleString()), order,
      el('td', STATUS_TEXT[c.status] || c.status), el('td', money(c.amount), { class: 'num' }))
    return tr
  })
  body.replaceChildren(...(rows.length ? rows : [emptyRow(4, 'No checkouts from this wallet yet.')]))
}

/**
 * The API's reading of each incoming payment. Not the wallet's `completed`: Open Payments completes an
 * incoming payment to close it, so the shop's own closed, unpaid ones are `completed` too.
 */
const RECEIVED_STATE = {
  paid: 'Paid',
  open: 'Waiting for payment',
  closed_unpaid: 'Closed unpaid (checkout ended)',
  expired: 'Expired unpaid'
}

async function showReceived(config) {
  const result = await api(config, 'GET', '/history/received')
  const body = document.querySelector('#received tbody')
  if (!result.ok) { fail('received-message', result); return }
  const rows = result.body.payments.map((p) => {
    const tr = el('tr')
    tr.append(el('td', p.createdAt ? new Date(p.createdAt).toLocaleString() : ''), el('td', p.description || ''),
      el('td', RECEIVED_STATE[p.state] || p.state), el('td', money(p.incomingAmount), { class: 'num' }),
      el('td', money(p.receivedAmount), { class: 'num' }))
    return tr
  })
  body.replaceChildren(...(rows.length ? rows : [emptyRow(5, 'Nothing received yet.')]))
}

function emptyRow(columns, text) {
  const tr = el('tr')
  tr.append(el('td', text, { colspan: String(columns) }))
  return tr
}

const config = await loadConfig()
const wallet = document.getElementById('wallet')
wallet.value = new URLSearchParams(location.search).get('wallet') || config.customerWalletAddress || ''
document.getElementById('lookup').addEventListener('submit', (event) => {
  event.preventDefault()
  showMine(config, wallet.value.trim())
})
await Promise.all([wallet.value.trim() ? showMine(config, wallet.value.trim()) : Promise.resolve(), showReceived(config)])
