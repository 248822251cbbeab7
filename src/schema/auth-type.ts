import { builder } from "../builder.js";

/** Para's auth types (`AuthType` of @getpara/user-management-client 2.18.0), as the enum's values name them. */
const PARA_AUTH_TYPES = {
  email: "EMAIL",
  phone: "PHONE",
  phoneLegacy: "PHONE_LEGACY",
  farcaster: "FARCASTER",
  telegram: "TELEGRAM",
  userId: "USER_ID",
  externalWallet: "EXTERNAL_WALLET",
  discord: "DISCORD",
  x: "X",
  customId: "CUSTOM_ID",
  guestId: "GUEST_ID",
} as const;

type AuthType = (typeof PARA_AUTH_TYPES)[keyof typeof PARA_AUTH_TYPES] | "OTHER";

export const AuthTypeEnum = builder.enumType("AuthType", {
  description: "How the user logged in to Para. OTHER for a method newer than this gateway.",
  values: Object.fromEntries(
    [...Object.entries(PARA_AUTH_TYPES), ["", "OTHER"]].map(([para, value]) => [
      value,
      { value, description: para ? `Para's "${para}".` : "A method Para added after this gateway was built." },
    ]),
  ) as Record<AuthType, { value: AuthType; description: string }>,
});

/** The enum value for Para's auth type string. */
export const authTypeOf = (para: string): AuthType => PARA_AUTH_TYPES[para as keyof typeof PARA_AUTH_TYPES] ?? "OTHER";
