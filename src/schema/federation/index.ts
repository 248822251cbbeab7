import type { GraphQLSchema } from "graphql";
import { builder } from "../../builder.js";
// The standalone schema first, so its printed form is built before the entity exists and stays as it was.
import "../index.js";
import "./para-user.js";

/**
 * The same schema as an Apollo Federation 2 subgraph (SCHEMA_MODE=subgraph): everything the standalone
 * gateway serves, plus the Para user as an entity (`me`, `ParaUser @key(fields: "id")`), `_service` and
 * `_entities`.
 */
export const subgraphSchema: GraphQLSchema = builder.toSubGraphSchema({
  linkUrl: "https://specs.apollo.dev/federation/v2.6",
  federationDirectives: ["@key"],
});
