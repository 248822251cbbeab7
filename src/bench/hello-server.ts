import { createSchema, createYoga } from "graphql-yoga";
import { listen } from "./listen.js";

/** `{ hello }` → "world" on plain Yoga: the ceiling of any Yoga gateway on this machine. */
const yoga = createYoga({
  schema: createSchema({
    typeDefs: "type Query { hello: String! }",
    resolvers: { Query: { hello: () => "world" } },
  }),
  graphiql: false,
  logging: false,
});

await listen(yoga);
