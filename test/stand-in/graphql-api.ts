/**
 * The stand-in's GraphQL endpoint (`POST /api/graphql`, where GitHub Enterprise Server has it).
 * Every document is parsed and validated against GitHub's published schema
 * (`@octokit/graphql-schema`), so a field, argument or type GitHub does not have is refused as
 * GitHub refuses it: HTTP 200 with `errors` and no `data`. Of the mutations only those the app
 * uses are implemented (`enablePullRequestAutoMerge`, `convertPullRequestToDraft`,
 * `markPullRequestReadyForReview`); any other valid operation is answered with an error and
 * recorded as a violation, so a test cannot pass on a call the stand-in ignores.
 */
import { schema as githubSchema } from '@octokit/graphql-schema';
import {
  buildSchema,
  defaultFieldResolver,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { FakePull, FakeRepo } from './fake-repo.js';

type Json = Record<string, unknown>;

export interface GraphqlReply {
  status: number;
  body: Json;
}

let schema: GraphQLSchema | undefined;

/** Built once per process: the schema is large and never changes. */
function githubGraphqlSchema(): GraphQLSchema {
  schema ??= buildSchema(githubSchema.idl, { assumeValidSDL: true });
  return schema;
}

const MERGE_METHODS = { MERGE: 'merge', SQUASH: 'squash', REBASE: 'rebase' } as const;

export class GraphqlApi {
  constructor(
    /** The repositories the calling installation can see. */
    private readonly reposOf: (installationId: number) => FakeRepo[],
    private readonly botLogin: string,
    private readonly violations: string[],
  ) {}

  async answer(body: unknown, installationId: number): Promise<GraphqlReply> {
    const request = body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (typeof request?.query !== 'string') {
      this.violations.push('GraphQL: the request has no query');
      return {
        status: 400,
        body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' },
      };
    }
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (err) {
      return this.refused([err as GraphQLError]);
    }
    const invalid = validate(githubGraphqlSchema(), document);
    if (invalid.length) return this.refused(invalid);

    const rootValue = {
      enablePullRequestAutoMerge: (args: {
        input: { pullRequestId: string; mergeMethod?: keyof typeof MERGE_METHODS; clientMutationId?: string };
      }) => this.enableAutoMerge(installationId, args.input),
      convertPullRequestToDraft: (args: { input: { pullRequestId: string; clientMutationId?: string } }) =>
        this.setDraft(installationId, args.input, true),
      markPullRequestReadyForReview: (args: { input: { pullRequestId: string; clientMutationId?: string } }) =>
        this.setDraft(installationId, args.input, false),
    };
    const result = await execute({
      schema: githubGraphqlSchema(),
      document,
      rootValue,
      variableValues: (request.variables ?? {}) as Record<string, unknown>,
      ...(typeof request.operationName === 'string' ? { operationName: request.operationName } : {}),
      // Only the root fields need a resolver of ours; a missing one is refused and recorded.
      fieldResolver: (source, args, ctx, info) => {
        const root = info.parentType.name === 'Mutation' || info.parentType.name === 'Query';
        if (root && (source as Record<string, unknown> | undefined)?.[info.fieldName] === undefined) {
          this.violations.push(
            `GraphQL: ${info.parentType.name}.${info.fieldName} is valid at GitHub but not implemented by the stand-in`,
          );
          throw new GraphQLError(`the stand-in does not implement ${info.parentType.name}.${info.fieldName}`);
        }
        return defaultFieldResolver(source, args, ctx, info);
      },
    });
    return {
      status: 200,
      body: {
        data: result.data ?? null,
        ...(result.errors?.length ? { errors: result.errors.map((e) => this.errorJson(e)) } : {}),
      },
    };
  }

  private enableAutoMerge(
    installationId: number,
    input: { pullRequestId: string; mergeMethod?: keyof typeof MERGE_METHODS; clientMutationId?: string },
  ): Json {
    const found = this.pullByNodeId(installationId, input.pullRequestId);
    if (!found)
      throw typedError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.pullRequestId}'`);
    const refusal = found.repo.enableAutoMerge(found.pull, this.botLogin, MERGE_METHODS[input.mergeMethod ?? 'MERGE']);
    if (refusal) throw typedError('UNPROCESSABLE', refusal);
    return {
      clientMutationId: input.clientMutationId ?? null,
      pullRequest: { id: input.pullRequestId, number: found.pull.number, title: found.pull.title, state: 'OPEN' },
    };
  }

  private setDraft(
    installationId: number,
    input: { pullRequestId: string; clientMutationId?: string },
    draft: boolean,
  ): Json {
    const found = this.pullByNodeId(installationId, input.pullRequestId);
    if (!found)
      throw typedError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.pullRequestId}'`);
    if (found.pull.state !== 'open') throw typedError('UNPROCESSABLE', 'Pull request is closed');
    found.pull.draft = draft;
    return {
      clientMutationId: input.clientMutationId ?? null,
      pullRequest: {
        id: input.pullRequestId,
        number: found.pull.number,
        title: found.pull.title,
        state: 'OPEN',
        isDraft: draft,
      },
    };
  }

  private pullByNodeId(installationId: number, nodeId: string): { repo: FakeRepo; pull: FakePull } | undefined {
    for (const repo of this.reposOf(installationId)) {
      const pull = repo.pulls.find((p) => repo.pullNodeId(p) === nodeId);
      if (pull) return { repo, pull };
    }
    return undefined;
  }

  /** GitHub answers a document it cannot run with 200, `errors` and no `data`. */
  private refused(errors: readonly GraphQLError[]): GraphqlReply {
    this.violations.push(...errors.map((e) => `GraphQL refused: ${e.message}`));
    return { status: 200, body: { errors: errors.map((e) => this.errorJson(e)) } };
  }

  private errorJson(e: GraphQLError): Json {
    const type = (e.originalError as { type?: string } | undefined)?.type;
    return {
      ...(type ? { type } : {}),
      ...(e.path ? { path: e.path } : {}),
      ...(e.locations ? { locations: e.locations } : {}),
      message: e.message,
    };
  }
}

function typedError(type: string, message: string): Error {
  return Object.assign(new Error(message), { type });
}
