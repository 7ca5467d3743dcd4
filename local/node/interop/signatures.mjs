// Signs and verifies with @interledger/http-signature-utils, for the Java interop tests.
// Case ops:
//   {op:"sign", privateKeyPem, keyId, request:{method,url,headers,body?}}  -> {headers} from createHeaders
//   {op:"verify", jwk, request:{method,url,headers,body?}}                 -> {headersValid, signatureValid},
//        checked the way Rafiki's middleware does: lower-case header names, body = JSON.stringify(parsed body)
//   {op:"jwk", privateKeyPem, keyId}                                        -> {jwk} from generateJwk
//   {op:"loadBase64", base64Pem, keyId}                                     -> {jwk} of loadBase64Key's key
//   {op:"generate", keyId}                                                  -> {privateKeyPem, jwk} of a Node key
import crypto from 'node:crypto';
import hsu from '@interledger/http-signature-utils';
import { runCases } from './stdio.mjs';

function rafikiView(request) {
  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  // koa-bodyparser leaves {} when there is no body; Rafiki then verifies JSON.stringify(ctx.request.body).
  const parsed = request.body ? JSON.parse(request.body) : {};
  return { method: request.method, url: request.url, headers, body: JSON.stringify(parsed) };
}

await runCases(async (c) => {
  switch (c.op) {
    case 'sign': {
      const privateKey = crypto.createPrivateKey(c.privateKeyPem);
      const request = { method: c.request.method, url: c.request.url, headers: { ...c.request.headers } };
      if (c.request.body !== undefined && c.request.body !== null) request.body = c.request.body;
      return { headers: await hsu.createHeaders({ request, privateKey, keyId: c.keyId }) };
    }
    case 'verify': {
      const view = rafikiView(c.request);
      return {
        headersValid: hsu.validateSignatureHeaders(view),
        signatureValid: await hsu.validateSignature(c.jwk, view)
      };
    }
    case 'jwk':
      return { jwk: hsu.generateJwk({ privateKey: crypto.createPrivateKey(c.privateKeyPem), keyId: c.keyId }) };
    case 'loadBase64':
      return { jwk: hsu.generateJwk({ privateKey: hsu.loadBase64Key(c.base64Pem), keyId: c.keyId }) };
    case 'generate': {
      const privateKey = hsu.generateKey();
      return {
        privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
        jwk: hsu.generateJwk({ privateKey, keyId: c.keyId })
      };
    }
    default:
      throw new Error(`unknown op ${c.op}`);
  }
});
