import { checkResponse, documentedExample, findOperation, checkRequest } from '../test/support/github-openapi.ts';
const t = Date.now();
const cases: [string, string, number][] = [
  ['post', '/app/installations/1/access_tokens', 201],
  ['get', '/repos/o/r/contents/.github%2Fgomod-steward.yml', 200],
  ['post', '/repos/o/r/check-runs', 201],
  ['get', '/app/installations', 200],
  ['get', '/installation/repositories', 200],
  ['get', '/repos/o/r', 200],
  ['get', '/repos/o/r/git/ref/heads%2Fmain', 200],
];
for (const [m, p, s] of cases) {
  const f = findOperation(m, p);
  let ex; try { ex = documentedExample(m, p, s); } catch (e) { console.log('noex', (e as Error).message); continue; }
  console.log(m, p, f?.template, f?.operation.operationId, JSON.stringify(ex).length, checkResponse(m, p, s, ex).slice(0, 5));
}
console.log(checkResponse('get', '/repos/o/r/contents/x', 404, { message: 'Not Found', documentation_url: 'x' }));
console.log(checkResponse('get', '/repos/o/r/frobnicate', 200, {}));
console.log(checkRequest('post', '/repos/o/r/check-runs', { head_sha: 'x', status: 'done' }));
console.log(checkRequest('get', '/repos/o/r/contents/x?ref=abc&bogus=1', undefined));
console.log(Date.now() - t, 'ms');
