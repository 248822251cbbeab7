/** The operations the gateway tests send, written once. */
export const IMPORT = `mutation Import($session: String!) {
  importSession(session: $session) {
    sessionToken
    session { id userId authType identifier active signersPresent importedAt expiresAt wallets { id type address publicKey } }
  }
}`;
export const SESSION = "query { session { userId identifier active expiresAt wallets { id type address } } }";
export const KEEP_ALIVE = "mutation { keepSessionAlive { alive session { expiresAt active } } }";
export const ISSUE_JWT = `mutation Jwt($keyIndex: Int) {
  issueJwt(keyIndex: $keyIndex) {
    token keyId expiresAt
    claims { userId subject audience issuedAt expiresAt authType identifier email phone wallets { id type address publicKey } }
  }
}`;
export const VERIFY_WALLET =
  "query V($address: String!) { verifyWallet(address: $address) { address verified walletId } }";
export const VERIFY_WALLETS =
  "query V($addresses: [String!]!) { verifyWallets(addresses: $addresses) { address verified walletId } }";
export const VERIFY_SESSION = `query S($token: String!) {
  verifySession(verificationToken: $token) { valid userId authType identifier oAuthMethod }
}`;
export const END_SESSION = "mutation { endSession { ended } }";
export const VERIFY_JWT = `query V($token: String!) {
  verifyJwt(token: $token) { valid reason keyId expiresAt claims { userId identifier email wallets { id address } } }
}`;
