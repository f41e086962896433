// The settings an organisation can push to Burnlink (browser policy, read through
// `storage.managed`): one zod schema, from which Chrome's managed_schema.json is generated at build
// time (wxt.config.ts). Firefox reads the same keys from policies.json (3rdparty) or a managed
// storage manifest. docs/DEPLOY.md shows both.
import { z } from 'zod/mini';
import { MAX_READS_LIMIT } from '../core/protocol';

/** Longest expiry an organisation may set as the default: a year, in seconds. */
const MAX_EXPIRY_SECONDS = 365 * 24 * 3600;

const sites = (what: string) => z.array(z.string()).check(z.meta({
  title: `${what}: sites`,
  description: `${what} runs on these sites, such as "https://app.slack.com" (every page of each). People are asked once to allow Burnlink on them.`,
}));

export const managedSettingsSchema = z.partial(z.object({
  server: z.string().check(z.meta({
    title: 'Note server',
    description: 'Base address of the note server, such as "https://burnlink.example.com" (https, or http only for this computer).',
  })),
  createToken: z.string().check(z.meta({
    title: 'Create token',
    description: 'The note server\'s create token, when it requires one (its CREATE_TOKEN).',
  })),
  lockServer: z.boolean().check(z.meta({
    title: 'Lock the note server',
    description: 'With "server" set: true (the default) means people cannot change the note server or the create token; false makes them only the starting values.',
  })),
  defaultExpiry: z.int().check(z.minimum(1), z.maximum(MAX_EXPIRY_SECONDS), z.meta({
    title: 'Default expiry',
    description: 'Expiry of new links, in seconds, such as 3600 (1 hour) or 86400 (24 hours): one of the note server\'s EXPIRY_CHOICES. People cannot change it.',
  })),
  defaultReads: z.int().check(z.minimum(1), z.maximum(MAX_READS_LIMIT), z.meta({
    title: 'Default reads',
    description: `How many times a new link can be read, 1 to ${MAX_READS_LIMIT}. People cannot change it.`,
  })),
  detectionSites: sites('Link detection'),
  guardSites: sites('The secret guard'),
}));

export type ManagedSettings = z.infer<typeof managedSettingsSchema>;
export type ManagedKey = keyof ManagedSettings;

/** What Chrome's policy schema format understands (a subset of JSON Schema draft 3/4). */
const CHROME_KEYWORDS = new Set(['type', 'properties', 'items', 'title', 'description', 'minimum', 'maximum', 'enum', 'pattern']);

/** `value` with only the keywords Chrome knows; `names` when it is a map of property names. */
function chromeOnly(value: unknown, names = false): unknown {
  if (Array.isArray(value)) return value.map((item) => chromeOnly(item));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value)
    .filter(([key]) => names || CHROME_KEYWORDS.has(key))
    .map(([key, inner]) => [key, chromeOnly(inner, !names && key === 'properties')]));
}

/** Chrome's `storage.managed_schema` file, generated from the zod schema. */
export function chromeManagedSchema(): unknown {
  return chromeOnly(z.toJSONSchema(managedSettingsSchema, { target: 'draft-4' }));
}
