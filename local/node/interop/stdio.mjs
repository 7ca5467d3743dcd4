// Shared plumbing for the interop scripts: one JSON document in on stdin, one JSON document out on stdout.
export async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function writeOutput(value) {
  process.stdout.write(JSON.stringify(value));
}

/** Runs handler(case) for every case, turning a thrown error into {error} so one bad case cannot hide the rest. */
export async function runCases(handler) {
  const input = await readInput();
  const results = [];
  for (const c of input.cases) {
    try {
      results.push({ id: c.id, ...(await handler(c)) });
    } catch (e) {
      results.push({ id: c.id, error: String(e && e.stack || e) });
    }
  }
  writeOutput({ node: process.version, results });
}
