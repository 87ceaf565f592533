/**
 * The GitHub mock harness must be able to say no: an endpoint GitHub does not have, a reply
 * missing a required field or of the wrong type, an undocumented status, a request body missing
 * what the API requires or carrying fields it forbids, an undocumented query parameter. And it
 * must say yes to a real exchange, or it would be useless.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { checkRequest, checkResponse, checkSchema, documentedExample, mockGitHub } from '../support/github-openapi.js';

function client() {
  return new ProbotOctokit({ auth: { token: 'ghs_harness' }, throttle: { enabled: false }, retry: { enabled: false } });
}

afterEach(() => {
  nock.cleanAll();
});

describe('GitHub OpenAPI checks', () => {
  it('refuses to mock an endpoint GitHub does not have', () => {
    const gh = mockGitHub();
    expect(() => gh.get('/repos/o/r/frobnicate').reply(200, {})).toThrow(/not in GitHub's OpenAPI description/);
    expect(() => gh.post('/repos/o/r').reply(201, {})).toThrow(/not in GitHub's OpenAPI description/);
  });

  it('refuses a reply missing a required field, of the wrong type, or with an undocumented status', () => {
    const gh = mockGitHub();
    const token = documentedExample('post', '/app/installations/1/access_tokens', 201) as Record<string, unknown>;
    const { expires_at: _dropped, ...missing } = token;
    expect(() => gh.post('/app/installations/1/access_tokens').reply(201, missing)).toThrow(
      /missing required field "expires_at"/,
    );
    expect(() => gh.post('/app/installations/1/access_tokens').reply(201, { ...token, token: 42 })).toThrow(
      /body\.token: expected string, found integer 42/,
    );
    expect(() =>
      gh.post('/app/installations/1/access_tokens').reply(201, { ...token, repository_selection: 'some' }),
    ).toThrow(/"some" is not one of \["all","selected"\]/);
    expect(() => gh.get('/repos/o/r/contents/README.md').reply(409, { message: 'boom' })).toThrow(
      /status not documented/,
    );
    // Nested: a check run whose app lost its required id.
    const run = documentedExample('post', '/repos/o/r/check-runs', 201) as { app: Record<string, unknown> };
    expect(() => gh.post('/repos/o/r/check-runs').reply(201, { ...run, app: { ...run.app, id: undefined } })).toThrow(
      /body\.app.*missing required field "id"/,
    );
  });

  it('answers a request that breaks the description with 400 and reports it in done()', async () => {
    const gh = mockGitHub();
    gh.post('/repos/o/r/check-runs').reply(201, documentedExample('post', '/repos/o/r/check-runs', 201));
    const octokit = client();
    const call = octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner: 'o',
      repo: 'r',
      head_sha: 'abc',
      status: 'done',
    } as never);
    await expect(call).rejects.toMatchObject({ status: 400 });
    expect(() => gh.done()).toThrow(/missing required field "name"[\s\S]*"done" is not one of/);
  });

  it('flags undocumented query parameters and forbidden body fields', () => {
    expect(checkRequest('get', '/repos/o/r/contents/x?ref=main&colour=blue', undefined)).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}: undocumented query parameter "colour"',
    ]);
    expect(checkRequest('get', '/installation/repositories', undefined)).toEqual([]);
    expect(checkRequest('patch', '/repos/o/r/code-quality/setup', { state: 'configured', colour: 'blue' })).toEqual([
      'PATCH /repos/{owner}/{repo}/code-quality/setup: request: unknown field "colour" (the description allows no other fields)',
    ]);
    expect(checkRequest('get', '/repos/o/r', { unexpected: true })).toEqual([
      'GET /repos/{owner}/{repo}: takes no request body',
    ]);
  });

  it('accepts a real exchange, through Octokit, end to end', async () => {
    const gh = mockGitHub();
    const file = documentedExample('get', '/repos/o/r/contents/go.mod', 200) as Record<string, unknown>;
    gh.get('/repos/o/r/contents/go.mod', { ref: 'main' }).reply(200, {
      ...file,
      content: Buffer.from('module x\n').toString('base64'),
    });
    const { data } = await client().rest.repos.getContent({ owner: 'o', repo: 'r', path: 'go.mod', ref: 'main' });
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('module x\n');
    gh.done();
    expect(gh.requests).toHaveLength(1);
  });

  it('reports a mock that was never requested', () => {
    const gh = mockGitHub();
    gh.get('/repos/o/r').reply(404, { message: 'Not Found', documentation_url: 'x' });
    expect(() => gh.done()).toThrow(/not requested: GET https:\/\/api\.github\.com:443\/repos\/o\/r/);
  });

  it('the schema checker handles nullable, enum, items, allOf, anyOf and oneOf', () => {
    const schema = {
      type: 'object',
      required: ['id', 'kind'],
      properties: {
        id: { type: 'integer' },
        kind: { type: 'string', enum: ['a', 'b'] },
        note: { type: 'string', nullable: true },
        tags: { type: 'array', items: { type: 'string' } },
        owner: {
          anyOf: [
            { type: 'object', required: ['login'] },
            { type: 'object', required: ['slug'] },
          ],
        },
        extra: {
          allOf: [
            { type: 'object', required: ['x'] },
            { type: 'object', required: ['y'] },
          ],
        },
        either: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
      },
    };
    expect(
      checkSchema(schema, {
        id: 1,
        kind: 'a',
        note: null,
        tags: ['t'],
        owner: { slug: 's' },
        extra: { x: 1, y: 2 },
        either: 'z',
      }),
    ).toEqual([]);
    expect(
      checkSchema(schema, {
        id: 1.5,
        kind: 'c',
        note: 3,
        tags: [1],
        owner: { name: 'n' },
        extra: { x: 1 },
        either: true,
      }),
    ).toEqual([
      '$.id: expected integer, found number',
      '$.kind: "c" is not one of ["a","b"]',
      '$.note: expected string, found integer 3',
      '$.tags[0]: expected string, found integer 1',
      '$.owner: fits none of the 2 anyOf alternatives (closest: $.owner: missing required field "login")',
      '$.extra: missing required field "y"',
      '$.either: fits none of the 2 oneOf alternatives (closest: $.either: expected integer, found boolean)',
    ]);
    expect(checkSchema(schema, { kind: 'a' })).toEqual(['$: missing required field "id"']);
  });

  it('documented statuses and bodies of the endpoints the app calls check clean', () => {
    expect(
      checkResponse('get', '/repos/o/r/contents/.github%2Fgomod-steward.yml', 404, {
        message: 'Not Found',
        documentation_url: 'x',
      }),
    ).toEqual([]);
    expect(
      checkResponse(
        'get',
        '/installation/repositories',
        200,
        documentedExample('get', '/installation/repositories', 200),
      ),
    ).toEqual([]);
    expect(
      checkResponse(
        'get',
        '/repos/o/r/git/ref/heads%2Fmain',
        200,
        documentedExample('get', '/repos/o/r/git/ref/heads%2Fmain', 200),
      ),
    ).toEqual([]);
  });
});
