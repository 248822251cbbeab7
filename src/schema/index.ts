import { lexicographicSortSchema } from "graphql";
import { builder } from "../builder.js";
import "./session.js";
import "./jwt.js";
import "./wallet-verification.js";
import "./session-verification.js";
import "./session-events.js";

/** The gateway's schema, sorted so that its printed form is stable. */
export const schema = lexicographicSortSchema(builder.toSchema());
