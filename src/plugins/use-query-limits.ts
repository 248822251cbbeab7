import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import type { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Config } from "../runtime/config.js";

/** GraphQL Armor's errors carry no code; clients get one they can act on. */
const tag = (_ctx: unknown, error: GraphQLError) => {
  Object.assign(error.extensions, { code: "QUERY_TOO_COMPLEX" });
};

/**
 * Limits on what one operation may ask: depth, cost, aliases (which would otherwise multiply calls to
 * Para), directives and tokens. Field suggestions in errors are blocked outside dev mode, as they
 * reveal the schema when introspection is off.
 */
export function useQueryLimits(config: Pick<Config, "limits" | "devMode">): Plugin {
  const { limits } = config;
  const onReject = [tag];
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, onReject },
    maxAliases: { n: limits.maxAliases, onReject },
    costLimit: { maxCost: limits.maxCost, onReject },
    maxDirectives: { n: 20, onReject },
    maxTokens: { n: limits.maxTokens, onReject },
    blockFieldSuggestion: { enabled: !config.devMode },
  }) as Plugin;
}
