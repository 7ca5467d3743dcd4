// What JSON.stringify writes, for the Java Json exactness tests.
// Case kinds:
//   {kind:"string", units:[utf16 code units]}   -> JSON.stringify(string)
//   {kind:"reserialise", text:"<json text>"}    -> JSON.stringify(JSON.parse(text)), as Rafiki hashes a body
// The output is base64 of the UTF-8 bytes, so the comparison is byte for byte.
import { runCases } from './stdio.mjs';

const utf8Base64 = (s) => Buffer.from(s, 'utf8').toString('base64');

await runCases((c) => {
  switch (c.kind) {
    case 'string':
      return { out: utf8Base64(JSON.stringify(String.fromCharCode(...c.units))) };
    case 'reserialise':
      return { out: utf8Base64(JSON.stringify(JSON.parse(c.text))) };
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
});
