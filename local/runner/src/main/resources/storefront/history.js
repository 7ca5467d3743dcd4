// The history page: a customer's checkouts (GET /history/payments) and what the shop's wallet
// received (GET /history/received), a page at a time (each route answers a nextCursor for the next).
import { loadConfig, api, money, problem, el, STATUS_TEXT } from '/shop.js'

function fail(id, result) {
  const box = document.getElementById(id)
  box.className = 'message error'
  box.textContent = problem(result)
}

/**
 * Shows one history listing a page at a time: the first page replaces the table's rows, and the
 * "Show more" button (there only while the API answers a nextCursor) appends the next page.
 */
async function showPages({ path, list, table, message, more, columns, empty, row }) {
  document.getElementById(message).textContent = ''
  const body = document.querySelector(`#${table} tbody`)
  const button = document.getElementById(more)
  button.hidden = true
  let cursor = null
  async function next(first) {
    button.disabled = true
    const separator = path.includes('?') ? '&' : '?'
    const result = await api(config, 'GET', cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path)
    button.disabled = false
    if (!result.ok) {
      if (first) body.replaceChildren()
      fail(message, result)
      return
    }
    const rows = result.body[list].map(row)
    if (first) body.replaceChildren(...(rows.length ? rows : [emptyRow(columns, empty)]))
    else body.append(...rows)
    cursor = result.body.nextCursor
    button.hidden = !cursor
  }
  button.onclick = () => next(false)
  await next(true)
}

function showMine(wallet) {
  return showPages({
    path: `/history/payments?customerWalletAddress=${encodeURIComponent(wallet)}`,
    list: 'checkouts',
    table: 'mine',
    message: 'mine-message',
    more: 'mine-more',
    columns: 4,
    empty: 'No checkouts from this wallet yet.',
    row: (c) => {
      const tr = el('tr')
      const link = el('a', c.orderId, { href: `/order.html?checkoutId=${encodeURIComponent(c.id)}` })
      const order = el('td')
      order.append(link)
      tr.append(el('td', new Date(c.createdAt).toLocaleString()), order,
        el('td', STATUS_TEXT[c.status] || c.status), el('td', money(c.amount), { class: 'num' }))
      return tr
    }
  })
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

function showReceived() {
  return showPages({
    path: '/history/received',
    list: 'payments',
    table: 'received',
    message: 'received-message',
    more: 'received-more',
    columns: 5,
    empty: 'Nothing received yet.',
    row: (p) => {
      const tr = el('tr')
      tr.append(el('td', p.createdAt ? new Date(p.createdAt).toLocaleString() : ''), el('td', p.description || ''),
        el('td', RECEIVED_STATE[p.state] || p.state), el('td', money(p.incomingAmount), { class: 'num' }),
        el('td', money(p.receivedAmount), { class: 'num' }))
      return tr
    }
  })
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
  showMine(wallet.value.trim())
})
await Promise.all([wallet.value.trim() ? showMine(wallet.value.trim()) : Promise.resolve(), showReceived()])
