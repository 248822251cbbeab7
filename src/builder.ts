import SchemaBuilder from "@pothos/core";
import DirectivesPlugin from "@pothos/plugin-directives";
import FederationPlugin from "@pothos/plugin-federation";
import { DateTimeResolver } from "graphql-scalars";
import { WALLET_TYPES } from "./chains/addresses.js";
import type { Context } from "./context.js";

/** The one schema builder: its context type, scalars and root types. Each `schema/` module adds to it. */
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date | string } };
  DefaultFieldNullability: false;
}>({
  // Federation (with the directives it prints) adds nothing to the standalone schema: see schema/federation/.
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.addScalarType("DateTime", DateTimeResolver, {
  description: "A date and time, as an ISO-8601 string in UTC (for example 2026-11-27T15:08:00.000Z).",
});

export const WalletTypeEnum = builder.enumType("WalletType", {
  description: "The chain family a Para wallet belongs to.",
  values: Object.fromEntries(WALLET_TYPES.map((type) => [type, { value: type, description: `A ${type} wallet.` }])),
});

builder.queryType({ description: "Reading sessions and verifying wallets and verification tokens." });
builder.mutationType({ description: "Importing, extending, using and ending sessions." });
builder.subscriptionType({ description: "Events of the request's session, over Server-Sent Events." });
