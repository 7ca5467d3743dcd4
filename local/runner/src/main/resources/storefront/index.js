// The shop page: pick a product, enter a wallet address, choose how to pay, start the checkout and
// follow the consent redirect to the customer's wallet.
import { loadConfig, api, problem, remember } from '/shop.js'

const PRODUCTS = {
  shoes: { description: 'Running shoes', value: '140000' },
  mat: { description: 'Yoga mat', value: '89050' },
  bottle: { description: 'Water bottle', value: '25000' }
}

const form = document.getElementById('checkout')
const message = document.getElementById('message')
const pay = document.getElementById('pay')
const wallet = document.getElementById('wallet')
let config

function show(text, kind = 'error') {
  message.className = `message ${kind}`
  message.textContent = text
}

/** The POST /checkouts body for the form's choices. */
function order(values) {
  const product = PRODUCTS[values.get('product')]
  const body = {
    orderId: `demo-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    customerWalletAddress: values.get('wallet').trim(),
    amount: { value: product.value, assetCode: 'MXN', assetScale: 2 },
    description: product.description,
    returnUrl: `${location.origin}/order.html`
  }
  const mode = values.get('mode')
  if (mode === 'split') {
    body.payees = [
      { walletAddress: config.merchantWalletAddress, share: 95 },
      { walletAddress: config.marketplaceWalletAddress, share: 5 }
    ]
  } else if (mode === 'installments') {
    // The first installment is charged at consent; the rest follow every period (ISO 8601 duration).
    body.installments = { count: Number(values.get('count')), period: values.get('period'), firstAtConsent: true }
  }
  return body
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  if (!config) return
  const values = new FormData(form)
  if (!wallet.checkValidity() || !wallet.value.trim()) {
    show('Enter your wallet address, e.g. ' + config.customerWalletAddress)
    wallet.focus()
    return
  }
  pay.disabled = true
  show('Asking your wallet for approval…', 'info')
  try {
    const result = await api(config, 'POST', '/checkouts', order(values))
    if (!result.ok || !result.body || !result.body.redirectUrl) {
      show(result.ok ? 'The checkout was created but has no approval link.' : problem(result))
      pay.disabled = false
      return
    }
    remember(result.body)
    location.assign(result.body.redirectUrl)
  } catch (e) {
    show(`Could not reach the shop: ${e.message}`)
    pay.disabled = false
  }
})

try {
  config = await loadConfig()
  wallet.value = config.customerWalletAddress
  document.getElementById('wallet-hint').textContent = 'Sandbox wallets you can use: '
    + [config.customerWalletAddress, ...config.otherCustomerWalletAddresses].join(', ')
} catch (e) {
  show(e.message)
  pay.disabled = true
}
