// Times @interledger/http-signature-utils on the request the Java benchmark uses (bin/bench-signatures).
// JSON lines on stdin and stdout, so that the Java side can interleave Node and Java rounds and both see
// the same machine load:
//   first line: {privateKeyPem, keyId, jwk, request:{method,url,authorization,body}, grantUrl}; answer {node}
//   then:       {op:"sign"|"verify"|"grant", ms}; answer {opsPerSec} for one timed round of that length
import crypto from 'node:crypto';
import hsu from '@interledger/http-signature-utils';
import readline from 'node:readline';

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const input = JSON.parse((await lines.next()).value);
const answer = (value) => process.stdout.write(JSON.stringify(value) + '\n');
const privateKey = crypto.createPrivateKey(input.privateKeyPem);
const { method, url, authorization, body } = input.request;

const sign = () => hsu.createHeaders({
  request: { method, url, headers: { Authorization: authorization }, body },
  privateKey,
  keyId: input.keyId
});

// The request as Rafiki hands it to validateSignature: lower-case headers, body re-serialised once.
const signed = await sign();
const received = {
  method,
  url,
  headers: Object.fromEntries(Object.entries({ ...signed, Authorization: authorization }).map(([k, v]) => [k.toLowerCase(), v])),
  body: JSON.stringify(JSON.parse(body))
};
const verify = async () => {
  if (!(await hsu.validateSignature(input.jwk, received))) throw new Error('benchmark request does not verify');
};

let nonce = 0;
const buildAndSignGrant = () => {
  nonce++;
  const grant = {
    access_token: {
      access: [{
        type: 'outgoing-payment',
        actions: ['create', 'read'],
        identifier: 'https://ilp.example.com/alice',
        limits: {
          debitAmount: { value: '1999', assetCode: 'EUR', assetScale: 2 },
          receiver: 'https://ilp.example.com/tenant1/incoming-payments/9',
          interval: 'R11/2025-01-01T00:00:00Z/P1M'
        }
      }]
    },
    client: 'https://shop.example/pay',
    interact: { start: ['redirect'], finish: { method: 'redirect', uri: 'https://shop.example/finish?checkout=42', nonce: `nonce-${nonce}` } }
  };
  return hsu.createHeaders({ request: { method: 'POST', url: input.grantUrl, headers: {}, body: JSON.stringify(grant) }, privateKey, keyId: input.keyId });
};

async function round(op, ms) {
  let n = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) await op();
    n += 100;
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}

const ops = { sign, verify, grant: buildAndSignGrant };
answer({ node: process.version });
for (let line = await lines.next(); !line.done; line = await lines.next()) {
  const command = JSON.parse(line.value);
  answer({ opsPerSec: await round(ops[command.op], command.ms) });
}
