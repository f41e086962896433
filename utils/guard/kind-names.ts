// What each kind of secret is called where the extension names it to people, by rule: the page
// scan's list (and anyone else who names a finding) words it in the browser's language.
import type { MessageKey } from '../i18n/translate';
import type { RuleId } from './rules';

export const KIND_NAMES = {
  'aws-access-key': 'scan.kind.awsAccessKey',
  'aws-secret-key': 'scan.kind.awsSecretKey',
  'github-pat': 'scan.kind.githubPat',
  'github-fine-grained': 'scan.kind.githubFineGrained',
  'github-oauth': 'scan.kind.githubOauth',
  'github-app': 'scan.kind.githubApp',
  'github-refresh': 'scan.kind.githubRefresh',
  'gitlab-pat': 'scan.kind.gitlabPat',
  'gitlab-token': 'scan.kind.gitlabToken',
  'slack-bot': 'scan.kind.slackBot',
  'slack-user': 'scan.kind.slackUser',
  'slack-app': 'scan.kind.slackApp',
  'slack-config': 'scan.kind.slackConfig',
  'slack-webhook': 'scan.kind.slackWebhook',
  'stripe-live': 'scan.kind.stripeLive',
  'stripe-restricted': 'scan.kind.stripeRestricted',
  'openai': 'scan.kind.openai',
  'anthropic': 'scan.kind.anthropic',
  'google-api-key': 'scan.kind.googleApiKey',
  'google-service-account': 'scan.kind.googleServiceAccount',
  'azure-storage': 'scan.kind.azureStorage',
  'twilio': 'scan.kind.twilio',
  'sendgrid': 'scan.kind.sendgrid',
  'npm': 'scan.kind.npm',
  'pypi': 'scan.kind.pypi',
  'docker-hub': 'scan.kind.dockerHub',
  'digitalocean': 'scan.kind.digitalocean',
  'shopify': 'scan.kind.shopify',
  'jwt': 'scan.kind.jwt',
  'private-key': 'scan.kind.privateKey',
  'database-url': 'scan.kind.databaseUrl',
  'password-assignment': 'scan.kind.passwordAssignment',
} as const satisfies Record<RuleId, MessageKey>;
