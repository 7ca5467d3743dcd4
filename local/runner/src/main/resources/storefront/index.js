// The shop page: pick a product, enter a wallet address, choose how to pay, start the checkout and
// follow the consent redirect to the customer's wallet.
import { loadConfig, api, money, problem, remember, consentKey } from '/shop.js'
import { PRODUCTS, priceOf } from '/prices.js'

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
  const id = values.get('product')
  const product = PRODUCTS[id]
  const body = {
    orderId: `demo-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    customerWalletAddress: values.get('wallet').trim(),
    amount: priceOf(id, config.asset),
    description: product.description
  }
  // The payments API takes a plain-http return URL only in local development; otherwise the
  // customer approves in a new tab and this shop follows the order on its order page.
  if (config.returnToShop) body.returnUrl = `${location.origin}/order.html`
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
  if (!config || !config.asset) return
  const values = new FormData(form)
  if (!wallet.checkValidity() || !wallet.value.trim()) {
    show(config.customerWalletAddress ? 'Enter your wallet address, e.g. ' + config.customerWalletAddress
      : 'Enter your wallet address (https://… or $…)')
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
    if (config.returnToShop) {
      location.assign(result.body.redirectUrl)
    } else {
      sessionStorage.setItem(consentKey(result.body.id), result.body.redirectUrl)
      location.assign(`/order.html?checkoutId=${encodeURIComponent(result.body.id)}`)
    }
  } catch (e) {
    show(`Could not reach the shop: ${e.message}`)
    pay.disabled = false
  }
})

/** Shows the prices in the merchant's asset; a product the asset's scale cannot express exactly cannot be chosen. */
function showPrices() {
  for (const id of Object.keys(PRODUCTS)) {
    const label = document.querySelector(`.price[data-product="${id}"]`)
    const input = document.querySelector(`input[name="product"][value="${id}"]`)
    const amount = priceOf(id, config.asset)
    label.textContent = amount.value === null ? 'not priceable in ' + amount.assetCode : money(amount)
    input.disabled = amount.value === null
  }
}

try {
  config = await loadConfig()
  document.getElementById('wallets').textContent = 'This shop uses ' + config.walletsDescription + '.'
  document.getElementById('footer').textContent = config.wallets === 'sandbox'
    ? 'Local demo: no real money moves. Balances live in the wallet sandbox.'
    : 'Local runner with real wallets: payments move whatever your wallets hold (test wallets hold play money).'
  if (config.customerWalletAddress) {
    wallet.value = config.customerWalletAddress
    document.getElementById('wallet-hint').textContent = 'Sandbox wallets you can use: '
      + [config.customerWalletAddress, ...config.otherCustomerWalletAddresses].join(', ')
  } else {
    wallet.placeholder = 'https://wallet.example/alice or $wallet.example/alice'
    document.getElementById('wallet-hint').textContent = 'Any Open Payments wallet address whose wallet can pay '
      + (config.asset ? config.asset.assetCode : 'the merchant') + ' (the wallet\'s fees are added to what it charges you).'
  }
  if (!config.marketplaceWalletAddress) {
    const split = document.getElementById('split')
    split.disabled = true
    document.getElementById('split-hint').textContent = 'Needs the marketplace\'s wallet, which only the sandbox has.'
  }
  if (config.walletsProblem) {
    show(config.walletsProblem + ' (reload the page to try again)')
    pay.disabled = true
  } else {
    showPrices()
  }
} catch (e) {
  show(e.message)
  pay.disabled = true
}
