/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why an address was not checked. */
export type AddressProblemCode =
  /** The address is empty. */
  | 'EMPTY'
  /** Mixed case that fails EIP-55's checksum: a mistyped character. */
  | 'EVM_CHECKSUM'
  /** bech32 that fails its checksum or holds no 20- or 32-byte account. */
  | 'MALFORMED_COSMOS'
  /** Starts with 0x but is not 40 hex digits. */
  | 'MALFORMED_EVM'
  /** base58 that does not decode to 32 bytes. */
  | 'MALFORMED_SOLANA'
  /** Longer than any supported chain's address. */
  | 'TOO_LONG'
  /** Not an EVM, Solana or Cosmos address. */
  | 'UNKNOWN_FORMAT';

/** How the user logged in to Para. OTHER for a method newer than this gateway. */
export type AuthType =
  /** Para's "customId". */
  | 'CUSTOM_ID'
  /** Para's "discord". */
  | 'DISCORD'
  /** Para's "email". */
  | 'EMAIL'
  /** Para's "externalWallet". */
  | 'EXTERNAL_WALLET'
  /** Para's "farcaster". */
  | 'FARCASTER'
  /** Para's "guestId". */
  | 'GUEST_ID'
  /** A method Para added after this gateway was built. */
  | 'OTHER'
  /** Para's "phone". */
  | 'PHONE'
  /** Para's "phoneLegacy". */
  | 'PHONE_LEGACY'
  /** Para's "telegram". */
  | 'TELEGRAM'
  /** Para's "userId". */
  | 'USER_ID'
  /** Para's "x". */
  | 'X';

/** Why a token was refused. */
export type JwtRejection =
  /** Signed with anything but RS256 (none, HS256, …). */
  | 'ALGORITHM_NOT_ALLOWED'
  /** The signature does not match the header and payload. */
  | 'BAD_SIGNATURE'
  /** Past its exp (beyond JWT_CLOCK_TOLERANCE_S). */
  | 'EXPIRED'
  /** Not a JWT, or without the claims every Para JWT carries. */
  | 'MALFORMED'
  /** Before its nbf or iat (beyond JWT_CLOCK_TOLERANCE_S). */
  | 'NOT_YET_VALID'
  /** Its kid names no key in Para's key set, even after a refetch. */
  | 'UNKNOWN_KEY'
  /** Its aud is not PARA_JWT_AUDIENCE. */
  | 'WRONG_AUDIENCE';

/** What happened to the session. */
export type SessionEventType =
  /** The session was ended in the gateway (endSession or endAllSessions, on any replica). The stream ends. */
  | 'ENDED'
  /** The session is over: its expiry passed with nothing extending it (the gateway no longer holds it), or Para says so. The stream ends. */
  | 'EXPIRED'
  /** The session ends within SESSION_EXPIRING_NOTICE_MS and nothing has extended it. */
  | 'EXPIRING'
  /** Para extended the session (keepSessionAlive, issueJwt, or the keeper); expiresAt is the new expiry. */
  | 'EXTENDED';

/** The chain family a Para wallet belongs to. */
export type WalletType =
  /** A COSMOS wallet. */
  | 'COSMOS'
  /** A EVM wallet. */
  | 'EVM'
  /** A SOLANA wallet. */
  | 'SOLANA';

export type IssueJwtMutationVariables = Exact<{
  keyIndex?: number | null | undefined;
}>;


export type IssueJwtMutation = { __typename: 'Mutation', issueJwt: { __typename: 'IssueJwtPayload', token: string, keyId: string, expiresAt: string, session: { __typename: 'Session', id: string, active: boolean | null, expiresAt: string, lastExtendedAt: string | null }, claims: { __typename: 'JwtClaims', userId: string, subject: string, audience: string | null, issuedAt: string, expiresAt: string, authType: AuthType, identifier: string, email: string | null, phone: string | null, oAuthMethod: string | null, wallets: Array<{ __typename: 'Wallet', id: string, type: WalletType, address: string | null, publicKey: string | null }> } } };

export type VerifyJwtQueryVariables = Exact<{
  token: string;
}>;


export type VerifyJwtQuery = { __typename: 'Query', verifyJwt: { __typename: 'JwtVerification', valid: boolean, reason: JwtRejection | null, keyId: string | null, expiresAt: string | null, claims: { __typename: 'JwtClaims', userId: string, authType: AuthType, identifier: string, email: string | null, phone: string | null, wallets: Array<{ __typename: 'Wallet', id: string, type: WalletType, address: string | null }> } | null } };

export type SessionEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SessionEventsSubscription = { sessionEvents: { __typename: 'SessionEvent', type: SessionEventType, sessionId: string, at: string, expiresAt: string | null } };

export type SessionFieldsFragment = { __typename: 'Session', id: string, userId: string, authType: AuthType, identifier: string, active: boolean | null, signersPresent: boolean, keepAlive: boolean, importedAt: string, expiresAt: string, lastExtendedAt: string | null, wallets: Array<{ __typename: 'Wallet', id: string, type: WalletType, address: string | null, publicKey: string | null }> };

export type ImportSessionMutationVariables = Exact<{
  session: string;
  keepAlive?: boolean | null | undefined;
}>;


export type ImportSessionMutation = { __typename: 'Mutation', importSession: { __typename: 'ImportSessionPayload', sessionToken: string, session: { __typename: 'Session', id: string, userId: string, authType: AuthType, identifier: string, active: boolean | null, signersPresent: boolean, keepAlive: boolean, importedAt: string, expiresAt: string, lastExtendedAt: string | null, wallets: Array<{ __typename: 'Wallet', id: string, type: WalletType, address: string | null, publicKey: string | null }> } } };

export type CurrentSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type CurrentSessionQuery = { __typename: 'Query', session: { __typename: 'Session', id: string, userId: string, authType: AuthType, identifier: string, active: boolean | null, signersPresent: boolean, keepAlive: boolean, importedAt: string, expiresAt: string, lastExtendedAt: string | null, wallets: Array<{ __typename: 'Wallet', id: string, type: WalletType, address: string | null, publicKey: string | null }> } | null };

export type KeepSessionAliveMutationVariables = Exact<{ [key: string]: never; }>;


export type KeepSessionAliveMutation = { __typename: 'Mutation', keepSessionAlive: { __typename: 'KeepSessionAlivePayload', alive: boolean, session: { __typename: 'Session', id: string, active: boolean | null, expiresAt: string, lastExtendedAt: string | null } } };

export type SetKeepAliveMutationVariables = Exact<{
  enabled: boolean;
}>;


export type SetKeepAliveMutation = { __typename: 'Mutation', setKeepAlive: { __typename: 'Session', id: string, keepAlive: boolean, expiresAt: string } };

export type MySessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MySessionsQuery = { __typename: 'Query', mySessions: Array<{ __typename: 'SessionSummary', id: string, importedAt: string, expiresAt: string, keepAlive: boolean, current: boolean }> };

export type EndSessionMutationVariables = Exact<{
  id?: string | number | null | undefined;
}>;


export type EndSessionMutation = { __typename: 'Mutation', endSession: { __typename: 'EndSessionPayload', ended: boolean, sessionId: string | null } };

export type EndAllSessionsMutationVariables = Exact<{ [key: string]: never; }>;


export type EndAllSessionsMutation = { __typename: 'Mutation', endAllSessions: number };

export type VerifyWalletQueryVariables = Exact<{
  address: string;
}>;


export type VerifyWalletQuery = { __typename: 'Query', verifyWallet: { __typename: 'WalletVerification', address: string, verified: boolean, walletId: string | null } };

export type VerifyWalletsQueryVariables = Exact<{
  addresses: Array<string> | string;
}>;


export type VerifyWalletsQuery = { __typename: 'Query', verifyWallets: Array<{ __typename: 'WalletVerification', address: string, verified: boolean, walletId: string | null, problem: { __typename: 'AddressProblem', code: AddressProblemCode, message: string } | null }> };

export type VerifySessionQueryVariables = Exact<{
  verificationToken: string;
}>;


export type VerifySessionQuery = { __typename: 'Query', verifySession: { __typename: 'SessionVerification', valid: boolean, userId: string | null, authType: AuthType | null, identifier: string | null, oAuthMethod: string | null } };

export const SessionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"signersPresent"}},{"kind":"Field","name":{"kind":"Name","value":"keepAlive"}},{"kind":"Field","name":{"kind":"Name","value":"importedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastExtendedAt"}},{"kind":"Field","name":{"kind":"Name","value":"wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]} as unknown as DocumentNode<SessionFieldsFragment, unknown>;
export const IssueJwtDocument = {"__meta__":{"hash":"sha256:a4565a6eca1ee344231b9def2ab2e233bb59ea9d9c8390dc62a53348b3ba7394"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueJwt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keyIndex"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"issueJwt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keyIndex"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keyIndex"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastExtendedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"oAuthMethod"}},{"kind":"Field","name":{"kind":"Name","value":"wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]}}]}}]} as unknown as DocumentNode<IssueJwtMutation, IssueJwtMutationVariables>;
export const VerifyJwtDocument = {"__meta__":{"hash":"sha256:664e797b00eee8d3bfd34512edfe97d7f1332e39cd5b6e8ea249f9a664311a16"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyJwt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"verifyJwt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VerifyJwtQuery, VerifyJwtQueryVariables>;
export const SessionEventsDocument = {"__meta__":{"hash":"sha256:1c7bbf3252de69ba9dd54ffe4e4e1ef5081697e29705785b672072c1c37c4f67"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SessionEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<SessionEventsSubscription, SessionEventsSubscriptionVariables>;
export const ImportSessionDocument = {"__meta__":{"hash":"sha256:104e52ad59365ec9f02861991e8332c5c365cfe995b0d58574c88b5b8fc108ea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"session"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keepAlive"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"importSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"session"},"value":{"kind":"Variable","name":{"kind":"Name","value":"session"}}},{"kind":"Argument","name":{"kind":"Name","value":"keepAlive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keepAlive"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"sessionToken"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"signersPresent"}},{"kind":"Field","name":{"kind":"Name","value":"keepAlive"}},{"kind":"Field","name":{"kind":"Name","value":"importedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastExtendedAt"}},{"kind":"Field","name":{"kind":"Name","value":"wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]} as unknown as DocumentNode<ImportSessionMutation, ImportSessionMutationVariables>;
export const CurrentSessionDocument = {"__meta__":{"hash":"sha256:ef83bdc8711fa28edbd4bb07698228c880cc204bbfa6e4a6a0bf0d2935b31468"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurrentSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"signersPresent"}},{"kind":"Field","name":{"kind":"Name","value":"keepAlive"}},{"kind":"Field","name":{"kind":"Name","value":"importedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastExtendedAt"}},{"kind":"Field","name":{"kind":"Name","value":"wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"publicKey"}}]}}]}}]} as unknown as DocumentNode<CurrentSessionQuery, CurrentSessionQueryVariables>;
export const KeepSessionAliveDocument = {"__meta__":{"hash":"sha256:52358e5a2989041108e2704db9d35827e7f62128603baef9a982dfa23a7fd3c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"KeepSessionAlive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"keepSessionAlive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"alive"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastExtendedAt"}}]}}]}}]}}]} as unknown as DocumentNode<KeepSessionAliveMutation, KeepSessionAliveMutationVariables>;
export const SetKeepAliveDocument = {"__meta__":{"hash":"sha256:5255dd5001e62fd01f84e055bd799e7fc00415e68b8625adbf9b67bfaf2754a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetKeepAlive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"setKeepAlive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"keepAlive"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<SetKeepAliveMutation, SetKeepAliveMutationVariables>;
export const MySessionsDocument = {"__meta__":{"hash":"sha256:f282f038cca44d0e14957a0ed5b91d7a0a0a63ec173d470199e580979fc4e4c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"mySessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"importedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"keepAlive"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]}}]} as unknown as DocumentNode<MySessionsQuery, MySessionsQueryVariables>;
export const EndSessionDocument = {"__meta__":{"hash":"sha256:e352bc01e05fa91b8ceab56de995bb54411e6bdacf28367323a8d9410129992b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"ended"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}}]}}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const EndAllSessionsDocument = {"__meta__":{"hash":"sha256:29fedeab371b93236fa32f2f6e113ec5503ea405ea245f1ad63f843bf0a21eef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndAllSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"endAllSessions"}}]}}]} as unknown as DocumentNode<EndAllSessionsMutation, EndAllSessionsMutationVariables>;
export const VerifyWalletDocument = {"__meta__":{"hash":"sha256:2005adab05c88d1e92135219c7604c0243e9e51337e79a67afbe26cf3ba54c85"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyWallet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"address"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"verifyWallet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"address"},"value":{"kind":"Variable","name":{"kind":"Name","value":"address"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"walletId"}}]}}]}}]} as unknown as DocumentNode<VerifyWalletQuery, VerifyWalletQueryVariables>;
export const VerifyWalletsDocument = {"__meta__":{"hash":"sha256:2508f811006369611f4200bc373bffd1c4e6a860cd3b0be88f0c550b2f4c286a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyWallets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"addresses"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"verifyWallets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"addresses"},"value":{"kind":"Variable","name":{"kind":"Name","value":"addresses"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"walletId"}},{"kind":"Field","name":{"kind":"Name","value":"problem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyWalletsQuery, VerifyWalletsQueryVariables>;
export const VerifySessionDocument = {"__meta__":{"hash":"sha256:ff7552ffa8f1d0ff3093d5eb2949918619f472c761760ef4f0b2272ed8a2a5bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifySession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"verificationToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"verifySession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"verificationToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"verificationToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"oAuthMethod"}}]}}]}}]} as unknown as DocumentNode<VerifySessionQuery, VerifySessionQueryVariables>;