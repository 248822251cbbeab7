import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { createYoga } from "graphql-yoga";

/** A team's own subgraph: it extends the Para user with the user's orders, keyed by Para's user id. */
export const ORDERS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

type ParaUser @key(fields: "id") {
  id: ID!
  orders: [Order!]!
}

type Order {
  id: ID!
  total: Int!
}
`;

export interface OrdersSubgraph {
  url: string;
  /** The user ids the router asked this subgraph about, in order. */
  asked: string[];
  close: () => Promise<void>;
}

export async function startOrdersSubgraph(orders: Record<string, { id: string; total: number }[]>, sdl = ORDERS_SDL) {
  const asked: string[] = [];
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      ParaUser: {
        __resolveReference: (user: { id: string }) => {
          asked.push(user.id);
          return user;
        },
        orders: (user: { id: string }) => orders[user.id] ?? [],
      },
    },
  });
  const server = createServer(createYoga({ schema, logging: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies OrdersSubgraph;
}
