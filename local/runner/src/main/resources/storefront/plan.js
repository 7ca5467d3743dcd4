// An installment plan on the order page: a headline in words ("4 payments of MXN 350.00, every month;
// next on 5 January 2027") and the schedule, one row per installment with its due date, status, amount
// and fee, all as GET /checkouts/{id} reports them in `installments`.
import { money, el } from '/shop.js'

const UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day', H: 'hour', S: 'second' }

/** "every month", "every 2 weeks", "every 30 minutes" for an ISO 8601 duration of one unit; else the duration. */
export function everyPeriod(period) {
  const m = /^P(?:(\d+)([YMWD]))?(?:T(\d+)([HMS]))?$/.exec(period || '')
  if (!m || (m[1] && m[3])) return `every ${period}`
  const [count, unit] = m[1] ? [Number(m[1]), UNITS[m[2]]] : [Number(m[3]), m[4] === 'M' ? 'minute' : UNITS[m[4]]]
  return count === 1 ? `every ${unit}` : `every ${count} ${unit}s`
}

/** "5 January 2027". */
export function longDate(iso) {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
}

const STILL_TO_PAY = ['scheduled', 'due', 'processing', 'retrying', 'past_due']

const INSTALLMENT_TEXT = {
  scheduled: 'Scheduled',
  due: 'Due',
  processing: 'Paying',
  retrying: 'Will be tried again',
  past_due: 'Past due',
  paid: 'Paid',
  failed: 'Failed',
  cancelled: 'Cancelled'
}

/** The plan in one sentence: how many payments of how much, how often, and when the next one is. */
export function headline(c) {
  const plan = c.installments
  const amounts = plan.schedule.map((i) => money(i.amount))
  const same = amounts.every((a) => a === amounts[0])
  const each = same ? `${plan.count} payments of ${amounts[0]}` : `${plan.count} payments of ${amounts[0]} to ${amounts[amounts.length - 1]}`
  const next = plan.schedule.find((i) => STILL_TO_PAY.includes(i.status))
  let when
  if (c.status === 'completed') when = 'all paid'
  else if (['failed', 'rejected', 'expired', 'cancelled'].includes(c.status)) when = `${plan.paid} paid, the rest will not be charged`
  else if (!next) when = 'all paid'
  else if (c.status === 'awaiting_consent' && next.number === 1 && plan.firstAtConsent) when = 'the first once you approve'
  else when = `next on ${longDate(plan.nextDueAt || next.dueAt)}`
  return `${each}, ${everyPeriod(plan.period)}; ${when}`
}

function statusText(i) {
  const text = INSTALLMENT_TEXT[i.status] || i.status
  if (i.status === 'paid' && i.paidAt) return `${text} on ${longDate(i.paidAt)}`
  if (i.status === 'retrying' && i.retryAt) return `${text} on ${longDate(i.retryAt)}`
  return text
}

/** Fills the order page's plan section from the checkout, or hides it for a one-time payment. */
export function showPlan(c) {
  const section = document.getElementById('plan')
  section.hidden = !c.installments
  if (!c.installments) return
  document.getElementById('plan-headline').textContent = headline(c)
  document.querySelector('#schedule tbody').replaceChildren(...c.installments.schedule.map((i) => {
    const tr = el('tr', undefined, { 'data-number': i.number, 'data-status': i.status })
    const due = el('td', undefined, { 'data-col': 'due' })
    due.append(el('time', longDate(i.dueAt), { datetime: i.dueAt }))
    const fee = el('td', undefined, { class: 'num', 'data-col': 'fee' })
    if (i.feeAmount) fee.append(el('data', money(i.feeAmount), { value: i.feeAmount.value }))
    else fee.textContent = i.status === 'paid' ? 'not reported' : 'once paid'
    tr.append(el('th', String(i.number), { scope: 'row' }), due, el('td', statusText(i), { 'data-col': 'status' }),
      el('td', money(i.amount), { class: 'num', 'data-col': 'amount' }), fee)
    return tr
  }))
}
