// The WebAssembly side of conformance/hostile/run: each case through
// Iameval.decideJson (JSON text) and, unless jsonOnly, through
// PolicySet.decide (a request object: the packed path, or JSON where it
// falls back). Prints {id: {"wasm decideJson": outcome, ...}}.

import { readFileSync } from 'node:fs';
import { RequestError, load } from '../../wasm/index.js';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const iam = await load();

function outcomeOf(answer) {
  if (answer.decision !== null && answer.error === null) return { decision: answer.decision };
  return { error: answer.error, message: answer.message };
}

const out = {};
for (const c of cases) {
  const results = {};
  results['wasm decideJson'] = outcomeOf(JSON.parse(iam.decideJson(c.line)));
  if (!c.jsonOnly) {
    const set = iam.compile(c.policies);
    try {
      // The request text parsed by JavaScript: a key given twice ignoring
      // case stays twice (they are different strings).
      const answer = set.decide(JSON.parse(c.request));
      results['wasm PolicySet.decide'] = answer.error
        ? { error: answer.error, message: answer.message }
        : { decision: answer.decision };
    } catch (e) {
      if (!(e instanceof RequestError)) throw e;
      results['wasm PolicySet.decide'] = { error: 'invalid-request', message: e.message };
    } finally {
      set.free();
    }
  }
  out[c.id] = results;
}
process.stdout.write(JSON.stringify(out));
