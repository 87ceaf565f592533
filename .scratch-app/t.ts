import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { WebhookEventMap } from '@octokit/webhooks-types';
export type X = WebhookDefinition;
export type Y = WebhookEventMap['push'];
