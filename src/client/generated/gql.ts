/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation IssueJwt($keyIndex: Int) {\n  issueJwt(keyIndex: $keyIndex) {\n    token\n    keyId\n    expiresAt\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n    claims {\n      userId\n      subject\n      audience\n      issuedAt\n      expiresAt\n      authType\n      identifier\n      email\n      phone\n      oAuthMethod\n      wallets {\n        id\n        type\n        address\n        publicKey\n      }\n    }\n  }\n}\n\nquery VerifyJwt($token: String!) {\n  verifyJwt(token: $token) {\n    valid\n    reason\n    keyId\n    expiresAt\n    claims {\n      userId\n      authType\n      identifier\n      email\n      phone\n      wallets {\n        id\n        type\n        address\n      }\n    }\n  }\n}": typeof types.IssueJwtDocument,
    "subscription SessionEvents {\n  sessionEvents {\n    type\n    sessionId\n    at\n    expiresAt\n  }\n}": typeof types.SessionEventsDocument,
    "fragment SessionFields on Session {\n  id\n  userId\n  authType\n  identifier\n  active\n  signersPresent\n  keepAlive\n  importedAt\n  expiresAt\n  lastExtendedAt\n  wallets {\n    id\n    type\n    address\n    publicKey\n  }\n}\n\nmutation ImportSession($session: String!, $keepAlive: Boolean) {\n  importSession(session: $session, keepAlive: $keepAlive) {\n    sessionToken\n    session {\n      ...SessionFields\n    }\n  }\n}\n\nquery CurrentSession {\n  session {\n    ...SessionFields\n  }\n}\n\nmutation KeepSessionAlive {\n  keepSessionAlive {\n    alive\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n  }\n}\n\nmutation SetKeepAlive($enabled: Boolean!) {\n  setKeepAlive(enabled: $enabled) {\n    id\n    keepAlive\n    expiresAt\n  }\n}\n\nquery MySessions {\n  mySessions {\n    id\n    importedAt\n    expiresAt\n    keepAlive\n    current\n  }\n}\n\nmutation EndSession($id: ID) {\n  endSession(id: $id) {\n    ended\n    sessionId\n  }\n}\n\nmutation EndAllSessions {\n  endAllSessions\n}": typeof types.SessionFieldsFragmentDoc,
    "query VerifyWallet($address: String!) {\n  verifyWallet(address: $address) {\n    address\n    verified\n    walletId\n  }\n}\n\nquery VerifyWallets($addresses: [String!]!) {\n  verifyWallets(addresses: $addresses) {\n    address\n    verified\n    walletId\n    problem {\n      code\n      message\n    }\n  }\n}\n\nquery VerifySession($verificationToken: String!) {\n  verifySession(verificationToken: $verificationToken) {\n    valid\n    userId\n    authType\n    identifier\n    oAuthMethod\n  }\n}": typeof types.VerifyWalletDocument,
};
const documents: Documents = {
    "mutation IssueJwt($keyIndex: Int) {\n  issueJwt(keyIndex: $keyIndex) {\n    token\n    keyId\n    expiresAt\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n    claims {\n      userId\n      subject\n      audience\n      issuedAt\n      expiresAt\n      authType\n      identifier\n      email\n      phone\n      oAuthMethod\n      wallets {\n        id\n        type\n        address\n        publicKey\n      }\n    }\n  }\n}\n\nquery VerifyJwt($token: String!) {\n  verifyJwt(token: $token) {\n    valid\n    reason\n    keyId\n    expiresAt\n    claims {\n      userId\n      authType\n      identifier\n      email\n      phone\n      wallets {\n        id\n        type\n        address\n      }\n    }\n  }\n}": types.IssueJwtDocument,
    "subscription SessionEvents {\n  sessionEvents {\n    type\n    sessionId\n    at\n    expiresAt\n  }\n}": types.SessionEventsDocument,
    "fragment SessionFields on Session {\n  id\n  userId\n  authType\n  identifier\n  active\n  signersPresent\n  keepAlive\n  importedAt\n  expiresAt\n  lastExtendedAt\n  wallets {\n    id\n    type\n    address\n    publicKey\n  }\n}\n\nmutation ImportSession($session: String!, $keepAlive: Boolean) {\n  importSession(session: $session, keepAlive: $keepAlive) {\n    sessionToken\n    session {\n      ...SessionFields\n    }\n  }\n}\n\nquery CurrentSession {\n  session {\n    ...SessionFields\n  }\n}\n\nmutation KeepSessionAlive {\n  keepSessionAlive {\n    alive\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n  }\n}\n\nmutation SetKeepAlive($enabled: Boolean!) {\n  setKeepAlive(enabled: $enabled) {\n    id\n    keepAlive\n    expiresAt\n  }\n}\n\nquery MySessions {\n  mySessions {\n    id\n    importedAt\n    expiresAt\n    keepAlive\n    current\n  }\n}\n\nmutation EndSession($id: ID) {\n  endSession(id: $id) {\n    ended\n    sessionId\n  }\n}\n\nmutation EndAllSessions {\n  endAllSessions\n}": types.SessionFieldsFragmentDoc,
    "query VerifyWallet($address: String!) {\n  verifyWallet(address: $address) {\n    address\n    verified\n    walletId\n  }\n}\n\nquery VerifyWallets($addresses: [String!]!) {\n  verifyWallets(addresses: $addresses) {\n    address\n    verified\n    walletId\n    problem {\n      code\n      message\n    }\n  }\n}\n\nquery VerifySession($verificationToken: String!) {\n  verifySession(verificationToken: $verificationToken) {\n    valid\n    userId\n    authType\n    identifier\n    oAuthMethod\n  }\n}": types.VerifyWalletDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueJwt($keyIndex: Int) {\n  issueJwt(keyIndex: $keyIndex) {\n    token\n    keyId\n    expiresAt\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n    claims {\n      userId\n      subject\n      audience\n      issuedAt\n      expiresAt\n      authType\n      identifier\n      email\n      phone\n      oAuthMethod\n      wallets {\n        id\n        type\n        address\n        publicKey\n      }\n    }\n  }\n}\n\nquery VerifyJwt($token: String!) {\n  verifyJwt(token: $token) {\n    valid\n    reason\n    keyId\n    expiresAt\n    claims {\n      userId\n      authType\n      identifier\n      email\n      phone\n      wallets {\n        id\n        type\n        address\n      }\n    }\n  }\n}"): (typeof documents)["mutation IssueJwt($keyIndex: Int) {\n  issueJwt(keyIndex: $keyIndex) {\n    token\n    keyId\n    expiresAt\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n    claims {\n      userId\n      subject\n      audience\n      issuedAt\n      expiresAt\n      authType\n      identifier\n      email\n      phone\n      oAuthMethod\n      wallets {\n        id\n        type\n        address\n        publicKey\n      }\n    }\n  }\n}\n\nquery VerifyJwt($token: String!) {\n  verifyJwt(token: $token) {\n    valid\n    reason\n    keyId\n    expiresAt\n    claims {\n      userId\n      authType\n      identifier\n      email\n      phone\n      wallets {\n        id\n        type\n        address\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SessionEvents {\n  sessionEvents {\n    type\n    sessionId\n    at\n    expiresAt\n  }\n}"): (typeof documents)["subscription SessionEvents {\n  sessionEvents {\n    type\n    sessionId\n    at\n    expiresAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SessionFields on Session {\n  id\n  userId\n  authType\n  identifier\n  active\n  signersPresent\n  keepAlive\n  importedAt\n  expiresAt\n  lastExtendedAt\n  wallets {\n    id\n    type\n    address\n    publicKey\n  }\n}\n\nmutation ImportSession($session: String!, $keepAlive: Boolean) {\n  importSession(session: $session, keepAlive: $keepAlive) {\n    sessionToken\n    session {\n      ...SessionFields\n    }\n  }\n}\n\nquery CurrentSession {\n  session {\n    ...SessionFields\n  }\n}\n\nmutation KeepSessionAlive {\n  keepSessionAlive {\n    alive\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n  }\n}\n\nmutation SetKeepAlive($enabled: Boolean!) {\n  setKeepAlive(enabled: $enabled) {\n    id\n    keepAlive\n    expiresAt\n  }\n}\n\nquery MySessions {\n  mySessions {\n    id\n    importedAt\n    expiresAt\n    keepAlive\n    current\n  }\n}\n\nmutation EndSession($id: ID) {\n  endSession(id: $id) {\n    ended\n    sessionId\n  }\n}\n\nmutation EndAllSessions {\n  endAllSessions\n}"): (typeof documents)["fragment SessionFields on Session {\n  id\n  userId\n  authType\n  identifier\n  active\n  signersPresent\n  keepAlive\n  importedAt\n  expiresAt\n  lastExtendedAt\n  wallets {\n    id\n    type\n    address\n    publicKey\n  }\n}\n\nmutation ImportSession($session: String!, $keepAlive: Boolean) {\n  importSession(session: $session, keepAlive: $keepAlive) {\n    sessionToken\n    session {\n      ...SessionFields\n    }\n  }\n}\n\nquery CurrentSession {\n  session {\n    ...SessionFields\n  }\n}\n\nmutation KeepSessionAlive {\n  keepSessionAlive {\n    alive\n    session {\n      id\n      active\n      expiresAt\n      lastExtendedAt\n    }\n  }\n}\n\nmutation SetKeepAlive($enabled: Boolean!) {\n  setKeepAlive(enabled: $enabled) {\n    id\n    keepAlive\n    expiresAt\n  }\n}\n\nquery MySessions {\n  mySessions {\n    id\n    importedAt\n    expiresAt\n    keepAlive\n    current\n  }\n}\n\nmutation EndSession($id: ID) {\n  endSession(id: $id) {\n    ended\n    sessionId\n  }\n}\n\nmutation EndAllSessions {\n  endAllSessions\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query VerifyWallet($address: String!) {\n  verifyWallet(address: $address) {\n    address\n    verified\n    walletId\n  }\n}\n\nquery VerifyWallets($addresses: [String!]!) {\n  verifyWallets(addresses: $addresses) {\n    address\n    verified\n    walletId\n    problem {\n      code\n      message\n    }\n  }\n}\n\nquery VerifySession($verificationToken: String!) {\n  verifySession(verificationToken: $verificationToken) {\n    valid\n    userId\n    authType\n    identifier\n    oAuthMethod\n  }\n}"): (typeof documents)["query VerifyWallet($address: String!) {\n  verifyWallet(address: $address) {\n    address\n    verified\n    walletId\n  }\n}\n\nquery VerifyWallets($addresses: [String!]!) {\n  verifyWallets(addresses: $addresses) {\n    address\n    verified\n    walletId\n    problem {\n      code\n      message\n    }\n  }\n}\n\nquery VerifySession($verificationToken: String!) {\n  verifySession(verificationToken: $verificationToken) {\n    valid\n    userId\n    authType\n    identifier\n    oAuthMethod\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;