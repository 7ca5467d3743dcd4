// The shop's price list. The shop is paid in its merchant's asset (the asset of the merchant's wallet
// address, which the runner reads and puts in /shop/config.json), so a product needs a price in that
// asset: one number converted through a made-up rate would show USD 1,400.00 for shoes that cost
// MXN 1,400.00, and exchange rates are no business of a demo. Hence a small table of round prices per
// known asset, and for any other asset the USD prices: assets of test wallets are mostly currency-like,
// where tens of units is a plausible price, and the customer's wallet quotes the real cost anyway.
import { minorUnits } from '/shop.js'

/** The products on sale, in the order the shop shows them. */
export const PRODUCTS = {
  shoes: { description: 'Running shoes' },
  mat: { description: 'Yoga mat' },
  bottle: { description: 'Water bottle' }
}

// Decimal strings in the asset's major unit (turned into minor units at the wallet's scale). Roughly
// the same goods at each currency's usual price points: shoes about MXN 1,400 ≈ USD 80.
const PRICES = {
  USD: { shoes: '80.00', mat: '49.90', bottle: '14.50' },
  MXN: { shoes: '1400.00', mat: '890.50', bottle: '250.00' },
  EUR: { shoes: '75.00', mat: '45.90', bottle: '13.50' },
  GBP: { shoes: '65.00', mat: '39.90', bottle: '11.50' },
  CAD: { shoes: '110.00', mat: '67.90', bottle: '19.90' },
  ZAR: { shoes: '1450.00', mat: '899.00', bottle: '260.00' },
  JPY: { shoes: '12000', mat: '7500', bottle: '2200' }
}
const DEFAULT = PRICES.USD

/**
 * The product's price in the merchant's asset ({assetCode, assetScale}) as an Open Payments amount;
 * its value is null when the asset's scale cannot express the price exactly (e.g. 49.90 at scale 0),
 * so the shop never charges a rounded price.
 */
export function priceOf(productId, asset) {
  const decimal = (PRICES[String(asset.assetCode).toUpperCase()] || DEFAULT)[productId]
  if (decimal === undefined) throw new Error(`no such product: ${productId}`)
  const scale = Number(asset.assetScale)
  return { value: minorUnits(decimal, scale), assetCode: asset.assetCode, assetScale: scale }
}
