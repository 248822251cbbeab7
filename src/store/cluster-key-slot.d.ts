/** The package ioredis itself routes keys by: a key's cluster slot (CRC16 of its hash tag, mod 16384). */
declare module "cluster-key-slot" {
  export default function calculateSlot(key: string | Buffer): number;
}
